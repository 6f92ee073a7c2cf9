/**
 * Dense matrices as plain row-major Float64Arrays. No classes and no per-element
 * accessors: hot loops index `data` directly so the JIT sees flat typed-array code.
 * Pure TypeScript with no host APIs, so it runs in Node, the browser and workers.
 */
import { MdlError } from '../errors';

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  /** Entry (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Mat {
  checkShape(rows, cols);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Mat {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Copies a rectangular array of rows; ragged input is refused rather than padded. */
export function fromRows(rows: number[][]): Mat {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  const out = zeros(m, n);
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    if (row.length !== n) {
      throw new MdlError('ragged', `Row ${i + 1} has ${row.length} entries but row 1 has ${n}.`);
    }
    out.data.set(row, i * n);
  }
  return out;
}

export function toRows(m: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function clone(a: Mat): Mat {
  return { rows: a.rows, cols: a.cols, data: a.data.slice() };
}

/** Blocked so that both the reads and the writes stay within a few cache lines per tile. */
export function transpose(a: Mat): Mat {
  const { rows: m, cols: n, data: src } = a;
  const out = new Float64Array(m * n);
  const B = 32;
  for (let i0 = 0; i0 < m; i0 += B) {
    const i1 = Math.min(i0 + B, m);
    for (let j0 = 0; j0 < n; j0 += B) {
      const j1 = Math.min(j0 + B, n);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * m + i] = src[i * n + j];
      }
    }
  }
  return { rows: n, cols: m, data: out };
}

/**
 * C = AB with i-k-j order: the inner loop streams a row of B into a row of C,
 * both contiguous, so it vectorises and never strides down a column.
 */
export function multiply(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) {
    throw new MdlError('invalid-argument', `Cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}.`);
  }
  const m = a.rows, p = a.cols, n = b.cols;
  const A = a.data, Bd = b.data, C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let k = 0; k < p; k++) {
      const aik = A[i * p + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j] += aik * Bd[bk + j];
    }
  }
  return { rows: m, cols: n, data: C };
}

/** C = AᵀB without forming Aᵀ: row k of A and row k of B give a rank-1 update of C. */
export function multiplyTransposeA(a: Mat, b: Mat): Mat {
  if (a.rows !== b.rows) {
    throw new MdlError('invalid-argument', `Cannot multiply (${a.rows}×${a.cols})ᵀ by ${b.rows}×${b.cols}.`);
  }
  const p = a.rows, m = a.cols, n = b.cols;
  const A = a.data, Bd = b.data, C = new Float64Array(m * n);
  for (let k = 0; k < p; k++) {
    const ak = k * m, bk = k * n;
    for (let i = 0; i < m; i++) {
      const aki = A[ak + i];
      if (aki === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) C[ci + j] += aki * Bd[bk + j];
    }
  }
  return { rows: m, cols: n, data: C };
}

export function subtract(a: Mat, b: Mat): Mat {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new MdlError('invalid-argument', `Cannot subtract ${b.rows}×${b.cols} from ${a.rows}×${a.cols}.`);
  }
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] - b.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** ‖A‖_F, safe for entries near 1e±150 and beyond: see `scaledNorm`. */
export function frobeniusNorm(a: Mat): number {
  return scaledNorm(a.data, 0, a.data.length, 1);
}

export function column(a: Mat, j: number): Float64Array {
  if (!(j >= 0 && j < a.cols && Number.isInteger(j))) {
    throw new MdlError('invalid-argument', `Column ${j} is outside a matrix with ${a.cols} columns.`);
  }
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** Largest |entry|; 0 for an empty matrix; NaN if any entry is NaN, so callers can refuse it. */
export function maxAbs(data: Float64Array): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]);
    if (v > m) m = v;
    else if (v !== v) return NaN;
  }
  return m;
}

/**
 * Euclidean norm of `count` entries starting at `start`, `stride` apart.
 * Squaring 1e200 overflows and squaring 1e-200 underflows, so the sum is kept
 * as scale²·ssq with scale the largest magnitude seen so far (LAPACK dnrm2 idea).
 */
export function scaledNorm(x: Float64Array, start: number, count: number, stride: number): number {
  let scale = 0, ssq = 1, sawInfinity = false;
  for (let i = 0, p = start; i < count; i++, p += stride) {
    const av = Math.abs(x[p]);
    if (av === 0) continue;
    if (av !== av) return NaN;
    if (av === Infinity) {
      sawInfinity = true;
    } else if (av > scale) {
      const r = scale / av;
      ssq = 1 + ssq * r * r;
      scale = av;
    } else {
      const r = av / scale;
      ssq += r * r;
    }
  }
  return sawInfinity ? Infinity : scale * Math.sqrt(ssq);
}

function checkShape(rows: number, cols: number): void {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0)) {
    throw new MdlError('invalid-argument', `A matrix cannot be ${rows}×${cols}.`);
  }
}
