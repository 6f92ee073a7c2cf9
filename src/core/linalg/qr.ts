/**
 * Householder QR of a thin panel of l vectors of length len, stored as l ROWS
 * (so each "column" of the usual tall len×l matrix is contiguous). Used to
 * orthonormalise the randomized range finder's iterates: Householder gives an
 * orthonormal basis to working precision even when the vectors are nearly or
 * exactly dependent (a rank-5 matrix with l = 60), where Gram–Schmidt or
 * Cholesky-QR would lose orthogonality or break down.
 */
import { makeReflector } from './householder';

export interface PanelQr {
  /** l×len, rows orthonormal: Qᵀ of the tall factor. */
  basis: Float64Array;
  /** l×l upper triangular R, row-major, with X (len×l, as given by rows) = Q·R. */
  R: Float64Array;
}

/** Factors X = Q·R where `rows` holds Xᵀ (l×len). `rows` is left untouched. */
export function panelQr(rows: Float64Array, l: number, len: number): PanelQr {
  if (l > len) throw new Error(`panelQr needs l ≤ len, got ${l} > ${len}`);
  const W = rows.slice(0, l * len);
  const tau = new Float64Array(l);
  for (let j = 0; j < l; j++) {
    const vj = j * len;
    tau[j] = makeReflector(W, vj + j, len - j, 1);
    const t = tau[j];
    if (t === 0) continue;
    // Apply H = I − τ·v·vᵀ (v[j] = 1 implicit) to the later vectors.
    for (let c = j + 1; c < l; c++) {
      const xc = c * len;
      let d = W[xc + j];
      for (let i = j + 1; i < len; i++) d += W[vj + i] * W[xc + i];
      const f = t * d;
      W[xc + j] -= f;
      for (let i = j + 1; i < len; i++) W[xc + i] -= f * W[vj + i];
    }
  }

  const R = new Float64Array(l * l);
  for (let c = 0; c < l; c++) for (let r = 0; r <= c; r++) R[r * l + c] = W[c * len + r];

  // Q = H₀·H₁···H_{l−1}·[I; 0]: column c starts as e_c and takes H_{l−1} … H₀ in turn
  // (reflectors after c leave e_c alone, so start at H_c).
  const basis = new Float64Array(l * len);
  for (let c = 0; c < l; c++) {
    const q = c * len;
    basis[q + c] = 1;
    for (let j = Math.min(c, l - 1); j >= 0; j--) {
      const t = tau[j];
      if (t === 0) continue;
      const vj = j * len;
      let d = basis[q + j];
      for (let i = j + 1; i < len; i++) d += W[vj + i] * basis[q + i];
      const f = t * d;
      basis[q + j] -= f;
      for (let i = j + 1; i < len; i++) basis[q + i] -= f * W[vj + i];
    }
  }
  return { basis, R };
}
