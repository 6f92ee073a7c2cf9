/**
 * The `gd` derivation (assignment Q4, errata applied): the model and its
 * gradient, L from the Hessian (2/N)XᵀX, the stability bound η < 2/L, the
 * descent lemma with L (not L²), the first iterations with every gradient
 * term written out, the run, and the loop as pseudo-code, Python and TypeScript.
 */
import { defaultDisplayOptions, NumberDisplay, type DisplayOptions } from '../display';
import { aligned } from '../tex';
import { GD_PSEUDOCODE, GD_STEP_LINES, gdPython, gdTypeScript } from './code';
import { generateLinearData, type GenerateOptions } from './compare';
import { contourPlot, windowFor } from './contour';
import { lossPlot, sigFigs } from './derive-common';
import type { SigFigs } from './format';
import { gradientDescent, type GdOutcome } from './gd';
import type { Dataset } from './linreg';
import type { GdJson, OptimDerivation, OptimStep, RunControl } from './types';

export interface GdInput {
  /** The data; or `generate` to draw it from a seeded line plus noise. */
  data?: Dataset;
  generate?: GenerateOptions;
  /** Learning rate η. Default 0.001 (the rate Q4 asks about). */
  eta?: number;
  start?: [number, number];
  steps?: number;
  tol?: number;
}

export interface GdDerivationOutcome {
  derivation: OptimDerivation;
  json: GdJson;
  outcome: GdOutcome;
}

/** Iterations written out term by term. */
const HAND_ITERATIONS = 3;
/** Sums with more terms show the first three, ⋯, and the last. */
const MAX_TERMS = 6;

export function deriveGd(input: GdInput, options: DisplayOptions & RunControl = defaultDisplayOptions): GdDerivationOutcome {
  const data = input.data ?? generateLinearData(input.generate);
  const maxSteps = input.steps ?? 10_000;
  const tol = input.tol ?? 1e-8;
  const start = input.start ?? [0, 0];
  const outcome = gradientDescent(data, { eta: input.eta, start, maxSteps, tol, progressEvery: options.progressEvery, onProgress: options.onProgress, shouldStop: options.shouldStop });
  const fmt = sigFigs(options);
  const exact = new NumberDisplay(options, discriminantRadicand(data));
  const r = outcome.run;
  const steps: OptimStep[] = [modelStep(data, fmt), hessianStep(outcome, exact, fmt)];
  for (let t = 1; t <= Math.min(HAND_ITERATIONS, r.trace.length); t++) steps.push(iterationStep(outcome, t, fmt));
  if (outcome.descent.length) steps.push(descentStep(outcome, fmt));
  steps.push(runStep(outcome, fmt));
  if (!r.diverged) steps.push(pathStep(outcome));
  steps.push(loopStep());
  const warnings: string[] = [];
  if (!outcome.stable) warnings.push(`η = ${outcome.eta} is not below 2/L = ${fmt.text(outcome.stableBelow)}: gradient descent cannot converge with this step.`);
  if (!outcome.leastSquares) warnings.push('All xᵢ are equal, so XᵀX is singular: the least-squares line is not unique and L is large relative to the flat direction.');
  if (r.stopped) warnings.push(`Stopped on request after ${r.iterations} steps.`);
  const stepLines: Record<string, number[]> = { model: [...GD_STEP_LINES.model, ...GD_STEP_LINES.gradient], hessian: [...GD_STEP_LINES.update], run: [...GD_STEP_LINES.stopping], loop: GD_PSEUDOCODE.map((_, i) => i) };
  for (let t = 1; t <= HAND_ITERATIONS; t++) stepLines[`iteration-${t}`] = [...GD_STEP_LINES.model, ...GD_STEP_LINES.gradient, ...GD_STEP_LINES.update];
  const params = { data, eta: outcome.eta, start, maxSteps, tol };
  return {
    derivation: {
      kind: 'gd',
      title: `Gradient descent on linear regression (N = ${data.x.length}, η = ${outcome.eta})`,
      steps,
      warnings,
      interactive: { type: 'loop-code', pseudocode: [...GD_PSEUDOCODE], stepLines, python: gdPython(params), typescript: gdTypeScript(params) },
    },
    json: outcome.json,
    outcome,
  };
}

/**
 * L = (a + c)/2 + √D/2 with D = (a − c)² + 4b² for H = [[a, b], [b, c]].
 * For integer data D is an integer; its square-free part lets the display
 * recognise L exactly, e.g. (17 + √269)/2.
 */
function discriminantRadicand(data: Dataset): number[] {
  const n = data.x.length;
  if (!data.x.every(Number.isInteger) || n > 1e6) return [];
  const sx = data.x.reduce((s, v) => s + v, 0);
  const sxx = data.x.reduce((s, v) => s + v * v, 0);
  // N²·D/4 = (N − Σx²)² + 4(Σx)² is an integer; D has the same square-free part.
  const D = (n - sxx) ** 2 + 4 * sx * sx;
  if (!Number.isSafeInteger(D) || D <= 0 || D > 1e12) return [];
  let free = D;
  for (let p = 2; p * p <= free; p++) while (free % (p * p) === 0) free /= p * p;
  return free > 1 ? [free] : [];
}

function modelStep(data: Dataset, fmt: SigFigs): OptimStep {
  const n = data.x.length;
  const shown = Math.min(n, 10);
  return {
    id: 'model',
    title: 'Model, loss and gradient',
    tex: aligned([
      '\\hat y_i = w_0 + w_1 x_i',
      'J(w_0, w_1) = \\frac{1}{N}\\sum_{i=1}^{N} (\\hat y_i - y_i)^{2}',
      '\\frac{\\partial J}{\\partial w_0} = \\frac{2}{N}\\sum_{i=1}^{N} (\\hat y_i - y_i),\\qquad \\frac{\\partial J}{\\partial w_1} = \\frac{2}{N}\\sum_{i=1}^{N} (\\hat y_i - y_i)\\, x_i',
      'w \\leftarrow w - \\eta\\, \\nabla J(w)',
    ]),
    text:
      `A line ŷ = w₀ + w₁x fitted to N = ${n} points by the mean squared error. The factor 2 comes from differentiating the square, ` +
      'and ∂ŷᵢ/∂w₀ = 1, ∂ŷᵢ/∂w₁ = xᵢ. Every step of batch gradient descent visits all N points.',
    table: {
      caption: shown < n ? `The first ${shown} of ${n} points` : 'The data',
      columns: ['i', 'xᵢ', 'yᵢ'],
      rows: data.x.slice(0, shown).map((x, i) => [i + 1, fmt.text(x), fmt.text(data.y[i])]),
    },
  };
}

function hessianStep(o: GdOutcome, exact: NumberDisplay, fmt: SigFigs): OptimStep {
  const H = o.objective.hessianMatrix;
  const { mx, mxx } = o.objective.moments;
  const shown = exact.scalar(o.L, o.L);
  const Ltex = shown.exact && shown.tex !== fmt.tex(o.L) ? `${shown.tex} \\approx ${fmt.tex(o.L)}` : fmt.tex(o.L);
  const margin = o.eta * (1 - (o.L * o.eta) / 2);
  return {
    id: 'hessian',
    title: 'L, the stability bound and the descent lemma',
    tex: aligned([
      `\\nabla^{2} J = \\frac{2}{N} X^{\\mathsf T} X = 2\\begin{bmatrix} 1 & \\bar x \\\\ \\bar x & \\overline{x^{2}} \\end{bmatrix} = ${exact.matrixTex(H)},\\quad X = \\begin{bmatrix} 1 & x_1 \\\\ \\vdots & \\vdots \\\\ 1 & x_N \\end{bmatrix}`,
      `L = \\lambda_{\\max} = 1 + \\overline{x^{2}} + \\sqrt{\\left(1 - \\overline{x^{2}}\\right)^{2} + 4\\bar x^{2}} = ${Ltex},\\qquad \\lambda_{\\min} = ${fmt.tex(o.mu)}`,
      `J(w - \\eta\\nabla J) \\le J(w) - \\eta\\left(1 - \\frac{L\\eta}{2}\\right)\\|\\nabla J\\|^{2},\\quad \\eta\\left(1 - \\frac{L\\eta}{2}\\right) = ${fmt.tex(margin)}`,
      `\\eta = ${fmt.tex(o.eta)} ${o.stable ? '<' : '\\ge'} \\frac{2}{L} = ${fmt.tex(o.stableBelow)}`,
    ]),
    text:
      `With x̄ = ${fmt.text(mx)} and mean(x²) = ${fmt.text(mxx)}, the Hessian is constant, so its largest eigenvalue L = ${exact.withDecimal(o.L, o.L)} is exactly the Lipschitz constant of ∇J. ` +
      `The descent lemma has L (not L²): each step lowers J whenever η(1 − Lη/2) > 0, that is η < 2/L = ${fmt.text(o.stableBelow)}. ` +
      (o.stable
        ? `η = ${o.eta} satisfies it, so J decreases at every step; the error shrinks by ρ = max|1 − ηλ| = ${fmt.text(o.contraction)} per step.`
        : `η = ${o.eta} does not: along the top eigenvector the error is multiplied by 1 − ηL = ${fmt.text(1 - o.eta * o.L)} per step, and |1 − ηL| ≥ 1.`),
  };
}

/** (2/N)·[t₁ + t₂ + …] written out, abbreviated for large N. */
function sumTex(terms: string[]): string {
  const shown = terms.length <= MAX_TERMS ? terms : [...terms.slice(0, 3), '\\cdots', terms[terms.length - 1]];
  return `\\frac{2}{${terms.length}}\\left[${shown.join(' + ')}\\right]`;
}

function iterationStep(o: GdOutcome, t: number, fmt: SigFigs): OptimStep {
  const { x, y } = o.objective.data;
  const entry = o.run.trace[t - 1];
  const w = t === 1 ? o.run.start : o.run.trace[t - 2].theta;
  const residuals = x.map((xi, i) => w[0] + w[1] * xi - y[i]);
  const paren = (v: number) => (v < 0 ? `(${fmt.tex(v)})` : fmt.tex(v));
  const rTerms = residuals.map((r) => paren(r));
  const rxTerms = residuals.map((r, i) => `${paren(r)}\\cdot ${paren(x[i])}`);
  const k = Math.min(x.length, MAX_TERMS) === x.length ? x.length : 3;
  const residualLines = residuals.slice(0, k).map((r, i) => `r_{${i + 1}} = ${fmt.tex(w[0])} + ${paren(w[1])}\\cdot ${paren(x[i])} - ${paren(y[i])} = ${fmt.tex(r)}`);
  const before = o.objective.value(w);
  const after = o.objective.value(entry.theta);
  const n = (v: number) => fmt.tex(v);
  return {
    id: `iteration-${t}`,
    title: `Iteration ${t}, every term`,
    tex: aligned([
      ...residualLines,
      ...(k < x.length ? [`\\vdots\\qquad r_{${x.length}} = ${fmt.tex(residuals[x.length - 1])}`] : []),
      `\\frac{\\partial J}{\\partial w_0} = ${sumTex(rTerms)} = ${n(entry.grad[0])}`,
      `\\frac{\\partial J}{\\partial w_1} = ${sumTex(rxTerms)} = ${n(entry.grad[1])}`,
      `w_0 \\leftarrow ${n(w[0])} - ${n(o.eta)}\\cdot ${paren(entry.grad[0])} = ${n(entry.theta[0])}`,
      `w_1 \\leftarrow ${n(w[1])} - ${n(o.eta)}\\cdot ${paren(entry.grad[1])} = ${n(entry.theta[1])}`,
      `J: ${n(before)} \\to ${n(after)}`,
    ]),
    text:
      `The residuals rᵢ = ŷᵢ − yᵢ at w = ${fmt.tupleText(w)}, then the two sums of the gradient, then one step of size η = ${o.eta}. ` +
      `J goes from ${fmt.text(before)} to ${fmt.text(after)}${after > before ? ' — it went up: the step overshot.' : '.'}`,
  };
}

function descentStep(o: GdOutcome, fmt: SigFigs): OptimStep {
  const all = o.descent.every((d) => d.holds);
  return {
    id: 'descent-lemma',
    title: 'The descent lemma, checked step by step',
    tex: `J(w_t) \\le J(w_{t-1}) - \\eta\\left(1 - \\frac{L\\eta}{2}\\right)\\|\\nabla J(w_{t-1})\\|^{2}`,
    text: all
      ? `The bound holds at each of the first ${o.descent.length} steps, as it must for any η: J is quadratic and ∇J is L-Lipschitz. It guarantees progress only when η < 2/L.`
      : 'The bound fails at a step marked "no"; since J is quadratic this can only be rounding error.',
    table: {
      columns: ['t', 'J(wₜ)', 'bound', 'bound − J(wₜ)', 'holds'],
      rows: o.descent.map((d) => [d.t, fmt.text(d.lhs), fmt.text(d.rhs), fmt.text(d.rhs - d.lhs), d.holds ? 'yes' : 'no']),
    },
  };
}

function runStep(o: GdOutcome, fmt: SigFigs): OptimStep {
  const r = o.run;
  const ls = o.leastSquares;
  const J = o.objective;
  return {
    id: 'run',
    title: 'The whole run',
    tex: ls
      ? `w_{${r.iterations}} = ${fmt.vecTex(r.theta)},\\quad w^{*} = (X^{\\mathsf T}X)^{-1}X^{\\mathsf T}y = ${fmt.vecTex(ls)},\\quad J(w_{${r.iterations}}) = ${fmt.tex(r.loss)}`
      : `w_{${r.iterations}} = ${fmt.vecTex(r.theta)},\\quad J(w_{${r.iterations}}) = ${fmt.tex(r.loss)}`,
    text: o.verdict + (r.history.x.length < r.iterations + 1 ? ` The plot shows ${r.history.x.length} evenly spaced values of J; the final numbers are exact.` : ''),
    ...(ls && {
      table: {
        columns: ['', 'w₀', 'w₁', 'J'],
        rows: [
          ['gradient descent', fmt.text(r.theta[0]), fmt.text(r.theta[1]), fmt.text(r.loss)],
          ['normal equations', fmt.text(ls[0]), fmt.text(ls[1]), fmt.text(J.value(ls))],
        ],
      },
    }),
    plot: lossPlot('J per step', 'step', [{ name: `η = ${o.eta}`, x: r.history.x, y: r.history.loss }], 'J'),
  };
}

function pathStep(o: GdOutcome): OptimStep {
  const r = o.run;
  const ls = o.leastSquares;
  const J = o.objective;
  const region = windowFor(undefined, [r.start, r.theta, ...(ls ? [ls] : [])]);
  const pt = new Float64Array(2);
  return {
    id: 'path',
    title: 'The path of w over the level sets of J',
    tex: 'J(w_0, w_1) = \\text{const}',
    text:
      o.mu > 1e-12 * o.L
        ? `J is a quadratic bowl; its level sets are ellipses whose axes are the Hessian's eigenvectors, stretched in the ratio √(L/λ_min) = ${Math.sqrt(o.L / o.mu).toPrecision(3)}.`
        : 'λ_min = 0: J is flat along one direction, so its level sets are parallel lines and every point of the bottom line fits the data equally well.',
    plot: contourPlot((a, b) => ((pt[0] = a), (pt[1] = b), J.value(pt)), region, {
      title: 'Level sets of J(w₀, w₁) and the path of w',
      xLabel: 'w₀',
      yLabel: 'w₁',
      paths: [{ name: `η = ${o.eta}`, points: r.history.path ?? [] }],
      markers: [{ name: 'start', x: r.start[0], y: r.start[1] }, ...(ls ? [{ name: 'least squares', x: ls[0], y: ls[1] }] : [])],
    }),
  };
}

function loopStep(): OptimStep {
  return {
    id: 'loop',
    title: 'The training loop',
    tex: 'w_{t} = w_{t-1} - \\eta\\, \\nabla J(w_{t-1}),\\quad t = 1, 2, \\ldots',
    text: 'The loop in pseudo-code, as run here; the panel offers it as Python and as TypeScript, with this data and η, ready to run.',
  };
}

export { HAND_ITERATIONS };
