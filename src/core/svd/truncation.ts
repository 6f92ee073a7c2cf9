/**
 * Truncated SVD figures: what keeping only the k largest singular triplets
 * costs and saves. Compression comes only from truncation: the full
 * factorisation stores m² + mn + n² numbers, more than A's mn.
 */
import type { TruncationLevel } from '../derivation';
import { frobeniusNorm, type Mat } from '../linalg';

/** Numbers stored by a rank-k approximation: k columns of U and V plus k singular values. */
export function truncatedStorage(k: number, rows: number, cols: number): number {
  return k * (rows + cols + 1);
}

/** A_k = Σ_{i≤k} σᵢ uᵢ vᵢᵀ as a dense matrix. U is m×m (or m×r), V is n×n (or n×r). */
export function rankK(U: Mat, s: ArrayLike<number>, V: Mat, k: number): Mat {
  const m = U.rows;
  const n = V.rows;
  const out = new Float64Array(m * n);
  for (let t = 0; t < k; t++) {
    const sigma = s[t];
    if (sigma === 0) continue;
    for (let i = 0; i < m; i++) {
      const ui = U.data[i * U.cols + t] * sigma;
      if (ui === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) out[row + j] += ui * V.data[j * V.cols + t];
    }
  }
  return { rows: m, cols: n, data: out };
}

/**
 * ‖A − A_k‖_F by Eckart–Young, √(Σ_{i>k} σᵢ²), summed from the smallest σ up
 * (and scaled) so that tiny tails are not swallowed by rounding.
 */
export function eckartYoungError(s: ArrayLike<number>, k: number): number {
  let scale = 0;
  for (let i = k; i < s.length; i++) scale = Math.max(scale, Math.abs(s[i]));
  if (scale === 0) return 0;
  let sum = 0;
  for (let i = s.length - 1; i >= k; i--) sum += (s[i] / scale) ** 2;
  return scale * Math.sqrt(sum);
}

/**
 * Figures for every level k = 1..min(m,n): storage, ratio, and the error both
 * from Eckart–Young and measured directly on the reconstruction, so the panel
 * can show the theorem holding rather than just assert it.
 */
export function truncationLevels(A: Mat, U: Mat, s: ArrayLike<number>, V: Mat): TruncationLevel[] {
  const m = A.rows;
  const n = A.cols;
  const p = Math.min(m, n);
  const levels: TruncationLevel[] = [];
  // Build A_k incrementally: A_k = A_{k-1} + σ_k u_k v_kᵀ, so all levels cost O(p·mn).
  const acc = new Float64Array(m * n);
  const diff: Mat = { rows: m, cols: n, data: new Float64Array(m * n) };
  for (let k = 1; k <= p; k++) {
    const t = k - 1;
    const sigma = s[t];
    for (let i = 0; i < m; i++) {
      const ui = U.data[i * U.cols + t] * sigma;
      if (ui === 0) continue;
      for (let j = 0; j < n; j++) acc[i * n + j] += ui * V.data[j * V.cols + t];
    }
    for (let i = 0; i < m * n; i++) diff.data[i] = A.data[i] - acc[i];
    levels.push({
      k,
      storage: truncatedStorage(k, m, n),
      original: m * n,
      ratio: (m * n) / truncatedStorage(k, m, n),
      eckartYoung: eckartYoungError(s, k),
      direct: frobeniusNorm(diff),
    });
  }
  return levels;
}
