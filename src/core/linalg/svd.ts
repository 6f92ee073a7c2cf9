/**
 * Full singular value decomposition A = U·Σ·Vᵀ: Householder bidiagonalisation,
 * then Golub–Kahan–Reinsch QR on the bidiagonal, with U (m×m) and V (n×n) both
 * complete orthogonal bases.
 */
import { MdlError } from '../errors';
import { bidiagonalize, leftVectorsAsRows, rightVectorsAsRows } from './householder';
import { diagonalizeBidiagonal } from './bidiagonal-qr';
import { identity, maxAbs, transpose, type Mat } from './matrix';
import { needsFlip, negateRange } from './sign';

/**
 * Largest m² + n² accepted by `svd`. The full U and V are dense: a 10×25 000
 * selection would need a 25 000×25 000 V (5 GB), so such shapes are refused up
 * front with a message instead of exhausting memory. 2²⁴ entries is 128 MB.
 */
export const MAX_FULL_SVD_ENTRIES = 2 ** 24;

export interface Svd {
  U: Mat;
  s: Float64Array;
  V: Mat;
}

/**
 * Full SVD A = U Σ Vᵀ: U is m×m orthogonal, V is n×n orthogonal, s has
 * min(m,n) entries, non-negative, descending.
 *
 * Signs: for i < rank, (uᵢ, vᵢ) are flipped together so that vᵢ satisfies
 * `canonicalSign`; columns at index ≥ rank (null spaces) are each made
 * canonical on their own. For those columns σᵢ ≤ max(m,n)·ε·σ₁, so the
 * independent flip changes U·Σ·Vᵀ by at most that much.
 */
export function svd(a: Mat): Svd {
  const { rows: m, cols: n } = a;
  if (m * m + n * n > MAX_FULL_SVD_ENTRIES) {
    throw new MdlError(
      'too-large',
      `A full SVD of a ${m}×${n} matrix needs U (${m}×${m}) and V (${n}×${n}): ${(m * m + n * n).toLocaleString('en-US')} ` +
        `numbers, more than the ${MAX_FULL_SVD_ENTRIES.toLocaleString('en-US')} allowed. Select fewer rows or columns.`,
    );
  }
  if (m === 0 || n === 0) return { U: identity(m), s: new Float64Array(0), V: identity(n) };
  const amax = maxAbs(a.data);
  if (!Number.isFinite(amax)) {
    throw new MdlError('non-finite', 'The matrix contains an infinite or NaN entry, so it has no SVD.');
  }

  // Work on the tall orientation: for m < n decompose Aᵀ = V·Σ·Uᵀ instead.
  const tall = m >= n;
  const p = tall ? m : n, q = tall ? n : m;
  const W = tall ? a.data.slice() : transpose(a).data;
  // Dividing by a power of two near max|aᵢⱼ| is exact and keeps every square
  // and product in the iteration far from overflow and underflow (inputs near 1e±150).
  const scale = amax > 0 ? 2 ** Math.floor(Math.log2(amax)) : 1;
  if (scale !== 1) for (let i = 0; i < W.length; i++) W[i] /= scale;

  const { d, e, tauLeft, tauRight } = bidiagonalize(W, p, q);
  const leftRows = leftVectorsAsRows(W, p, q, tauLeft);
  const rightRows = rightVectorsAsRows(W, q, tauRight);
  diagonalizeBidiagonal(d, e, leftRows, p, rightRows, q);

  for (let k = 0; k < q; k++) {
    if (d[k] < 0) {
      d[k] = -d[k];
      negateRange(rightRows, k * q, q);
    }
  }
  const order = Array.from({ length: q }, (_, i) => i).sort((i, j) => d[j] - d[i] || i - j);
  const s = new Float64Array(q);
  for (let i = 0; i < q; i++) s[i] = d[order[i]] * scale;
  const sortedLeft = permuteRows(leftRows, p, order);
  const sortedRight = permuteRows(rightRows, q, order);

  const uRows = tall ? sortedLeft : sortedRight;
  const vRows = tall ? sortedRight : sortedLeft;
  const rank = numericalRank(s, m, n);
  for (let i = 0; i < rank; i++) {
    if (needsFlip(vRows, i * n, n)) {
      negateRange(vRows, i * n, n);
      negateRange(uRows, i * m, m);
    }
  }
  for (let i = rank; i < m; i++) if (needsFlip(uRows, i * m, m)) negateRange(uRows, i * m, m);
  for (let i = rank; i < n; i++) if (needsFlip(vRows, i * n, n)) negateRange(vRows, i * n, n);

  return {
    U: transpose({ rows: m, cols: m, data: uRows }),
    s,
    V: transpose({ rows: n, cols: n, data: vRows }),
  };
}

/** Rows order[0], order[1], … of X first, then any remaining rows in place (row length len). */
function permuteRows(X: Float64Array, len: number, order: number[]): Float64Array {
  const out = X.slice();
  for (let i = 0; i < order.length; i++) {
    if (order[i] !== i) out.set(X.subarray(order[i] * len, (order[i] + 1) * len), i * len);
  }
  return out;
}

/** Numerical rank: number of σᵢ > max(m,n)·eps·σ₁ (NumPy's matrix_rank default tolerance). */
export function numericalRank(s: Float64Array, rows: number, cols: number): number {
  let top = 0;
  for (let i = 0; i < s.length; i++) top = Math.max(top, s[i]);
  const tol = Math.max(rows, cols) * Number.EPSILON * top;
  let rank = 0;
  for (let i = 0; i < s.length; i++) if (s[i] > tol) rank++;
  return rank;
}
