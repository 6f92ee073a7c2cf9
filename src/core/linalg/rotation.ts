/** Givens rotations: building them robustly, and applying them to pairs of rows. */

const SMALL = 2 ** -500, BIG = 2 ** 500, UP = 2 ** 600, DOWN = 2 ** -600;

/** Output of `givens`, reused so the QR sweeps allocate nothing per rotation. */
export const rot = { c: 1, s: 0, r: 0 };

/**
 * c, s, r with r = √(f² + g²) ≥ 0, c = f/r, s = g/r (c = 1, s = 0 when both are 0).
 * Inputs far from 1 are first scaled by an exact power of two: with subnormal
 * f and g, r rounded to the subnormal grid would give c² + s² ≠ 1, and the
 * "rotation" would quietly stop being orthogonal. In range, the direct formula
 * is correctly rounded to within an ulp and unbiased, which matters because
 * the same entries go through hundreds of rotations.
 */
export function givens(f: number, g: number): void {
  const m = Math.max(Math.abs(f), Math.abs(g));
  if (m === 0) {
    rot.c = 1; rot.s = 0; rot.r = 0;
    return;
  }
  const k = m < SMALL ? UP : m > BIG ? DOWN : 1;
  const fs = f * k, gs = g * k;
  const r = Math.sqrt(fs * fs + gs * gs);
  rot.c = fs / r;
  rot.s = gs / r;
  rot.r = r / k;
}

/** √(a² + b²) without overflow or underflow in the squares (see `givens`). */
export function safeHypot(a: number, b: number): number {
  const m = Math.max(Math.abs(a), Math.abs(b));
  if (m === 0) return 0;
  const k = m < SMALL ? UP : m > BIG ? DOWN : 1;
  const as = a * k, bs = b * k;
  return Math.sqrt(as * as + bs * bs) / k;
}

/**
 * Rows i and j of X (row length len) ← (c·xᵢ + s·xⱼ, c·xⱼ − s·xᵢ).
 * Singular vectors and eigenvectors are kept as rows while rotations are being
 * accumulated, so this loop walks two contiguous runs of memory. It is the
 * hottest loop of the SVD; unrolling by four is worth ~15% because V8 does
 * not unroll or vectorise on its own.
 */
export function rotateRows(X: Float64Array, len: number, i: number, j: number, c: number, s: number): void {
  const pi = i * len, pj = j * len;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    const a0 = X[pi + t], a1 = X[pi + t + 1], a2 = X[pi + t + 2], a3 = X[pi + t + 3];
    const b0 = X[pj + t], b1 = X[pj + t + 1], b2 = X[pj + t + 2], b3 = X[pj + t + 3];
    X[pi + t] = c * a0 + s * b0;
    X[pi + t + 1] = c * a1 + s * b1;
    X[pi + t + 2] = c * a2 + s * b2;
    X[pi + t + 3] = c * a3 + s * b3;
    X[pj + t] = c * b0 - s * a0;
    X[pj + t + 1] = c * b1 - s * a1;
    X[pj + t + 2] = c * b2 - s * a2;
    X[pj + t + 3] = c * b3 - s * a3;
  }
  for (; t < len; t++) {
    const a = X[pi + t], b = X[pj + t];
    X[pi + t] = c * a + s * b;
    X[pj + t] = c * b - s * a;
  }
}

/**
 * Rotations of one QR sweep arrive as (k, k+1), (k+1, k+2), …; applying them
 * two at a time reads and writes three rows per pair instead of four, about
 * 25% less time in the sweep's dominant cost. `k < 0` means nothing is pending.
 */
export interface RotationQueue {
  X: Float64Array;
  len: number;
  k: number;
  c: number;
  s: number;
}

export function rotationQueue(X: Float64Array, len: number): RotationQueue {
  return { X, len, k: -1, c: 1, s: 0 };
}

/** Queues the rotation of rows k and k+1; k must follow the pending rotation's k by one. */
export function queueRotation(q: RotationQueue, k: number, c: number, s: number): void {
  if (q.k < 0) {
    q.k = k; q.c = c; q.s = s;
    return;
  }
  const { X, len } = q, c1 = q.c, s1 = q.s;
  const p0 = q.k * len, p1 = p0 + len, p2 = p1 + len;
  for (let t = 0; t < len; t++) {
    const a = X[p0 + t], b = X[p1 + t], d = X[p2 + t];
    X[p0 + t] = c1 * a + s1 * b;
    const b1 = c1 * b - s1 * a;
    X[p1 + t] = c * b1 + s * d;
    X[p2 + t] = c * d - s * b1;
  }
  q.k = -1;
}

export function flushRotations(q: RotationQueue): void {
  if (q.k < 0) return;
  rotateRows(q.X, q.len, q.k, q.k + 1, q.c, q.s);
  q.k = -1;
}
