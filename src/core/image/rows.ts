/**
 * Rank-k images one pixel row at a time. The dense A_k = Σσᵢuᵢvᵢᵀ of a
 * 1024² channel is 8 MB per channel; building it, subtracting it from A and
 * rounding it were three passes over memory. Here each row of A_k is built in
 * a small buffer from a transposed copy of V (k contiguous rows of length n, so
 * the inner loop streams memory), handed to `visit`, and overwritten.
 */
import type { ChannelFactors } from './types';

/** Calls visit(i, row) for i = 0..m−1 with row = (A_k)ᵢ,: (the buffer is reused). */
export function forEachRankKRow(f: ChannelFactors, k: number, visit: (i: number, row: Float64Array) => void): void {
  const m = f.U.rows;
  const n = f.V.rows;
  const kk = f.U.cols;
  const vt = new Float64Array(k * n);
  for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) vt[t * n + j] = f.V.data[j * f.V.cols + t];
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let t = 0; t < k; t++) {
      const c = f.U.data[i * kk + t] * f.s[t];
      if (c === 0) continue;
      const base = t * n;
      for (let j = 0; j < n; j++) row[j] += c * vt[base + j];
    }
    visit(i, row);
  }
}
