/**
 * The `gd-compare` derivation (assignment Q3, errata applied): batch GD, SGD
 * with ONE example per step, and mini-batch GD on the same data; the cost
 * per step; loss per epoch and per unit of work; the measured SGD noise; the
 * noise ball of a fixed step; and the saddle where batch GD stalls.
 */
import { defaultDisplayOptions, type DisplayOptions } from '../display';
import { aligned } from '../tex';
import { compareGradientMethods, generateLinearData, type CompareOptions, type CompareOutcome, type GenerateOptions, type MethodRun } from './compare';
import { contourPlot } from './contour';
import { lossPlot, sigFigs } from './derive-common';
import type { SigFigs } from './format';
import type { Dataset } from './linreg';
import { saddleDemo, type SaddleOptions, type SaddleOutcome } from './saddle';
import type { CompareMethod, GdCompareJson, OptimDerivation, OptimStep, RunControl } from './types';

export interface GdCompareInput extends Omit<CompareOptions, keyof RunControl> {
  data?: Dataset;
  /** Default when no data is given: n = 200, noise 0.3, seed 1 (y = 1 + 2x + noise, x ∈ [−1, 1]). */
  generate?: GenerateOptions;
  /** Saddle demonstration settings, or false to leave it out. */
  saddle?: SaddleOptions | false;
}

export interface GdCompareOutcome {
  derivation: OptimDerivation;
  json: GdCompareJson;
  outcome: CompareOutcome;
  saddle: SaddleOutcome | null;
}

const LABEL: Record<CompareMethod, string> = { batch: 'batch GD', sgd: 'SGD (1 example)', minibatch: 'mini-batch GD' };

export function deriveGdCompare(input: GdCompareInput, options: DisplayOptions & RunControl = defaultDisplayOptions): GdCompareOutcome {
  const data = input.data ?? generateLinearData(input.generate);
  const { eta, epochs, batchSize, seed, start, historyPoints } = input;
  const outcome = compareGradientMethods(data, { eta, epochs, batchSize, seed, start, historyPoints, progressEvery: options.progressEvery, onProgress: options.onProgress, shouldStop: options.shouldStop });
  const saddle = input.saddle === false ? null : saddleDemo(input.saddle ?? {});
  const fmt = sigFigs(options);
  const steps: OptimStep[] = [setupStep(outcome), costStep(outcome, fmt), epochStep(outcome, fmt), workStep(outcome), noiseStep(outcome, fmt), noiseBallStep(outcome, fmt)];
  if (saddle) steps.push(saddleStep(saddle, fmt));
  const warnings = outcome.stopped ? ['Stopped on request: the runs are incomplete.'] : [];
  const diverged = outcome.methods.filter((m) => !Number.isFinite(m.loss));
  if (diverged.length) warnings.push(`${diverged.map((m) => LABEL[m.method]).join(', ')} diverged with η = ${outcome.eta}: lower the learning rate.`);
  return {
    derivation: { kind: 'gd-compare', title: `Batch vs stochastic vs mini-batch gradient descent (N = ${outcome.objective.n})`, steps, warnings },
    json: outcome.json,
    outcome,
    saddle,
  };
}

const byMethod = (o: CompareOutcome, m: CompareMethod) => o.methods.find((r) => r.method === m)!;

function setupStep(o: CompareOutcome): OptimStep {
  const B = byMethod(o, 'minibatch').batchSize;
  return {
    id: 'setup',
    title: 'Three ways to step on the same loss',
    tex: aligned([
      'J(w) = \\frac{1}{N}\\sum_{i=1}^{N} L_i(w),\\quad L_i(w) = (w_0 + w_1 x_i - y_i)^{2},\\quad \\nabla L_i = 2(\\hat y_i - y_i)\\begin{bmatrix} 1 \\\\ x_i \\end{bmatrix}',
      '\\text{batch:}\\quad w_{t+1} = w_t - \\eta\\, \\nabla J(w_t) = w_t - \\frac{\\eta}{N}\\sum_{i=1}^{N} \\nabla L_i(w_t)',
      '\\text{SGD:}\\quad w_{t+1} = w_t - \\eta\\, \\nabla L_{i_t}(w_t),\\quad \\text{one example } i_t \\text{ per step}',
      `\\text{mini-batch:}\\quad w_{t+1} = w_t - \\frac{\\eta}{B}\\sum_{i \\in \\mathcal B_t} \\nabla L_i(w_t),\\quad B = ${B}`,
    ]),
    text:
      `All three use η = ${o.eta} for ${o.epochs} epochs from w = (0, 0). SGD uses exactly one example per step; a small subset per step is mini-batch gradient descent, a different method. ` +
      `Each epoch SGD and mini-batch visit the examples in a fresh random order (seed ${o.seed}), so every example is used once per epoch.`,
  };
}

function costStep(o: CompareOutcome, fmt: SigFigs): OptimStep {
  const n = o.objective.n;
  return {
    id: 'cost',
    title: 'Cost per step: O(N·d) against O(d)',
    tex: `\\text{batch: } N = ${n} \\text{ gradients per step} = O(N d),\\quad \\text{SGD: } 1 = O(d),\\quad \\text{mini-batch: } B = O(B d),\\quad d = 2`,
    text:
      'Counted while running, not assumed: each per-example gradient costs about 2d multiply-adds. In one epoch all three spend the same N gradients, ' +
      'but batch GD takes 1 step with them, SGD takes N. So "SGD converges faster" holds per unit of computation on large data, not per iteration.',
    table: {
      columns: ['method', 'steps', 'per-example gradients per step', 'total per-example gradients', 'multiply-adds', 'final J'],
      rows: o.methods.map((m) => [LABEL[m.method], m.steps, perStep(m, n), m.gradientEvaluations, m.flops, fmt.text(m.loss)]),
    },
  };
}

/** N, 1 or B; an epoch's last mini-batch is smaller when B does not divide N (as PyTorch's DataLoader with drop_last=False). */
function perStep(m: MethodRun, n: number): string {
  const rest = n % m.batchSize;
  return rest && m.method === 'minibatch' ? `${m.batchSize} (last of each epoch: ${rest})` : String(m.batchSize);
}

function epochStep(o: CompareOutcome, fmt: SigFigs): OptimStep {
  return {
    id: 'loss-per-epoch',
    title: 'Loss per epoch',
    tex: 'J(w) \\text{ after each full pass over the data}',
    text:
      `Per epoch (the same work for all three), SGD and mini-batch have taken many steps while batch GD has taken one. ` +
      `After ${o.epochs} epochs: ${o.methods.map((m) => `${LABEL[m.method]} J = ${fmt.text(m.loss)}`).join(', ')}.`,
    plot: lossPlot('J per epoch', 'epoch', o.methods.map((m) => ({ name: LABEL[m.method], x: m.perEpoch.map((_, i) => i), y: m.perEpoch })), 'J'),
  };
}

function workStep(o: CompareOutcome): OptimStep {
  return {
    id: 'loss-per-evaluation',
    title: 'Loss per unit of work',
    tex: 'J(w) \\text{ against the number of per-example gradients computed}',
    text: 'The horizontal axis counts per-example gradients, the real cost. Batch GD pays N of them before its first move.',
    plot: lossPlot('J against per-example gradients', 'per-example gradients', o.methods.map((m) => ({ name: LABEL[m.method], x: m.perEvaluation.x, y: m.perEvaluation.loss })), 'J'),
  };
}

function noiseStep(o: CompareOutcome, fmt: SigFigs): OptimStep {
  const sgd = byMethod(o, 'sgd');
  const mini = byMethod(o, 'minibatch');
  const ns = sgd.noise!;
  const z = ns.mean.map((m, i) => (ns.standardError[i] > 0 ? m / ns.standardError[i] : 0));
  const varOf = (m: MethodRun) => m.noise!.perEpoch.map((e) => e.variance[0] + e.variance[1]);
  return {
    id: 'noise',
    title: 'The SGD noise is unbiased',
    tex: aligned([
      'g_t = \\nabla L_{i_t}(w_t) = \\nabla J(w_t) + \\xi_t,\\qquad \\xi_t = \\nabla L_{i_t}(w_t) - \\nabla J(w_t)',
      '\\mathbb E_{i}[\\nabla L_{i}(w)] = \\frac{1}{N}\\sum_{i=1}^{N} \\nabla L_i(w) = \\nabla J(w) \\;\\Rightarrow\\; \\mathbb E[\\xi_t] = 0',
      `\\bar\\xi = ${fmt.tupleTex(ns.mean)},\\quad \\text{standard error } ${fmt.tupleTex(ns.standardError)}`,
    ]),
    text:
      `Measured over ${ns.steps} SGD steps: the mean of ξₜ is ${fmt.tupleText(ns.mean)}, which is ${z.map((v) => Math.abs(v).toFixed(1)).join(' and ')} standard errors from 0: consistent with zero mean. ` +
      'The stochastic gradient is unbiased; its variance is what makes SGD noisy. Averaging B examples divides the variance by about B ' +
      `(last epoch: SGD tr Var ξ = ${fmt.text(varOf(sgd).at(-1) ?? NaN)}, mini-batch ${fmt.text(varOf(mini).at(-1) ?? NaN)}).`,
    table: {
      caption: 'Per epoch: mean and trace of the variance of ξₜ',
      columns: ['epoch', 'SGD mean ξ', 'SGD tr Var ξ', 'mini-batch mean ξ', 'mini-batch tr Var ξ'],
      rows: ns.perEpoch.map((e, k) => [e.epoch, fmt.tupleText(e.mean), fmt.text(e.variance[0] + e.variance[1]), fmt.tupleText(mini.noise!.perEpoch[k]?.mean ?? []), fmt.text(varOf(mini)[k] ?? NaN)]),
    },
    plot: lossPlot('Variance of the gradient noise per epoch', 'epoch', [
      { name: 'SGD', x: ns.perEpoch.map((e) => e.epoch), y: varOf(sgd) },
      { name: 'mini-batch', x: mini.noise!.perEpoch.map((e) => e.epoch), y: varOf(mini) },
    ], 'tr Var ξ'),
  };
}

function noiseBallStep(o: CompareOutcome, fmt: SigFigs): OptimStep {
  const ls = o.leastSquares;
  return {
    id: 'noise-ball',
    title: 'A fixed step leaves SGD in a noise ball',
    tex: ls
      ? `w^{*} = (X^{\\mathsf T}X)^{-1}X^{\\mathsf T}y = ${fmt.vecTex(ls)},\\quad J(w^{*}) = ${fmt.tex(o.optimalLoss)}`
      : 'J^{*} = \\min_w J(w)',
    text:
      'At the minimum ∇J = 0 but the single-example gradients are not, so with a fixed η SGD keeps moving in a region whose size grows with η: ' +
      `its final J is ${fmt.text(byMethod(o, 'sgd').loss)} against the optimum ${fmt.text(o.optimalLoss)}. A decaying step size (ηₜ → 0 with Σηₜ = ∞) removes this.`,
    table: {
      columns: ['method', 'w₀', 'w₁', 'J', 'J − J*'],
      rows: [
        ...o.methods.map((m) => [LABEL[m.method], fmt.text(m.theta[0]), fmt.text(m.theta[1]), fmt.text(m.loss), fmt.text(m.loss - o.optimalLoss)]),
        ...(ls ? [['normal equations', fmt.text(ls[0]), fmt.text(ls[1]), fmt.text(o.optimalLoss), '0']] : []),
      ],
    },
  };
}

function saddleStep(s: SaddleOutcome, fmt: SigFigs): OptimStep {
  const r = Math.max(s.escapeRadius * 1.3, Math.abs(s.start[0]) * 1.2, 1);
  const plot = contourPlot((x, y) => x * x - y * y + s.c, { min: [-r, -r], max: [r, r] }, {
    title: 'J = x² − y² + c: batch GD stalls, SGD escapes',
    paths: [
      { name: 'batch GD', points: s.batch.path },
      { name: 'SGD', points: s.sgd.path },
    ],
    markers: [{ name: 'start', x: s.start[0], y: s.start[1] }, { name: 'saddle', x: 0, y: 0 }],
  });
  return {
    id: 'saddle',
    title: 'At a saddle: batch GD stalls, SGD escapes',
    tex: aligned([
      `\\ell_i(x, y) = (x - a_i)^{2} - (y - b_i)^{2},\\quad \\textstyle\\sum_i a_i = \\sum_i b_i = 0 \\;\\Rightarrow\\; J = x^{2} - y^{2} + c,\\quad c = \\overline{a^{2}} - \\overline{b^{2}} = ${fmt.tex(s.c)}`,
      '\\nabla J = (2x,\\ -2y),\\quad \\nabla^{2} J = \\operatorname{diag}(2, -2)',
      '\\frac{\\partial \\ell_i}{\\partial y} = -2(y - b_i) \\ne 0 \\text{ at } y = 0,\\quad y_{t+1} = (1 + 2\\eta)\\, y_t - 2\\eta\\, b_{i_t}',
    ]),
    text:
      `Both start at ${fmt.tupleText(s.start)} on the line y = 0, with η = ${s.eta} and ${s.a.length} examples. ` +
      (s.batch.stalled
        ? `Batch GD has ∂J/∂y = −2y = 0 there, so y never moves; it slides into the saddle and stops after ${s.batch.steps} steps with ‖∇J‖ = ${fmt.text(s.batch.gradNorm)} at ${fmt.tupleText(s.batch.theta)}, a stationary point that is not a minimum (one eigenvalue is −2). `
        : `Batch GD did not reach the saddle within ${s.batch.steps} steps (‖∇J‖ = ${fmt.text(s.batch.gradNorm)}). `) +
      (s.sgd.escapedAt !== null
        ? `SGD's single-example gradients are not zero there: each kick in y is amplified by 1 + 2η per step, and |y| passed ${s.escapeRadius} at step ${s.sgd.escapedAt}. `
        : `SGD did not leave |y| ≤ ${s.escapeRadius} within ${s.sgd.steps} steps. `) +
      'The noise helps at saddles; at a minimum it is the noise ball of the previous step.',
    plot,
  };
}
