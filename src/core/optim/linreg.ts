/**
 * Objectives defined by a data set: linear regression with the mean squared
 * error (assignment Q3/Q4, as corrected by the errata) and logistic
 * regression with the mean cross-entropy.
 *
 *   ŷᵢ = w₀ + w₁xᵢ,   J(w) = (1/N) Σ (ŷᵢ − yᵢ)²
 *   ∂J/∂w₀ = (2/N) Σ (ŷᵢ − yᵢ),   ∂J/∂w₁ = (2/N) Σ (ŷᵢ − yᵢ) xᵢ
 *   ∇²J = (2/N) XᵀX with X = [1 x]: constant, so L = λ_max(∇²J) exactly.
 */
import { MdlError } from '../errors';
import { sigmoid } from './compile';
import { MAX_EXPRESSION_LENGTH } from './sandbox';
import type { Objective } from './types';

export interface Dataset {
  x: number[];
  y: number[];
}

export function checkDataset(data: Dataset, what = 'data'): void {
  const { x, y } = data ?? ({} as Dataset);
  if (!Array.isArray(x) || !Array.isArray(y)) throw new MdlError('invalid-argument', `The ${what} needs arrays x and y.`);
  if (x.length === 0) throw new MdlError('empty', `The ${what} has no examples.`);
  if (x.length !== y.length) throw new MdlError('ragged', `x has ${x.length} values but y has ${y.length}.`);
  x.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new MdlError('non-finite', `x[${i}] is not a finite number.`, undefined, { row: i + 1, col: 1 });
  });
  y.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new MdlError('non-finite', `y[${i}] is not a finite number.`, undefined, { row: i + 1, col: 2 });
  });
}

/** Eigenvalues of the symmetric 2×2 [[a, b], [b, c]], larger first: (a+c)/2 ± √(((a−c)/2)² + b²). */
export function eigen2x2(a: number, b: number, c: number): [number, number] {
  const mid = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  const big = mid + r;
  // The smaller root from the product (det = λ₁λ₂) avoids cancellation when λ₂ ≪ λ₁.
  const det = a * c - b * b;
  return [big, big !== 0 ? det / big : mid - r];
}

export interface LinearRegression extends Objective {
  readonly data: Dataset;
  readonly n: number;
  /** Sample moments x̄, mean(x²), ȳ, mean(xy). */
  readonly moments: { mx: number; mxx: number; my: number; mxy: number };
  /** ∇²J = (2/N)XᵀX = 2[[1, x̄], [x̄, mean(x²)]]. */
  readonly hessianMatrix: [[number, number], [number, number]];
  /** Eigenvalues of ∇²J, larger first. L is the first. */
  readonly eigenvalues: [number, number];
  /** ∇Lᵢ for Lᵢ = (ŷᵢ − yᵢ)², so that J = mean Lᵢ and E[∇Lᵢ] = ∇J. Writes into out. */
  exampleGradient(i: number, theta: ArrayLike<number>, out: Float64Array): void;
  /** The least-squares solution from the normal equations, or null when all xᵢ are equal (XᵀX singular). */
  leastSquares(): [number, number] | null;
}

export function linearRegression(data: Dataset): LinearRegression {
  checkDataset(data);
  const { x, y } = data;
  const n = x.length;
  let mx = 0, mxx = 0, my = 0, mxy = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    mxx += x[i] * x[i];
    my += y[i];
    mxy += x[i] * y[i];
  }
  mx /= n; mxx /= n; my /= n; mxy /= n;
  const H: [[number, number], [number, number]] = [[2, 2 * mx], [2 * mx, 2 * mxx]];
  const eigenvalues = eigen2x2(H[0][0], H[0][1], H[1][1]);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);

  // The literal sums, not the moments: that is the O(N·d) cost per batch step Q3 is about, and it rounds better near the optimum.
  const valueAndGradient = (t: ArrayLike<number>, out: Float64Array): number => {
    const w0 = t[0], w1 = t[1];
    let s = 0, g0 = 0, g1 = 0;
    for (let i = 0; i < n; i++) {
      const r = w0 + w1 * xs[i] - ys[i];
      s += r * r;
      g0 += r;
      g1 += r * xs[i];
    }
    out[0] = (2 / n) * g0;
    out[1] = (2 / n) * g1;
    return s / n;
  };
  const value = (t: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = t[0] + t[1] * xs[i] - ys[i];
      s += r * r;
    }
    return s / n;
  };
  const L = eigenvalues[0];
  return {
    name: 'linear-regression',
    variables: ['w0', 'w1'],
    expression: literalSum(x.map((xi, i) => `(w0 + ${c(xi)} * w1 - ${c(y[i])})^2`), n) ?? expandedLoss({ mx, mxx, my, mxy }, y),
    // ∇J from the moments: 2(w₀ + x̄w₁ − ȳ) and 2(x̄w₀ + mean(x²)w₁ − mean(xy)).
    gradientExpressions: [`2 * (w0 + ${c(mx)} * w1 - ${c(my)})`, `2 * (${c(mx)} * w0 + ${c(mxx)} * w1 - ${c(mxy)})`],
    tex: `\\frac{1}{N}\\sum_{i=1}^{N} \\left(w_0 + w_1 x_i - y_i\\right)^{2}`,
    gradientTex: [`\\frac{2}{N}\\sum_{i=1}^{N} \\left(\\hat y_i - y_i\\right)`, `\\frac{2}{N}\\sum_{i=1}^{N} \\left(\\hat y_i - y_i\\right) x_i`],
    data,
    n,
    moments: { mx, mxx, my, mxy },
    hessianMatrix: H,
    eigenvalues,
    value,
    valueAndGradient,
    gradient: (t, out = new Float64Array(2)) => (valueAndGradient(t, out), out),
    hessian: () => [[H[0][0], H[0][1]], [H[1][0], H[1][1]]],
    lipschitz: { L, reason: 'L is the largest eigenvalue of the constant Hessian (2/N)XᵀX' },
    exampleGradient(i, t, out) {
      const r = t[0] + t[1] * xs[i] - ys[i];
      out[0] = 2 * r;
      out[1] = 2 * r * xs[i];
    },
    leastSquares() {
      const varx = mxx - mx * mx;
      // Relative test: var(x) is a difference of two moments and cancels to rounding noise when all xᵢ agree.
      if (!(varx > 1e-14 * Math.max(mxx, 1e-300))) return null;
      const w1 = (mxy - mx * my) / varx;
      return [my - w1 * mx, w1];
    },
  };
}

/** A number as an expression operand: parenthesised when negative, shortest round-trip digits. */
const c = (v: number) => (v < 0 || Object.is(v, -0) ? `(${v})` : String(v));

/** (1/N)·(t₁ + t₂ + …) in the expression syntax, or null when it would exceed the parser's length limit. */
function literalSum(terms: string[], n: number): string | null {
  const text = `(${terms.join(' + ')}) / ${n}`;
  return text.length <= MAX_EXPRESSION_LENGTH ? text : null;
}

/** J expanded in the moments: w₀² + 2x̄w₀w₁ + mean(x²)w₁² − 2ȳw₀ − 2mean(xy)w₁ + mean(y²). */
function expandedLoss(m: { mx: number; mxx: number; my: number; mxy: number }, y: number[]): string {
  const myy = y.reduce((s, v) => s + v * v, 0) / y.length;
  return `w0^2 + ${c(2 * m.mx)} * w0 * w1 + ${c(m.mxx)} * w1^2 - ${c(2 * m.my)} * w0 - ${c(2 * m.mxy)} * w1 + ${c(myy)}`;
}

export interface ClassificationData {
  /** One feature per example (number) or a feature vector per example. */
  x: number[] | number[][];
  /** Labels 0 or 1. */
  y: number[];
}

/**
 * Logistic regression, mean cross-entropy: zᵢ = w₀ + w·xᵢ, ŷᵢ = σ(zᵢ),
 * J = −(1/N) Σ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)] = (1/N) Σ [softplus(zᵢ) − yᵢzᵢ],
 * ∇J = (1/N) Σ (ŷᵢ − yᵢ)(1, xᵢ) (∂L/∂z = ŷ − y, errata Q6). ∇²J ⪯ (1/4N)XᵀX, so L ≤ λ_max(XᵀX)/(4N).
 */
export function logisticRegression(data: ClassificationData): Objective {
  const rows = (data?.x ?? []).map((r) => (Array.isArray(r) ? r : [r]));
  const y = data?.y ?? [];
  if (rows.length === 0) throw new MdlError('empty', 'The data has no examples.');
  if (rows.length !== y.length) throw new MdlError('ragged', `x has ${rows.length} examples but y has ${y.length}.`);
  const k = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== k) throw new MdlError('ragged', `Example ${i + 1} has ${r.length} features; example 1 has ${k}.`);
    if (!r.every(Number.isFinite)) throw new MdlError('non-finite', `Example ${i + 1} has a non-finite feature.`);
    if (y[i] !== 0 && y[i] !== 1) throw new MdlError('invalid-argument', `Label ${i + 1} must be 0 or 1, not ${y[i]}.`);
  });
  const n = rows.length;
  const d = k + 1;
  const X = new Float64Array(n * d);
  rows.forEach((r, i) => {
    X[i * d] = 1;
    r.forEach((v, j) => (X[i * d + j + 1] = v));
  });
  const variables = ['w0', ...Array.from({ length: k }, (_, j) => `w${j + 1}`)];
  const linear = (i: number) => variables.map((v, j) => (j === 0 ? v : `${c(X[i * d + j])} * ${v}`)).join(' + ');
  const valueAndGradient = (t: ArrayLike<number>, out: Float64Array): number => {
    out.fill(0);
    let s = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += t[j] * X[i * d + j];
      // softplus(z) = log(1 + eᶻ) without overflow.
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
      const r = sigmoid(z) - y[i];
      for (let j = 0; j < d; j++) out[j] += r * X[i * d + j];
    }
    for (let j = 0; j < d; j++) out[j] /= n;
    return s / n;
  };
  return {
    name: 'logistic-regression',
    variables,
    // Per example: log(1 + e^(−z)) when y = 1, log(1 + e^(z)) when y = 0.
    expression: literalSum(rows.map((_, i) => `log(1 + exp(${y[i] ? '-' : ''}(${linear(i)})))`), n) ?? '',
    gradientExpressions: variables.map((_, j) => literalSum(rows.map((_, i) => `(sigmoid(${linear(i)}) - ${y[i]}) * ${c(X[i * d + j])}`), n) ?? ''),
    tex: `-\\frac{1}{N}\\sum_{i=1}^{N}\\left[y_i \\log \\hat y_i + (1 - y_i)\\log(1 - \\hat y_i)\\right],\\quad \\hat y_i = \\sigma(w^{\\mathsf T} x_i)`,
    gradientTex: variables.map((_, j) => `\\frac{1}{N}\\sum_{i=1}^{N} (\\hat y_i - y_i)\\, x_{i${j}}`),
    value: (t) => valueAndGradient(t, new Float64Array(d)),
    valueAndGradient,
    gradient: (t, out = new Float64Array(d)) => (valueAndGradient(t, out), out),
    hessian(t) {
      const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      for (let i = 0; i < n; i++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += t[j] * X[i * d + j];
        const w = sigmoid(z) * (1 - sigmoid(z));
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) H[a][b] += (w * X[i * d + a] * X[i * d + b]) / n;
      }
      return H;
    },
  };
}
