/**
 * The classic slips of errata.md, recognised from a wrong answer: when the
 * student's number is what a known mistake produces, say which mistake and
 * what the right step is. Each rule recomputes the mistaken value from the
 * problem itself (never from the assignment's numbers), so it works on any
 * matrix or data set, and only fires when the value matches that slip.
 */
import { evaluate, parseExpression, toExpr, deriveExpression } from '../activations/derivative';
import type { Objective, OptimizerSettings } from '../optim';
import type { PcaJson } from '../pca/derive';
import type { SvdJson } from '../svd/result';
import type { PcaProblemInput } from './inputs-linalg';
import type { OptimizeProblemInput } from './inputs-optim';
import type { Dataset } from '../optim';
import { regressionLipschitz } from './inputs-data';
import type { ProblemKind } from './types';
import { shortNumber } from './scalars';

export type SlipId =
  | 'eigenvalue-for-singular-value'
  | 'root-of-singular-value'
  | 'order'
  | 'negative-singular-value'
  | 'wrong-constant-term'
  | 'population-covariance'
  | 'sample-covariance'
  | 'scatter-matrix'
  | 'standard-deviation'
  | 'percentage'
  | 'vector-from-singular-value'
  | 'not-unit-length'
  | 'divided-by-eigenvalue'
  | 'transposed'
  | 'not-centred'
  | 'bias-correction-without-power'
  | 'adam-without-alpha'
  | 'lipschitz-without-2-over-n'
  | 'lipschitz-half'
  | 'l-squared'
  | 'one-over-l'
  | 'gradient-sign'
  | 'squared-error-gradient'
  | 'product-rule-term'
  | 'value-for-derivative';

export interface Slip {
  id: SlipId;
  text: string;
}

/** Is the student's value `v` the same number as `candidate`, given how precisely they wrote it? */
export type Near = (v: number, candidate: number) => boolean;

const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
const n4 = (x: number) => shortNumber(x, 6);

/** Slip rules for single numbers, by kind and result path. */
export function scalarSlip(kind: ProblemKind, path: Array<string | number>, v: number, result: unknown, input: unknown, near: Near, variants: () => AdamVariants | null): Slip | null {
  const field = path.filter((p) => typeof p === 'string').join('.');
  const i = typeof path[path.length - 1] === 'number' ? (path[path.length - 1] as number) : 0;
  if (kind === 'svd' && field === 'singularValues') return singularValueSlip((result as SvdJson).singularValues, i, v, near);
  if (kind === 'pca' && field === 'eigenvalues') return eigenvalueSlip(result as PcaJson, input as PcaProblemInput, i, v, near);
  if (kind === 'pca' && field === 'explainedVarianceRatio') {
    const a = (result as PcaJson).explainedVarianceRatio[i];
    if (near(v, 100 * a)) return { id: 'percentage', text: `that is a percentage; write the ratio ${n4(a)} (= ${n4(100 * a)}%)` };
  }
  if (kind === 'gd') return gdSlip(field, v, input as { resolved: Dataset }, near);
  if (kind === 'optimize') return adamSlip(path, v, result, near, variants);
  if (kind === 'cross-entropy' && field === 'example.gradient') return crossEntropySlip(result as { example: { target: number[]; prediction: number[] } }, i, v, near);
  if (kind === 'activation' && field === 'derivatives') {
    const values = (result as { values?: number[] }).values;
    if (values && near(v, values[i]) && !near(values[i], (result as { derivatives: number[] }).derivatives[i])) return { id: 'value-for-derivative', text: `that is f(x) itself, ${n4(values[i])}, not its derivative f′(x)` };
  }
  return null;
}

function singularValueSlip(s: number[], i: number, v: number, near: Near): Slip | null {
  const k = i + 1;
  for (let j = 0; j < s.length; j++) {
    const lambda = s[j] * s[j];
    if (Math.abs(lambda - s[j]) > 1e-9 && near(v, lambda)) {
      const which = j === i ? `λ${sub(k)}` : `λ${sub(j + 1)}`;
      return { id: 'eigenvalue-for-singular-value', text: `that is ${which}, the eigenvalue of AᵀA; σ${sub(j + 1)} = √λ${sub(j + 1)}` };
    }
  }
  if (s[i] > 0 && Math.abs(s[i] - 1) > 1e-9 && near(v, Math.sqrt(s[i]))) {
    return { id: 'root-of-singular-value', text: `that is √σ${sub(k)}: the square root was taken twice. The eigenvalue of AᵀA is λ${sub(k)} = σ${sub(k)}² = ${n4(s[i] * s[i])}, and σ${sub(k)} = √λ${sub(k)} = ${n4(s[i])}` };
  }
  if (s[i] > 0 && near(v, -s[i])) return { id: 'negative-singular-value', text: 'singular values are never negative: σᵢ = √λᵢ ≥ 0 (a sign belongs in uᵢ or vᵢ)' };
  const j = s.findIndex((x, jj) => jj !== i && near(v, x));
  if (j >= 0) return { id: 'order', text: `that is σ${sub(j + 1)}; singular values are listed largest first` };
  return null;
}

function eigenvalueSlip(r: PcaJson, input: PcaProblemInput | undefined, i: number, v: number, near: Near): Slip | null {
  const lambda = r.eigenvalues[i];
  const k = sub(i + 1);
  const N = r.samples;
  const nMinus1 = !input || input.options.denominator === 'n-1';
  for (let j = 0; j < r.eigenvalues.length; j++) {
    const other = r.eigenvalues[j];
    if (nMinus1 && near(v, (other * (N - 1)) / N)) return { id: 'population-covariance', text: `that is λ${sub(j + 1)} of the covariance divided by N = ${N}; the course (and scikit-learn) divide by N − 1 = ${N - 1}` };
    if (!nMinus1 && near(v, (other * N) / (N - 1))) return { id: 'sample-covariance', text: `that is λ${sub(j + 1)} of the covariance divided by N − 1; this problem sets "denominator": "n", dividing by N = ${N}` };
  }
  if (near(v, lambda * (nMinus1 ? N - 1 : N))) return { id: 'scatter-matrix', text: `that is an eigenvalue of X_cᵀX_c; divide by ${nMinus1 ? 'N − 1' : 'N'} for the covariance C` };
  if (lambda > 0 && Math.abs(lambda - 1) > 1e-9 && near(v, Math.sqrt(lambda))) return { id: 'standard-deviation', text: `that is √λ${k}, the standard deviation along e${k}; the eigenvalue is the variance λ${k}` };
  if (r.features === 2) {
    const [[a, b], [, c]] = r.covariance;
    const t = a + c;
    const det = a * c - b * b;
    // The constant term the student's root implies, given the right trace.
    for (const [wrong, why] of [
      [Math.trunc(det / 10), `the assignment's slip: a digit dropped from ${n4(det)}`],
      [a * c + b * b, 'a sign slip: +b² instead of −b²'],
      [a * c, 'the −b² term is missing'],
    ] as Array<[number, string]>) {
      if (Math.abs(wrong - det) < 1e-9) continue;
      const roots = quadraticRoots(t, wrong);
      if (roots.some((x) => near(v, x))) {
        return {
          id: 'wrong-constant-term',
          text: `that is a root of λ² − ${n4(t)}λ + ${n4(wrong)} (${why}); the characteristic polynomial is λ² − tr(C)λ + det C = λ² − ${n4(t)}λ + ${n4(det)}, with det C = ${n4(a)}·${n4(c)} − (${n4(b).replace('-', '−')})² = ${n4(det)}`,
        };
      }
    }
  }
  const j = r.eigenvalues.findIndex((x, jj) => jj !== i && near(v, x));
  if (j >= 0) return { id: 'order', text: `that is λ${sub(j + 1)}; eigenvalues are listed largest first` };
  return null;
}

function quadraticRoots(t: number, d: number): number[] {
  const disc = t * t - 4 * d;
  return disc < 0 ? [] : [(t + Math.sqrt(disc)) / 2, (t - Math.sqrt(disc)) / 2];
}

function gdSlip(field: string, v: number, input: { resolved: Dataset } | undefined, near: Near): Slip | null {
  if (!input) return null;
  const L = regressionLipschitz(input.resolved);
  const N = input.resolved.x.length;
  if (field === 'L') {
    if (near(v, (L * N) / 2)) return { id: 'lipschitz-without-2-over-n', text: `that is λ_max(XᵀX); L = (2/N)·λ_max(XᵀX) = (2/${N})·${n4((L * N) / 2)} = ${n4(L)} for J = (1/N)Σ(ŷᵢ − yᵢ)²` };
    if (near(v, L / 2)) return { id: 'lipschitz-half', text: `that is (1/N)·λ_max(XᵀX), which belongs to ½·(1/N)Σ(ŷᵢ − yᵢ)²; with J = (1/N)Σ(ŷᵢ − yᵢ)² the Hessian is (2/N)XᵀX, so L = ${n4(L)}` };
    if (near(v, L * L)) return { id: 'l-squared', text: `that is L², not L = ${n4(L)}` };
  }
  if (field === 'stableBelow') {
    if (near(v, 2 / (L * L))) return { id: 'l-squared', text: `that is 2/L²: the descent lemma has L, not L² (the assignment's slip). J(θ − η∇J) ≤ J(θ) − η(1 − Lη/2)‖∇J‖² decreases for η < 2/L = ${n4(2 / L)}` };
    if (near(v, 1 / L)) return { id: 'one-over-l', text: `that is 1/L, the step with the best guaranteed decrease; gradient descent is stable for every η < 2/L = ${n4(2 / L)}` };
  }
  return null;
}

function crossEntropySlip(r: { example: { target: number[]; prediction: number[] } }, i: number, v: number, near: Near): Slip | null {
  const y = r.example.target[i];
  const p = r.example.prediction[i];
  if (Math.abs(p - y) > 1e-12 && near(v, y - p)) return { id: 'gradient-sign', text: 'that is y − ŷ: the sign is reversed. ∂L/∂z = ŷ − y, prediction minus target' };
  const se = 2 * (p - y) * p * (1 - p);
  if (Math.abs(se - (p - y)) > 1e-12 && near(v, se)) return { id: 'squared-error-gradient', text: 'that is the squared-error gradient 2(ŷ − y)ŷ(1 − ŷ); with cross-entropy the σ′ factor cancels and ∂L/∂z = ŷ − y' };
  return null;
}

/* ---------- Adam without the power t, or without α ---------- */

export interface AdamRun {
  final: { theta: number[]; loss: number };
  trace: Array<{ theta: number[]; mHat: number[]; vHat: number[] }>;
}

export interface AdamVariants {
  noPower: AdamRun;
  noAlpha: AdamRun;
}

/** The two slips of the assignment's Adam, run on the problem's own objective. Null unless the optimizer is Adam. */
export function adamVariants(input: OptimizeProblemInput | undefined, traceSteps = 20): AdamVariants | null {
  if (!input || input.optimizer !== 'adam' || (input.settings.weightDecay ?? 0) !== 0) return null;
  const steps = input.steps ?? 10_000;
  return { noPower: adamRun(input.objective, input.start, input.settings, steps, 'no-power', traceSteps), noAlpha: adamRun(input.objective, input.start, input.settings, steps, 'no-alpha', traceSteps) };
}

function adamRun(f: Objective, start: number[], s: OptimizerSettings, steps: number, slip: 'no-power' | 'no-alpha', traceSteps: number): AdamRun {
  const { lr = 1e-3, beta1: b1 = 0.9, beta2: b2 = 0.999, eps = 1e-8 } = s;
  const d = start.length;
  const theta = Float64Array.from(start);
  const g = new Float64Array(d);
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  const trace: AdamRun['trace'] = [];
  for (let t = 1; t <= steps; t++) {
    f.valueAndGradient(theta, g);
    const c1 = slip === 'no-power' ? 1 - b1 : 1 - b1 ** t;
    const c2 = slip === 'no-power' ? 1 - b2 : 1 - b2 ** t;
    const mHat: number[] = [];
    const vHat: number[] = [];
    for (let i = 0; i < d; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      mHat.push(m[i] / c1);
      vHat.push(v[i] / c2);
      theta[i] -= ((slip === 'no-alpha' ? 1 : lr) * mHat[i]) / (Math.sqrt(vHat[i]) + eps);
    }
    if (t <= traceSteps) trace.push({ theta: Array.from(theta), mHat, vHat });
    if (!Array.from(theta).every(Number.isFinite)) break;
  }
  return { final: { theta: Array.from(theta), loss: f.value(theta) }, trace };
}

function adamSlip(path: Array<string | number>, v: number, result: unknown, near: Near, variants: () => AdamVariants | null): Slip | null {
  if ((result as { optimizer?: string }).optimizer !== 'adam') return null;
  const runs = variants();
  if (!runs) return null;
  const at = (run: AdamRun) => path.reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[p] : undefined), run);
  const noPower = at(runs.noPower);
  if (typeof noPower === 'number' && near(v, noPower)) {
    return { id: 'bias-correction-without-power', text: 'that is what Adam gives with m̂ = m/(1 − β₁) and v̂ = v/(1 − β₂); the bias correction has the power t: m̂ₜ = mₜ/(1 − β₁ᵗ), v̂ₜ = vₜ/(1 − β₂ᵗ) (the assignment drops it)' };
  }
  const noAlpha = at(runs.noAlpha);
  if (typeof noAlpha === 'number' && near(v, noAlpha)) {
    return { id: 'adam-without-alpha', text: 'that is Adam without the learning rate α; the update is θₜ = θₜ₋₁ − α·m̂ₜ/(√v̂ₜ + ε) (the assignment drops α)' };
  }
  return null;
}

/* ---------- vectors (singular vectors, principal axes, projections) ---------- */

/** Slip rules for a vector compared up to sign; `v` is the student's vector, `a` ours. */
export function vectorSlip(kind: ProblemKind, field: string, j: number, v: number[], a: number[], result: unknown, input: unknown, near: Near): Slip | null {
  const k = sub(j + 1);
  const length = Math.hypot(...v);
  const parallel = length > 0 && a.every((x, i) => near(v[i] / length, x) || near(-v[i] / length, x));
  if (parallel && Math.abs(length - 1) > 1e-3) {
    if (kind === 'svd' && field === 'U') {
      const s = (result as SvdJson).singularValues[j];
      if (s > 0 && Math.abs(s - 1) > 1e-9 && Math.abs(length - 1 / s) < 1e-3 * Math.max(1, 1 / s)) {
        return { id: 'divided-by-eigenvalue', text: `that is Av${k} divided by λ${k} = ${n4(s * s)}; u${k} = Av${k}/σ${k} with σ${k} = ${n4(s)}` };
      }
    }
    return { id: 'not-unit-length', text: `that points the right way but has length ${n4(length)}; divide by it for a unit vector` };
  }
  if (kind === 'svd' && field === 'V' && v.length === 2) {
    const r = result as SvdJson;
    const s = r.singularValues[j];
    const M = gram(r);
    if (M && Math.abs(s * s - s) > 1e-9) {
      for (const w of [[M[0][1], s - M[0][0]], [s - M[1][1], M[1][0]]]) {
        const n = Math.hypot(w[0], w[1]);
        // An axis vector such as (1, 0) is far likelier to be some other mistake than this one.
        if (Math.min(Math.abs(w[0]), Math.abs(w[1])) <= 1e-9 * n) continue;
        if (sameAxis(v, [w[0] / n, w[1] / n], near)) {
          return { id: 'vector-from-singular-value', text: `that solves (AᵀA − σ${k}I)v = 0 with σ${k} = ${n4(s)}; v${k} comes from (AᵀA − λ${k}I)v = 0 with the eigenvalue λ${k} = σ${k}² = ${n4(s * s)}` };
        }
      }
    }
  }
  if (kind === 'pca' && field === 'projections') {
    const r = result as PcaJson;
    const X = (input as PcaProblemInput | undefined)?.data.samples;
    const e = r.components[j];
    if (X && e) {
      const raw = X.map((row) => row.reduce((s, x, c) => s + x * e[c], 0));
      if (sameAxis(v, raw, near)) return { id: 'not-centred', text: `those are e${k}ᵀxᵢ without centring; subtract the mean x̄ = (${r.mean.map(n4).join(', ')}) first: zᵢ = e${k}ᵀ(xᵢ − x̄)` };
    }
  }
  return null;
}

/** v = ±w, element by element. */
function sameAxis(v: number[], w: number[], near: Near): boolean {
  return v.length === w.length && (v.every((x, i) => near(x, w[i])) || v.every((x, i) => near(x, -w[i])));
}

/** AᵀA from the factors: V Σ² Vᵀ. */
function gram(r: SvdJson): number[][] | null {
  const n = r.cols;
  if (n !== 2) return null;
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => r.singularValues.reduce((s, sigma, k) => s + sigma * sigma * r.V[a][k] * r.V[b][k], 0)));
}

/* ---------- derivatives ---------- */

/** One term of the product rule instead of both; or f itself. `wrong` evaluates the student's f′. */
export function derivativeSlip(expression: string, wrong: (x: number) => number, points: number[], near: Near): Slip | null {
  let f;
  try {
    f = parseExpression(expression);
  } catch {
    return null;
  }
  const matches = (g: (x: number) => number) => points.every((x) => {
    const a = wrong(x);
    const b = g(x);
    return !Number.isFinite(a) || !Number.isFinite(b) || near(a, b);
  });
  if (matches((x) => evaluate(f, x))) return { id: 'value-for-derivative', text: 'that is f itself, not its derivative' };
  if (f.kind !== 'bin' || f.op !== '*') return null;
  const u = f.left;
  const v = f.right;
  const du = parseExpression(deriveExpression(toExpr(u), { mathjs: false }).derivative);
  const dv = parseExpression(deriveExpression(toExpr(v), { mathjs: false }).derivative);
  const full = deriveExpression(expression, { mathjs: false }).derivative;
  for (const [term, name] of [
    [(x: number) => evaluate(du, x) * evaluate(v, x), `u′v = ${toExpr(du)} · ${toExpr(v)}`],
    [(x: number) => evaluate(u, x) * evaluate(dv, x), `uv′ = ${toExpr(u)} · ${toExpr(dv)}`],
  ] as Array<[(x: number) => number, string]>) {
    if (matches(term)) return { id: 'product-rule-term', text: `that is only one term of the product rule, ${name}; (uv)′ = u′v + uv′ = ${full}` };
  }
  return null;
}
