/**
 * Exact rational arithmetic on bigint, just enough for matrix entries.
 * Every operation that could make numbers explode (powers, roots) refuses
 * with `null` past a size bound, so one cell can never stall the parser.
 */
import type { Rational } from './types';

/** Results wider than this many bits are given up on (the cell keeps its double value). */
const MAX_BITS = 4096;
/** Decimal literals with more digits than this are not made exact: far beyond double precision anyway. */
const MAX_LITERAL_DIGITS = 400;

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

const abs = (x: bigint) => (x < 0n ? -x : x);

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = abs(x).toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** num/den reduced with a positive denominator; null when den is 0. */
export function rational(num: bigint, den: bigint = 1n): Rational | null {
  if (den === 0n) return null;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g === 1n ? { num, den } : { num: num / g, den: den / g };
}

export function neg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}

function bounded(r: Rational | null): Rational | null {
  return r && bitLength(r.num) + bitLength(r.den) <= MAX_BITS ? r : null;
}

export function add(a: Rational, b: Rational): Rational | null {
  return bounded(rational(a.num * b.den + b.num * a.den, a.den * b.den));
}

export function sub(a: Rational, b: Rational): Rational | null {
  return add(a, neg(b));
}

export function mul(a: Rational, b: Rational): Rational | null {
  return bounded(rational(a.num * b.num, a.den * b.den));
}

/** null also for division by zero; the caller reports that from the double value. */
export function div(a: Rational, b: Rational): Rational | null {
  return bounded(rational(a.num * b.den, a.den * b.num));
}

/** a^b when the result is rational and of reasonable size, else null. */
export function pow(a: Rational, b: Rational): Rational | null {
  if (b.num === 0n) return ONE;
  if (a.num === 0n) return b.num > 0n ? ZERO : null;
  if (a.den === 1n && (a.num === 1n || a.num === -1n) && b.den === 1n) {
    return b.num % 2n === 0n ? ONE : a; // ±1 to any integer power, however large
  }
  // A fractional exponent p/q needs an exact q-th root of the base first.
  let base: Rational | null = a;
  if (b.den !== 1n) {
    if (b.den > 64n) return null;
    base = root(a, Number(b.den));
    if (!base) return null;
  }
  const p = b.num < 0n ? -b.num : b.num;
  if (Number(p) * (bitLength(base.num) + bitLength(base.den)) > MAX_BITS) return null;
  const r: Rational = { num: base.num ** p, den: base.den ** p }; // still reduced
  return b.num < 0n ? rational(r.den, r.num) : r;
}

/** The exact k-th root of a rational, or null when it is irrational (or not real). */
export function root(a: Rational, k: number): Rational | null {
  if (a.num < 0n) {
    if (k % 2 === 0) return null;
    const r = root(neg(a), k);
    return r && neg(r);
  }
  if (bitLength(a.num) + bitLength(a.den) > MAX_BITS) return null;
  const n = exactIntegerRoot(a.num, k);
  const d = n === null ? null : exactIntegerRoot(a.den, k);
  return n === null || d === null ? null : { num: n, den: d };
}

function exactIntegerRoot(n: bigint, k: number): bigint | null {
  if (n < 2n) return n;
  const K = BigInt(k);
  // Newton's method from an upper bound decreases monotonically to the floor of the root.
  let x = 1n << BigInt(Math.ceil(bitLength(n) / k));
  for (;;) {
    const y = ((K - 1n) * x + n / x ** (K - 1n)) / K;
    if (y >= x) break;
    x = y;
  }
  return x ** K === n ? x : null;
}

/**
 * The rational value of a decimal literal given as its digits without the
 * point (`digits`), the count of digits after the point and the exponent.
 * `1.25e-3` is digits "125", fractionDigits 2, exponent -3.
 */
export function decimalRational(digits: string, fractionDigits: number, exponent: number, negative: boolean): Rational | null {
  const scale = fractionDigits - exponent; // value = digits × 10^-scale
  if (digits.length > MAX_LITERAL_DIGITS || Math.abs(scale) > MAX_LITERAL_DIGITS) return null;
  // Fast path in doubles, where every quantity below is an exactly representable integer
  // (digits < 10^15, 10^scale ≤ 10^22 and its divisors 2^a·5^b with a, b ≤ 22).
  if (digits.length <= 15 && scale >= 0 && scale <= 22) {
    const n = parseInt(digits, 10);
    const d = 10 ** scale;
    let a = n;
    let b = d;
    while (b !== 0) [a, b] = [b, a % b];
    const g = a === 0 ? d : a;
    const num = BigInt(n / g);
    return { num: negative ? -num : num, den: BigInt(d / g) };
  }
  const n = BigInt(digits);
  const r = scale >= 0 ? rational(n, 10n ** BigInt(scale)) : { num: n * 10n ** BigInt(-scale), den: 1n };
  return r && (negative ? neg(r) : r);
}

/** The nearest double to a rational, without overflowing on large numerators and denominators. */
export function toNumber(r: Rational): number {
  const n = Number(r.num);
  const d = Number(r.den);
  if (Math.abs(n) <= 2 ** 53 && d <= 2 ** 53) return n / d; // both exact: one correctly rounded division
  // Keep about 64 significant bits of each, divide, then scale back in two halves
  // so that an intermediate power of two cannot overflow on its own.
  const sn = Math.max(0, bitLength(r.num) - 64);
  const sd = Math.max(0, bitLength(r.den) - 64);
  const q = Number(r.num >> BigInt(sn)) / Number(r.den >> BigInt(sd));
  const k = sn - sd;
  const half = Math.trunc(k / 2);
  return q * 2 ** half * 2 ** (k - half);
}
