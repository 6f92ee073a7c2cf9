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
}

export function fitPca(X: number[][], k: number, denominator: CovarianceDenominator = 'n-1'): PcaFit {
  const N = X.length;
  const d = X[0]?.length ?? 0;
  if (N < 2) throw new MdlError('invalid-argument', `PCA needs at least 2 samples to estimate a covariance; the data has ${N}.`);
  if (d < 1) throw new MdlError('invalid-argument', 'The data has no features.');
  if (!Number.isInteger(k) || k < 1 || k > d) throw new MdlError('invalid-argument', `The number of components must be between 1 and ${d}, not ${k}.`);

  const mean = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= N;
  const centred = X.map((row) => row.map((x, j) => x - mean[j]));

  const Xc: Mat = fromRows(centred);
  const scatter = multiplyTransposeA(Xc, Xc);
  const divisor = denominator === 'n-1' ? N - 1 : N;
  const covariance = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => scatter.data[i * d + j] / divisor));

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
    constantFeatures: covariance.map((row, j) => (row[j] === 0 ? j : -1)).filter((j) => j >= 0),
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
