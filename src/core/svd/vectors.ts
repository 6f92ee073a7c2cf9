/** Small-vector helpers for the textbook derivation (sizes ≤ 4, plain arrays). */

export const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
export const norm = (a: number[]) => Math.hypot(...a);
export const scale = (a: number[], c: number) => a.map((x) => x * c);
export const sub = (a: number[], b: number[]) => a.map((x, i) => x - b[i]);
export const unit = (n: number, i: number): number[] => Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));

export function matVec(A: number[][], v: number[]): number[] {
  return A.map((row) => dot(row, v));
}

export function transposeRows(A: number[][]): number[][] {
  return A[0].map((_, j) => A.map((row) => row[j]));
}

export function matMul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, x, k) => s + x * B[k][j], 0)));
}

/**
 * The project's sign convention: the last entry whose magnitude exceeds
 * 1e-9·‖v‖∞ is made positive. It reproduces the textbook choices
 * v₂ = (−1, 1)/√2 and u₃ = (−1, 1, 1)/√3, and it is deterministic.
 */
export function lastSignificantSign(v: number[]): 1 | -1 {
  const big = Math.max(...v.map(Math.abs));
  for (let i = v.length - 1; i >= 0; i--) if (Math.abs(v[i]) > 1e-9 * big) return v[i] > 0 ? 1 : -1;
  return 1;
}

export function canonical(v: number[]): number[] {
  return lastSignificantSign(v) > 0 ? v : v.map((x) => -x);
}

/** Subscript digits for plain-text names: σ₁, v₂. */
export function sub_(i: number): string {
  return String(i).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
