/**
 * Householder reflectors and the reductions built on them: a general matrix to
 * upper bidiagonal form (for the SVD) and a symmetric one to tridiagonal form
 * (for the eigensolver). Everything works in place on row-major Float64Arrays,
 * and every reflector is applied with contiguous row sweeps (a dot or an axpy
 * along a row), never by striding down columns in an inner loop.
 *
 * A reflector is H = I − τ·v·vᵀ with v₀ = 1 implicit; the rest of v is stored
 * where the entries it annihilated used to be, as in LAPACK.
 */
import { scaledNorm } from './matrix';
import { safeHypot } from './rotation';

/** Below this a column is rescaled before building its reflector (LAPACK dlarfg's safmin = 2^−1022/ε). */
const TINY = 2 ** -969;
const BOOST = 2 ** 600;

/**
 * Turns x = (x₀, …) (count entries, stride apart) into (β, v₁, v₂, …) so that
 * H·x = β·e₀, and returns τ. Returns τ = 0 (H = I) when the tail is already zero.
 * β takes the sign opposite to x₀ so that x₀ − β never cancels.
 */
export function makeReflector(x: Float64Array, start: number, count: number, stride: number): number {
  if (count <= 1) return 0;
  let tailNorm = scaledNorm(x, start + stride, count - 1, stride);
  if (tailNorm === 0) return 0;
  let alpha = x[start];
  // With (near-)subnormal entries, β would be rounded to the subnormal grid and
  // τ = (β − α)/β would no longer match v, so H would not be orthogonal. Scaling
  // by 2^600 is exact; only β has to be scaled back.
  let unscale = 1;
  if (Math.max(Math.abs(alpha), tailNorm) < TINY) {
    for (let i = 0, p = start; i < count; i++, p += stride) x[p] *= BOOST;
    alpha = x[start];
    tailNorm = scaledNorm(x, start + stride, count - 1, stride);
    unscale = 1 / BOOST;
  }
  const norm = safeHypot(alpha, tailNorm);
  const beta = alpha >= 0 ? -norm : norm;
  const divisor = alpha - beta; // |divisor| ≥ norm > 0; dividing avoids overflowing a reciprocal
  for (let i = 1, p = start + stride; i < count; i++, p += stride) x[p] /= divisor;
  x[start] = beta * unscale;
  return (beta - alpha) / beta;
}

export interface Bidiagonal {
  /** Diagonal, length n. */
  d: Float64Array;
  /** Superdiagonal, length n − 1: e[k] sits at (k, k+1). */
  e: Float64Array;
  tauLeft: Float64Array;
  tauRight: Float64Array;
}

/**
 * Reduces the m×n matrix W (m ≥ n) to B = Qᵀ·W·P, upper bidiagonal.
 * Left reflector k lives in column k below the diagonal, right reflector k in
 * row k right of the superdiagonal.
 *
 * Step k needs three things from the trailing rows: the left update, the right
 * update, and vᵀW for the next left reflector. They are fused into one sweep
 * over the rows (two short loops per row while it sits in L1): the next
 * reflector's entries are not known until its column is finished, so the sweep
 * accumulates z = Σ xᵢ·(row i) with the raw column entries xᵢ, and vᵀW follows
 * as row k+1 + z/(x₀ − β) once the reflector is built. One pass over W per step
 * instead of three.
 */
export function bidiagonalize(W: Float64Array, m: number, n: number): Bidiagonal {
  const d = new Float64Array(n), e = new Float64Array(Math.max(n - 1, 0));
  const tauLeft = new Float64Array(n), tauRight = new Float64Array(n);
  const w = new Float64Array(n), u = new Float64Array(n), z = new Float64Array(n);

  // The first left reflector and its vᵀW take one plain pass.
  tauLeft[0] = makeReflector(W, 0, m, n);
  if (tauLeft[0] !== 0) projectOntoReflector(W, m, n, 0, w);

  for (let k = 0; k < n; k++) {
    const rowK = k * n, tl = tauLeft[k];
    d[k] = W[rowK + k];
    if (k + 1 >= n) break;
    if (tl !== 0) for (let j = k + 1; j < n; j++) W[rowK + j] -= tl * w[j];
    const tr = makeReflector(W, rowK + k + 1, n - k - 1, 1);
    tauRight[k] = tr;
    e[k] = W[rowK + k + 1];
    u[k + 1] = 1;
    for (let j = k + 2; j < n; j++) u[j] = W[rowK + j];
    z.fill(0, k + 1, n);

    for (let i = k + 1; i < m; i++) {
      const row = i * n;
      // Left update W ← (I − τ·v·vᵀ)W, then the dot for the right update.
      const f = tl * W[row + k];
      let dot = 0;
      for (let j = k + 1; j < n; j++) {
        const x = W[row + j] - f * w[j];
        W[row + j] = x;
        dot += x * u[j];
      }
      // Right update W ← W(I − τ·u·uᵀ); rows below k+1 also feed z.
      const g = tr * dot;
      const xi = i === k + 1 ? 0 : W[row + k + 1] - g;
      for (let j = k + 1; j < n; j++) {
        const y = W[row + j] - g * u[j];
        W[row + j] = y;
        z[j] += xi * y;
      }
    }

    const pivot = (k + 1) * n + k + 1;
    const alpha = W[pivot];
    const tNext = makeReflector(W, pivot, m - k - 1, n);
    tauLeft[k + 1] = tNext;
    if (tNext === 0) continue;
    if (Math.abs(W[pivot]) < 2 * TINY) {
      // The column was rescaled inside makeReflector and z holds subnormal-level
      // products: recompute vᵀW from the stored v instead (rare).
      projectOntoReflector(W, m, n, k + 1, w);
    } else {
      const divisor = alpha - W[pivot]; // the x₀ − β that makeReflector divided the tail by
      for (let j = k + 2; j < n; j++) w[j] = W[(k + 1) * n + j] + z[j] / divisor;
    }
  }
  return { d, e, tauLeft, tauRight };
}

/** w[j] = Σᵢ vᵢ·W[i][j] for j > k, with v the left reflector stored in column k (v_k = 1). */
function projectOntoReflector(W: Float64Array, m: number, n: number, k: number, w: Float64Array): void {
  for (let j = k + 1; j < n; j++) w[j] = W[k * n + j];
  for (let i = k + 1; i < m; i++) {
    const vi = W[i * n + k], row = i * n;
    if (vi !== 0) for (let j = k + 1; j < n; j++) w[j] += vi * W[row + j];
  }
}

/**
 * Qᵀ (m×m) from the left reflectors of `bidiagonalize`, so that row i is the
 * i-th left basis vector. Keeping vectors as rows lets the later Givens
 * rotations run along contiguous memory. Qᵀ = H_{n−1}···H₀ = I·H_{n−1}·…·H₀.
 */
export function leftVectorsAsRows(W: Float64Array, m: number, n: number, tauLeft: Float64Array): Float64Array {
  return accumulateReflectors(m, n, {
    start: (r) => n - 1 - r,
    tau: (r) => tauLeft[n - 1 - r],
    load(v, r) {
      const k = n - 1 - r;
      v[k] = 1;
      for (let i = k + 1; i < m; i++) v[i] = W[i * n + k];
    },
  });
}

/**
 * Pᵀ (n×n) from reflectors stored in the rows of W, reflector k acting on
 * indices k+1… with its tail in W[k, k+2…]: the right reflectors of
 * `bidiagonalize` and the reflectors of `tridiagonalize`. Row i is the i-th basis vector.
 */
export function rightVectorsAsRows(W: Float64Array, n: number, tau: Float64Array): Float64Array {
  return accumulateReflectors(n, Math.max(n - 2, 0), {
    start: (r) => n - 2 - r,
    tau: (r) => tau[n - 3 - r],
    load(v, r) {
      const k = n - 3 - r;
      v[k + 1] = 1;
      for (let j = k + 2; j < n; j++) v[j] = W[k * n + j];
    },
  });
}

interface ReflectorSource {
  /** First index reflector r acts on; must not increase with r. */
  start(r: number): number;
  tau(r: number): number;
  /** Write v (v[start] = 1) into v[start..]; entries before start are zeroed by the caller. */
  load(v: Float64Array, r: number): void;
}

/**
 * I·H₀·H₁·…·H_{count−1} (len×len), applied four reflectors per pass: each row
 * takes four dot products in one sweep, the small triangular recurrence
 * f_r = τ_r·(y_r − Σ_{q<r} f_q·(v_q·v_r)) composes the four reflectors, and one
 * more sweep subtracts Σ f_r·v_r. Half the memory traffic of one-at-a-time
 * application, and about twice as fast. Rows and columns before the block's
 * smallest start are still the identity there, so they are skipped.
 */
function accumulateReflectors(len: number, count: number, src: ReflectorSource): Float64Array {
  const Q = identityData(len);
  const v0 = new Float64Array(len), v1 = new Float64Array(len), v2 = new Float64Array(len), v3 = new Float64Array(len);
  const load = (v: Float64Array, r: number) => {
    v.fill(0, 0, src.start(r));
    src.load(v, r);
  };
  let r = 0;
  for (; r + 4 <= count; r += 4) {
    load(v0, r); load(v1, r + 1); load(v2, r + 2); load(v3, r + 3);
    const t0 = src.tau(r), t1 = src.tau(r + 1), t2 = src.tau(r + 2), t3 = src.tau(r + 3);
    const c0 = src.start(r + 3);
    let g01 = 0, g02 = 0, g03 = 0, g12 = 0, g13 = 0, g23 = 0;
    for (let j = c0; j < len; j++) {
      g01 += v0[j] * v1[j]; g02 += v0[j] * v2[j]; g03 += v0[j] * v3[j];
      g12 += v1[j] * v2[j]; g13 += v1[j] * v3[j]; g23 += v2[j] * v3[j];
    }
    for (let i = c0; i < len; i++) {
      const row = i * len;
      let y0 = 0, y1 = 0, y2 = 0, y3 = 0;
      for (let j = c0; j < len; j++) {
        const x = Q[row + j];
        y0 += x * v0[j]; y1 += x * v1[j]; y2 += x * v2[j]; y3 += x * v3[j];
      }
      const f0 = t0 * y0;
      const f1 = t1 * (y1 - f0 * g01);
      const f2 = t2 * (y2 - f0 * g02 - f1 * g12);
      const f3 = t3 * (y3 - f0 * g03 - f1 * g13 - f2 * g23);
      if (f0 === 0 && f1 === 0 && f2 === 0 && f3 === 0) continue;
      for (let j = c0; j < len; j++) Q[row + j] -= f0 * v0[j] + f1 * v1[j] + f2 * v2[j] + f3 * v3[j];
    }
  }
  for (; r < count; r++) {
    const tau = src.tau(r);
    if (tau === 0) continue;
    load(v0, r);
    const c0 = src.start(r);
    for (let i = c0; i < len; i++) {
      const row = i * len;
      let dot = 0;
      for (let j = c0; j < len; j++) dot += Q[row + j] * v0[j];
      if (dot === 0) continue;
      const f = tau * dot;
      for (let j = c0; j < len; j++) Q[row + j] -= f * v0[j];
    }
  }
  return Q;
}

export interface Tridiagonal {
  d: Float64Array;
  /** Off-diagonal, length n − 1: e[k] couples k and k+1. */
  e: Float64Array;
  /** Qᵀ with A = Q·T·Qᵀ: row i is the i-th basis vector. */
  basisRows: Float64Array;
}

/**
 * Reduces the symmetric n×n matrix W (both triangles stored, overwritten) to
 * tridiagonal T = Qᵀ·W·Q. Reflector k is built from row k (equal to column k
 * by symmetry, but contiguous) and applied as the symmetric rank-2 update
 * S ← S − v·wᵀ − w·vᵀ.
 */
export function tridiagonalize(W: Float64Array, n: number): Tridiagonal {
  const d = new Float64Array(n), e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(n);
  const v = new Float64Array(n), w = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const first = k * n + k + 1;
    const t = makeReflector(W, first, n - k - 1, 1);
    tau[k] = t;
    d[k] = W[k * n + k];
    e[k] = W[first];
    if (t === 0) continue;
    v[k + 1] = 1;
    for (let j = k + 2; j < n; j++) v[j] = W[k * n + j];
    // w = τ·S·v − (τ/2)(vᵀ·τ·S·v)·v, S = trailing block.
    let vw = 0;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      let dot = 0;
      for (let j = k + 1; j < n; j++) dot += W[row + j] * v[j];
      w[i] = t * dot;
      vw += w[i] * v[i];
    }
    const half = 0.5 * t * vw;
    for (let i = k + 1; i < n; i++) w[i] -= half * v[i];
    for (let i = k + 1; i < n; i++) {
      const row = i * n, vi = v[i], wi = w[i];
      for (let j = k + 1; j < n; j++) W[row + j] -= vi * w[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = W[(n - 2) * n + n - 2];
    e[n - 2] = W[(n - 2) * n + n - 1];
  }
  if (n >= 1) d[n - 1] = W[n * n - 1];

  return { d, e, basisRows: rightVectorsAsRows(W, n, tau) };
}

function identityData(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}
