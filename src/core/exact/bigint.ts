/** Integer helpers on bigint shared by the exact-arithmetic modules. */

export function absBig(n: bigint): bigint {
  return n < 0n ? -n : n;
}

export function gcdBig(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function lcmBig(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return absBig((a / gcdBig(a, b)) * b);
}

/** ⌊√n⌋ for n ≥ 0 (Newton's method from a power of two above √n; exact for any size). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** The r with r² = n, or null when n is not a perfect square. */
export function exactSqrtBig(n: bigint): bigint | null {
  if (n < 0n) return null;
  const r = isqrt(n);
  return r * r === n ? r : null;
}

/** Primes up to this bound are tried; see `squarefreeDecompose`. */
const TRIAL_LIMIT = 100_000n;

/**
 * n = square² · free with `free` squarefree (sign kept on `free`).
 * Trial division to 10⁵ plus a perfect-square test of the cofactor is exact
 * whenever the cofactor is below 10¹⁵ (it then has at most two prime factors);
 * beyond that `free` may keep a large repeated prime, which only costs
 * simplicity, never correctness.
 */
export function squarefreeDecompose(n: bigint): { square: bigint; free: bigint } {
  if (n === 0n) return { square: 0n, free: 0n };
  const sign = n < 0n ? -1n : 1n;
  let m = absBig(n);
  let square = 1n;
  let free = 1n;
  for (let p = 2n; p <= TRIAL_LIMIT && p * p <= m; p += p === 2n ? 1n : 2n) {
    let count = 0;
    while (m % p === 0n) {
      m /= p;
      count++;
    }
    for (let i = 0; i + 1 < count; i += 2) square *= p;
    if (count % 2 === 1) free *= p;
  }
  const root = exactSqrtBig(m);
  if (root !== null) square *= root;
  else free *= m;
  return { square, free: sign * free };
}

/** Number of binary digits of |n| (1 for 0). */
export function bitLength(n: bigint): number {
  return absBig(n).toString(2).length;
}
