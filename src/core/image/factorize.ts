/**
 * The one place that picks the SVD routine. Small channels (shorter side ≤
 * EXACT_SVD_MAX_DIM) get the exact full `svd`, which also yields every σ, so
 * the spectrum, energy curve and Eckart–Young tail are complete. Larger ones
 * get `truncatedSvd` (randomized, fixed seed so runs are reproducible), which
 * knows only the leading k σ.
 */
import { svd, truncatedSvd, type Mat, type PanelProductsFactory } from '../linalg';
import { EXACT_SVD_MAX_DIM } from '../linalg/randomized';

/** Fixed so the same image always gives the same numbers. */
const SEED = 1;

export interface Triplets {
  U: Mat;
  s: Float64Array;
  V: Mat;
  approximate: boolean;
  /** Every singular value, when the routine computed them all (exact SVD only). */
  allSingularValues?: Float64Array;
}

/**
 * The k largest singular triplets of a: U (m×k), s (k), V (n×k). `products`
 * lets a caller with threads run the randomized SVD's passes over A on them.
 */
export function leadingTriplets(a: Mat, k: number, products?: PanelProductsFactory): Triplets {
  if (Math.min(a.rows, a.cols) > EXACT_SVD_MAX_DIM) {
    const t = truncatedSvd(a, k, { seed: SEED, products });
    return { U: t.U, s: t.s, V: t.V, approximate: t.approximate };
  }
  const full = svd(a);
  return {
    U: firstColumns(full.U, k),
    s: full.s.slice(0, k),
    V: firstColumns(full.V, k),
    approximate: false,
    allSingularValues: full.s,
  };
}

function firstColumns(a: Mat, k: number): Mat {
  const out = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) out.set(a.data.subarray(i * a.cols, i * a.cols + k), i * k);
  return { rows: a.rows, cols: k, data: out };
}
