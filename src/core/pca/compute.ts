/**
 * PCA by eigendecomposition of the sample covariance matrix, the route the
 * course teaches. (The tests check it against the independent route, the SVD
 * of the centred data.)
 *
 * Sign convention, as scikit-learn ≥ 1.5 (svd_flip with
 * u_based_decision=False): each component's largest-magnitude loading is
 * positive (the first one on ties). Eigenvector signs are arbitrary; flipping
 * a component flips its projections and nothing else.
 */
import { MdlError } from '../errors';
import { fromRows, multiplyTransposeA, symmetricEigen, type Mat } from '../linalg';
import { scaledNorm } from '../linalg/matrix';

export type CovarianceDenominator = 'n-1' | 'n';

export interface PcaFit {
  samples: number;
  features: number;
  mean: number[];
  /** N×d, x − x̄. */
  centred: number[][];
  covariance: number[][];
  /** All d eigenvalues of C, descending, clamped at 0. */
  eigenvalues: number[];
  /** All d unit eigenvectors, one per row, in eigenvalue order. */
  eigenvectors: number[][];
  /** The first k eigenvectors. */
  components: number[][];
  /** N×k scores zᵢ = Eₖᵀ(xᵢ − x̄). */
  projections: number[][];
  /** λⱼ/Σλ for j ≤ k. */
  explainedVarianceRatio: number[];
  /** N×d, x̄ + Σⱼ≤ₖ zⱼeⱼ. */
  reconstruction: number[][];
  reconstructionError: number;
  /** Indices of features whose variance is 0. */
  constantFeatures: number[];
  /**
   * Set when the data's spread was so small that its squares underflow: the fit was computed on the
   * data times 2^exponent (exact) and scaled back, so the directions and ratios are right while the
   * variances themselves may round to 0.
   */
  underflowScale?: number;
}

export function fitPca(X: number[][], k: number, denominator: CovarianceDenominator = 'n-1'): PcaFit {
  const N = X.length;
  const d = X[0]?.length ?? 0;
  if (N < 2) throw new MdlError('invalid-argument', `PCA needs at least 2 samples to estimate a covariance; the data has ${N}.`);
  if (d < 1) throw new MdlError('invalid-argument', 'The data has no features.');
  if (!Number.isInteger(k) || k < 1 || k > d) throw new MdlError('invalid-argument', `The number of components must be between 1 and ${d}, not ${k}.`);

  checkFinite(X);
  // Sum x/N rather than x: N values near 1e308 would overflow the sum before the division.
  const mean = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) mean[j] += row[j] / N;
  const centred = X.map((row) => row.map((x, j) => x - mean[j]));

  const Xc: Mat = fromRows(centred);
  const scatter = multiplyTransposeA(Xc, Xc);
  const divisor = denominator === 'n-1' ? N - 1 : N;
  const covariance = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => scatter.data[i * d + j] / divisor));
  const constantFeatures = Array.from({ length: d }, (_, j) => j).filter((j) => X.every((row) => row[j] === X[0][j]));
  const tiny = tinyScale(centred, constantFeatures, divisor);
  // Scale the centred data, not X: a constant feature of ordinary size would overflow.
  if (tiny !== 0) return rescaleFit(fitPca(centred.map((r) => r.map((x) => timesPow2(x, tiny))), k, denominator), tiny, mean);
  checkVariances(centred, covariance, constantFeatures, divisor);

  const eig = symmetricEigen(fromRows(covariance));
  const eigenvalues = Array.from(eig.values, (x) => Math.max(0, x));
  const eigenvectors = Array.from({ length: d }, (_, j) => flipLargestPositive(Array.from({ length: d }, (_, i) => eig.vectors.data[i * d + j])));
  const components = eigenvectors.slice(0, k);

  const projections = centred.map((row) => components.map((e) => dot(e, row)));
  const reconstruction = projections.map((z) => mean.map((m, j) => m + z.reduce((s, zt, t) => s + zt * components[t][j], 0)));
  let err = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) err += (X[i][j] - reconstruction[i][j]) ** 2;

  const total = eigenvalues.reduce((s, x) => s + x, 0);
  return {
    samples: N,
    features: d,
    mean,
    centred,
    covariance,
    eigenvalues,
    eigenvectors,
    components,
    projections,
    explainedVarianceRatio: eigenvalues.slice(0, k).map((x) => (total > 0 ? x / total : 0)),
    reconstruction,
    reconstructionError: Math.sqrt(err),
    constantFeatures,
  };
}

/** NaN or ±Infinity anywhere: refuse, naming the first such cell (1-based, sample row and feature column). */
function checkFinite(X: number[][]): void {
  for (let i = 0; i < X.length; i++) {
    for (let j = 0; j < X[i].length; j++) {
      if (!Number.isFinite(X[i][j])) {
        throw new MdlError('non-finite', `Sample ${i + 1}, feature ${j + 1} is ${X[i][j]}: PCA needs every value to be a finite number. Fix or remove that sample.`, undefined, { row: i + 1, col: j + 1 });
      }
    }
  }
}

/**
 * The covariance squares the data: spreads near 1e±154 overflow or underflow double precision,
 * which would show as Infinity: refuse with the fix.
 */
function checkVariances(centred: number[][], covariance: number[][], constant: number[], divisor: number): void {
  const d = covariance.length;
  const spreads = Array.from({ length: d }, (_, j) => scaledNorm(Float64Array.from(centred, (r) => r[j]), 0, centred.length, 1) / Math.sqrt(divisor));
  for (let j = 0; j < d; j++) {
    if (constant.includes(j)) continue;
    if (!Number.isFinite(spreads[j]) || covariance[j].some((c) => !Number.isFinite(c))) {
      const spread = Number.isFinite(spreads[j]) ? spreads[j] : 1e308;
      throw new MdlError(
        'too-large',
        `Feature ${j + 1} spreads by about ${Number.isFinite(spreads[j]) ? spread.toExponential(1) : 'more than 1e308'}, so its variance (the square) is beyond double precision (1.8e308). ` +
          `Divide the data by a power of ten (e.g. 1e${Math.max(1, Math.floor(Math.log10(spread)))}) and run PCA again: the components stay the same and the eigenvalues scale by the square.`,
      );
    }
  }
}

/**
 * The power of two to multiply the data by when every non-constant feature spreads so little that
 * the squares underflow (0 otherwise). One tiny feature next to ordinary ones is only below
 * rounding, which derive.ts explains; all of them tiny would make every variance 0.
 */
function tinyScale(centred: number[][], constant: number[], divisor: number): number {
  const d = centred[0]?.length ?? 0;
  let largest = 0;
  for (let j = 0; j < d; j++) {
    if (!constant.includes(j)) largest = Math.max(largest, scaledNorm(Float64Array.from(centred, (r) => r[j]), 0, centred.length, 1) / Math.sqrt(divisor));
  }
  return largest > 0 && largest * largest < 2 ** -1000 ? -Math.floor(Math.log2(largest)) : 0;
}

/** x·2^e in two exact steps, since 2^e alone overflows for e > 1023. */
function timesPow2(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}

/** Undo the scaling of the centred data by 2^e and restore the mean (the variances may underflow to 0, honestly). */
function rescaleFit(f: PcaFit, e: number, mean: number[]): PcaFit {
  const back = (x: number) => timesPow2(x, -e);
  const back2 = (x: number) => timesPow2(timesPow2(x, -e), -e);
  return {
    ...f,
    mean,
    centred: f.centred.map((r) => r.map(back)),
    covariance: f.covariance.map((r) => r.map(back2)),
    eigenvalues: f.eigenvalues.map(back2),
    projections: f.projections.map((r) => r.map(back)),
    reconstruction: f.reconstruction.map((r) => r.map((x, j) => back(x) + mean[j])),
    reconstructionError: back(f.reconstructionError),
    underflowScale: e,
  };
}

/** scikit-learn's convention: the largest |entry| positive (first on ties). */
export function flipLargestPositive(v: number[]): number[] {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best]) * (1 + 1e-12)) best = i;
  return v[best] < 0 ? v.map((x) => -x) : v;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
