/**
 * Truncated SVD (top k triplets) by the randomized range finder of Halko,
 * Martinsson & Tropp (2011), Algorithms 4.4 + 5.1:
 *
 *   Y = A·Ω (Ω Gaussian n×l, l = k + p)  →  Q = orth(Y)
 *   q times:  Z = orth(Aᵀ·Q),  Q = orth(A·Z)     (re-orthonormalised after every
 *                                                product, else the columns all
 *                                                collapse onto v₁ in floating point)
 *   B = Qᵀ·A (l×n)  →  Bᵀ = P·R  →  Rᵀ = Ũ·Σ·W̃ᵀ (exact `svd`, l×l)
 *   U = Q·Ũ,  V = P·W̃.
 *
 * Factoring Bᵀ first keeps the exact SVD at l×l: `svd` on B itself would build
 * a full n×n V. The same route is the exact fallback for short-and-wide shapes
 * whose full SVD `svd` refuses (its U or V would not fit in memory).
 *
 * Measured trade-off (σᵢ = i^−½, 400×300 with known spectrum, k = 50; mean of
 * the relative Frobenius excess ‖A − Ã_k‖/‖A − A_k‖ − 1, max |σ̃ᵢ − σᵢ|/σ₁ over
 * i ≤ 10 and i ≤ k, 3 seeds; time for a 1024×1024 σᵢ = i^−½ matrix, k = 50, on the
 * 2-core dev box, single-threaded):
 *
 *   p   q   Frobenius excess   top-10 err   top-50 err   1024² time
 *   5   0      2.5e-1          6.1e-2       6.1e-2       101 ms
 *   5   2      1.4e-2          3.8e-5       1.5e-2       246 ms
 *   5   4      3.0e-3          3.4e-8       5.2e-3       408 ms
 *  10   0      2.3e-1          4.9e-2       5.3e-2        97 ms
 *  10   1      3.5e-2          1.1e-3       2.2e-2       184 ms
 *  10   2      1.0e-2          2.6e-5       1.1e-2       284 ms
 *  10   3      4.0e-3          6.4e-7       6.2e-3       328 ms
 *  10   4      1.8e-3          1.9e-8       3.8e-3       401 ms   ← default
 *  20   2      5.9e-3          1.5e-5       7.0e-3       309 ms
 *  20   3      1.8e-3          2.8e-7       3.4e-3       450 ms
 *  20   4      6.9e-4          6.1e-9       1.9e-3       518 ms
 *
 * q = 4, p = 10 is the cheapest setting that keeps the top 10 within 1e-6·σ₁ with
 * margin and the rank-k error within 1% of optimal on this hardest case, inside
 * the 0.5 s budget. Power iterations buy more than oversampling per millisecond.
 * Known limit: on this spectrum σ₄₁…σ₅₀ stay ~4e-3·σ₁ low at any affordable q
 * (the gap σ₅₀/σ₆₁ is only 1.1); block Krylov would be the fix. On image-like
 * spectra (σ₁ ≫ a noise floor, σ₅₀/σ₆₀ ≈ 1.03) every σᵢ is within 3e-4·σ₁.
 */
import { MdlError } from '../errors';
import { panelTimes, productWithPanelT } from './blocked';
import { maxAbs, transpose, type Mat } from './matrix';
import { panelQr } from './qr';
import { needsFlip, negateRange } from './sign';
import { MAX_FULL_SVD_ENTRIES, svd } from './svd';

export interface TruncatedSvd {
  /** m×k, orthonormal columns. */
  U: Mat;
  /** k values, descending. */
  s: Float64Array;
  /** n×k, orthonormal columns; each vᵢ satisfies `canonicalSign`, uᵢ flipped with it. */
  V: Mat;
  /** False when an exact SVD was used (small matrices). */
  approximate: boolean;
  /** ‖A − U·Σ·Vᵀ‖_F, from ‖A‖²_F − Σσ̃ᵢ² (exact for the projection; ~√ε·‖A‖ of rounding). */
  residualNormEstimate?: number;
}

export interface TruncatedSvdOptions {
  /** Extra sample vectors beyond k (default 10). */
  oversampling?: number;
  /** Power iterations q (default 4). Each costs two passes over A. */
  powerIterations?: number;
  /** Seed of the Gaussian test matrix; equal seeds give identical results. */
  seed?: number;
  /** Called with a fraction in (0, 1] after each pass of the range finder. */
  onProgress?: (fraction: number) => void;
  /** Polled between passes; returning true aborts with Error('Cancelled'). */
  shouldStop?: () => boolean;
  /**
   * Where the two big products run (nearly all the time). By default, here; the
   * compute worker shares them out over threads. Called once per factorisation
   * with the (possibly rescaled) A and the panel height l.
   */
  products?: PanelProductsFactory;
}

/** The randomized SVD's two passes over A, bound to one A (m×n) and panel height l. */
export interface PanelProducts {
  /** out (l×m) = (A·Pᵀ)ᵀ for a panel P of l rows of length n. */
  productWithPanelT(panel: Float64Array, out: Float64Array): void;
  /** out (l×n) = P·A for a panel P of l rows of length m. */
  panelTimes(panel: Float64Array, out: Float64Array): void;
  /** Releases what the products hold (threads' views of A). */
  dispose?(): void;
}

export type PanelProductsFactory = (A: Float64Array, m: number, n: number, l: number) => PanelProducts;

/** Both products on this thread. */
export const localProducts: PanelProductsFactory = (A, m, n, l) => ({
  productWithPanelT: (panel, out) => productWithPanelT(A, m, n, panel, l, out),
  panelTimes: (panel, out) => panelTimes(panel, l, A, m, n, out),
});

export const DEFAULT_OVERSAMPLING = 10;
export const DEFAULT_POWER_ITERATIONS = 4;
/** At or below this min(m, n) the exact SVD is both affordable and the better choice. */
export const EXACT_SVD_MAX_DIM = 256;

export function truncatedSvd(a: Mat, k: number, options: TruncatedSvdOptions = {}): TruncatedSvd {
  const { rows: m, cols: n } = a;
  checkArguments(a, k, options);
  const l = k + (options.oversampling ?? DEFAULT_OVERSAMPLING);
  const small = Math.min(m, n);
  if (small <= EXACT_SVD_MAX_DIM || l >= small) return exactTruncatedSvd(a, k);
  return randomizedSvd(a, k, options);
}

/**
 * Always the randomized route (no small-matrix shortcut), so tests can exercise
 * it on matrices whose exact SVD is cheap to compare against.
 */
export function randomizedSvd(a: Mat, k: number, options: TruncatedSvdOptions = {}): TruncatedSvd {
  checkArguments(a, k, options);
  const { rows: m, cols: n } = a;
  const l = Math.min(k + (options.oversampling ?? DEFAULT_OVERSAMPLING), m, n);
  const q = options.powerIterations ?? DEFAULT_POWER_ITERATIONS;
  const passes = 2 * q + 2;
  let done = 0;
  const step = () => {
    done++;
    options.onProgress?.(done / passes);
    if (options.shouldStop?.()) throw new Error('Cancelled');
  };
  if (options.shouldStop?.()) throw new Error('Cancelled');

  const { data: A, scale } = scaledData(a);
  const products = (options.products ?? localProducts)(A, m, n, l);
  try {
    const omega = gaussianRows(l, n, options.seed ?? 1);
    const y = new Float64Array(l * m), z = new Float64Array(l * n);
    products.productWithPanelT(omega, y);
    let basis = panelQr(y, l, m).basis; // Qᵀ, l×m
    step();
    for (let it = 0; it < q; it++) {
      products.panelTimes(basis, z);
      const zBasis = panelQr(z, l, n).basis;
      step();
      products.productWithPanelT(zBasis, y);
      basis = panelQr(y, l, m).basis;
      step();
    }
    products.panelTimes(basis, z); // Bᵀ stored as rows: B = Qᵀ·A
    const result = fromRowPanel(basis, z, l, m, n, k, scale, sumOfSquares(A), true);
    step();
    return result;
  } finally {
    products.dispose?.();
  }
}

/** Exact top-k: the full `svd` when it fits in memory, else the panel-QR route with Q = I. */
function exactTruncatedSvd(a: Mat, k: number): TruncatedSvd {
  const { rows: m, cols: n } = a;
  if (m * m + n * n <= MAX_FULL_SVD_ENTRIES) {
    const full = svd(a);
    const s = full.s.slice(0, k);
    let tail = 0;
    for (let i = k; i < full.s.length; i++) tail += full.s[i] * full.s[i];
    return { U: leadingColumns(full.U, k), s, V: leadingColumns(full.V, k), approximate: false, residualNormEstimate: Math.sqrt(tail) };
  }
  // Short and wide (or tall and thin, via Aᵀ): A = I·A, so the rows of A are B.
  const tall = m > n;
  const { data, scale } = scaledData(tall ? transpose(a) : a);
  const p = tall ? n : m, len = tall ? m : n;
  const identityRows = new Float64Array(p * p);
  for (let i = 0; i < p; i++) identityRows[i * p + i] = 1;
  const r = fromRowPanel(identityRows, data, p, p, len, k, scale, sumOfSquares(data), false);
  if (!tall) return r;
  // Aᵀ = U·Σ·Vᵀ ⇒ A = V·Σ·Uᵀ; redo signs so V (now A's right vectors) is canonical.
  return canonicalize({ U: r.V, s: r.s, V: r.U, approximate: false, residualNormEstimate: r.residualNormEstimate });
}

/**
 * Finishes A ≈ Q·B given Qᵀ (l×m, rows orthonormal) and B (l×n): Bᵀ = P·R,
 * Rᵀ = Ũ·Σ·W̃ᵀ, U = Q·Ũ, V = P·W̃, truncated to k and put in sign convention.
 */
function fromRowPanel(
  basis: Float64Array, B: Float64Array, l: number, m: number, n: number, k: number,
  scale: number, aNorm2: number, approximate: boolean,
): TruncatedSvd {
  const { basis: pRows, R } = panelQr(B, l, n);
  const small = svd(transpose({ rows: l, cols: l, data: R }));
  // Uᵀ = Ũᵀ·Qᵀ and Vᵀ = W̃ᵀ·Pᵀ: small columns times panel rows, contiguous.
  const uRows = new Float64Array(k * m), vRows = new Float64Array(k * n);
  combineRows(small.U.data, l, basis, m, k, uRows);
  combineRows(small.V.data, l, pRows, n, k, vRows);
  const s = new Float64Array(k);
  let kept = 0;
  for (let i = 0; i < k; i++) {
    s[i] = small.s[i] * scale;
    kept += small.s[i] * small.s[i];
  }
  return canonicalize({
    U: transpose({ rows: k, cols: m, data: uRows }),
    s,
    V: transpose({ rows: k, cols: n, data: vRows }),
    approximate,
    // U·Σ·Vᵀ = U·Uᵀ·A is an orthogonal projection of A, so ‖A − UΣVᵀ‖² = ‖A‖² − Σσᵢ².
    residualNormEstimate: Math.sqrt(Math.max(0, aNorm2 - kept)) * scale,
  });
}

/** out row c = Σⱼ small[j][c]·panel row j, for c < k (small is l×l row-major). */
function combineRows(small: Float64Array, l: number, panel: Float64Array, len: number, k: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) {
    const o = c * len;
    for (let j = 0; j < l; j++) {
      const w = small[j * l + c], p = j * len;
      if (w !== 0) for (let i = 0; i < len; i++) out[o + i] += w * panel[p + i];
    }
  }
}

/** Flips (uᵢ, vᵢ) together so each vᵢ has its last significant entry positive. */
function canonicalize(r: TruncatedSvd): TruncatedSvd {
  const { U, V } = r;
  const k = r.s.length;
  const vt = transpose(V).data, ut = transpose(U).data;
  for (let i = 0; i < k; i++) {
    if (needsFlip(vt, i * V.rows, V.rows)) {
      negateRange(vt, i * V.rows, V.rows);
      negateRange(ut, i * U.rows, U.rows);
    }
  }
  return { ...r, U: transpose({ rows: k, cols: U.rows, data: ut }), V: transpose({ rows: k, cols: V.rows, data: vt }) };
}

function sumOfSquares(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

function leadingColumns(a: Mat, k: number): Mat {
  const out = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) out.set(a.data.subarray(i * a.cols, i * a.cols + k), i * k);
  return { rows: a.rows, cols: k, data: out };
}

/**
 * A's data divided by a power of two near max|aᵢⱼ| (exact), but only when the
 * entries are extreme enough for the products to overflow or underflow; most
 * inputs are used in place without a copy.
 */
function scaledData(a: Mat): { data: Float64Array; scale: number } {
  const amax = maxAbs(a.data);
  if (!(amax === 0 || (amax > 2 ** -400 && amax < 2 ** 400))) {
    const scale = 2 ** Math.floor(Math.log2(amax));
    return { data: a.data.map((v) => v / scale), scale };
  }
  return { data: a.data, scale: 1 };
}

/** l×n standard normal entries: mulberry32 uniforms through Box–Muller, deterministic per seed. */
export function gaussianRows(l: number, n: number, seed: number): Float64Array {
  let state = seed | 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 2 ** 32; // in (0, 1): log never sees 0
  };
  const out = new Float64Array(l * n);
  for (let i = 0; i < out.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(uniform())), angle = 2 * Math.PI * uniform();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

function checkArguments(a: Mat, k: number, options: TruncatedSvdOptions): void {
  const small = Math.min(a.rows, a.cols);
  if (!(Number.isInteger(k) && k >= 1 && k <= small)) {
    throw new MdlError('invalid-argument', `k must be a whole number from 1 to ${small} for a ${a.rows}×${a.cols} matrix, not ${k}.`);
  }
  const p = options.oversampling ?? DEFAULT_OVERSAMPLING, q = options.powerIterations ?? DEFAULT_POWER_ITERATIONS;
  if (!(Number.isInteger(p) && p >= 0) || !(Number.isInteger(q) && q >= 0)) {
    throw new MdlError('invalid-argument', `Oversampling and power iterations must be whole numbers ≥ 0 (got ${p} and ${q}).`);
  }
  if (!Number.isFinite(maxAbs(a.data))) {
    throw new MdlError('non-finite', 'The matrix contains an infinite or NaN entry, so it has no SVD.');
  }
}
