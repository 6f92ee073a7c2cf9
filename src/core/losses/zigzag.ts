/**
 * Question 8: the sigmoid zig-zag. A neuron z = w·x whose inputs are sigmoid
 * outputs (all in (0, 1)) gets per-sample gradients ∂L/∂wᵢ = δ·xᵢ that all
 * share the sign of δ = ∂L/∂z, so every single-sample step moves all weights
 * up or all down. Reaching a target with mixed signs, w* = (2, −2), then
 * takes many alternating steps; the same neuron fed zero-centred tanh
 * outputs of the same pre-activations does not have this constraint.
 *
 * The simulation is SGD, one sample per step (the constraint is per sample;
 * a mini-batch averages δ's of both signs and can point anywhere, though it
 * inherits the same ill-conditioning). The target is realisable (y = w*·x,
 * no noise), so both runs converge exactly rather than to a noise ball.
 */
import type { Step } from '../derivation';
import { formatNumber } from '../exact/format';
import { sigmoid } from '../activations/math';
import type { MdlDerivation } from '../activations/types';
import { gaussian, uniform } from './random';

export interface ZigzagOptions {
  seed: number;
  target: [number, number];
  start: [number, number];
  learningRate: number;
  /** Converged when ‖w − w*‖ < tolerance. */
  tolerance: number;
  maxSteps: number;
}

export const defaultZigzagOptions: ZigzagOptions = { seed: 11, target: [2, -2], start: [0, 0], learningRate: 0.5, tolerance: 1e-2, maxSteps: 20000 };

export interface ZigzagRun {
  /** Steps taken until ‖w − w*‖ < tolerance, or null if maxSteps ran out. */
  steps: number | null;
  /** w after each step, starting with the initial weights. */
  path: Array<[number, number]>;
  /** Fraction of updates lying in the all-positive or all-negative orthant. */
  sameSignFraction: number;
}

/** ∂L/∂w for L = ½(w·x − y)² on one sample: δ·x with δ = w·x − y. */
export function perSampleGradient(w: readonly number[], x: readonly number[], y: number): { delta: number; gradient: number[] } {
  const delta = w.reduce((s, wi, i) => s + wi * x[i], 0) - y;
  return { delta, gradient: x.map((xi) => delta * xi) };
}

/** All components ≥ 0 or all ≤ 0 (a zero vector counts as both). */
export function isSingleOrthant(v: readonly number[]): boolean {
  return v.every((c) => c >= 0) || v.every((c) => c <= 0);
}

function run(inputs: (u: number) => number, options: ZigzagOptions): ZigzagRun {
  const z = gaussian(options.seed);
  const pick = uniform(options.seed + 1);
  // One fixed pool of pre-activations, shared by both runs so only the input activation differs.
  const pool = Array.from({ length: 256 }, () => [inputs(z()), inputs(z())]);
  const w: [number, number] = [...options.start];
  const path: Array<[number, number]> = [[w[0], w[1]]];
  const [t1, t2] = options.target;
  let sameSign = 0;
  let updates = 0;
  for (let step = 1; step <= options.maxSteps; step++) {
    const x = pool[Math.floor(pick() * pool.length)];
    const { gradient } = perSampleGradient(w, x, t1 * x[0] + t2 * x[1]);
    const update = gradient.map((g) => -options.learningRate * g);
    if (update.some((u) => u !== 0)) {
      updates++;
      if (isSingleOrthant(update)) sameSign++;
    }
    w[0] += update[0];
    w[1] += update[1];
    path.push([w[0], w[1]]);
    if (Math.hypot(w[0] - t1, w[1] - t2) < options.tolerance) return { steps: step, path, sameSignFraction: sameSign / updates };
  }
  return { steps: null, path, sameSignFraction: updates ? sameSign / updates : 0 };
}

export interface ZigzagResult {
  positive: ZigzagRun;
  centred: ZigzagRun;
  options: ZigzagOptions;
}

/** The same neuron, data and learning rate, with sigmoid (all-positive) and tanh (zero-centred) inputs. */
export function simulateZigzag(options: ZigzagOptions = defaultZigzagOptions): ZigzagResult {
  return { positive: run(sigmoid, options), centred: run(Math.tanh, options), options };
}

// ---------------------------------------------------------------- derivation

export interface ZigzagJson {
  positive: { steps: number | null; path: Array<[number, number]>; sameSignFraction: number };
  centred: { steps: number | null; path: Array<[number, number]>; sameSignFraction: number };
  target: [number, number];
  learningRate: number;
  seed: number;
}

const pct = (f: number) => `${formatNumber(100 * f, 1)}%`;
const fmt = (x: number) => formatNumber(x, 4);
const stepsText = (s: number | null, max: number) => (s === null ? `not within ${max}` : String(s));

export function deriveZigzag(options: Partial<ZigzagOptions> = {}): { derivation: MdlDerivation; json: ZigzagJson } {
  const o = { ...defaultZigzagOptions, ...options };
  const { positive, centred } = simulateZigzag(o);
  const [t1, t2] = o.target;
  const series = (name: string, path: Array<[number, number]>) => ({ name, x: path.map((p) => p[0]), y: path.map((p) => p[1]) });
  // The target drawn as a small plus sign (a line series may retrace itself).
  const r = 0.08 * Math.max(1, Math.hypot(t1, t2));
  const plus: Array<[number, number]> = [[t1 - r, t2], [t1 + r, t2], [t1, t2], [t1, t2 + r], [t1, t2 - r]];

  const steps: Step[] = [
    {
      id: 'neuron',
      title: 'A neuron fed by a sigmoid layer',
      tex: String.raw`z = \sum_i w_i x_i + b,\qquad x_i = \sigma(u_i) \in (0, 1)`,
      text: 'Every input xᵢ is the output of a sigmoid, so every xᵢ is strictly positive.',
    },
    {
      id: 'gradient',
      title: 'The weight gradient is δ times the input',
      tex: String.raw`\frac{\partial L}{\partial w_i} = \frac{\partial L}{\partial z}\,\frac{\partial z}{\partial w_i} = \delta\,x_i,\qquad \delta = \frac{\partial L}{\partial z}`,
      text: 'δ collects everything above z (the loss and any output activation); it is one number per sample, shared by all weights of the neuron.',
    },
    {
      id: 'sign',
      title: 'All weight gradients share the sign of δ',
      tex: String.raw`x_i > 0\ \ \forall i \;\Longrightarrow\; \operatorname{sign}\frac{\partial L}{\partial w_i} = \operatorname{sign}\delta\ \ \forall i`,
      text: 'δ can be positive or negative (it is not always positive), but for one sample it is the same for every weight. So a single-sample update Δw = −ηδx lies in the all-positive orthant (δ < 0) or the all-negative one (δ > 0): every weight moves up, or every weight moves down.',
    },
    {
      id: 'zigzag',
      title: 'Mixed-sign targets need a zig-zag',
      tex: String.raw`\Delta\mathbf w = -\eta\,\delta\,\mathbf x \in \{\mathbf v : v_i \ge 0\ \forall i\} \cup \{\mathbf v : v_i \le 0\ \forall i\},\qquad \mathbf w^* = (${t1}, ${t2})`,
      text: `To reach w* = (${fmt(t1)}, ${fmt(t2)}), w₁ must rise while w₂ falls, which no single step can do. The path alternates between up-up and down-down steps whose differences slowly add up to the right direction.`,
    },
    {
      id: 'simulation',
      title: 'Gradient descent in weight space',
      tex: String.raw`L = \tfrac12\bigl(\mathbf w\cdot\mathbf x - \mathbf w^*\cdot\mathbf x\bigr)^2,\qquad \mathbf x = \sigma(\mathbf u)\ \text{ or }\ \tanh(\mathbf u)`,
      text: `SGD, one sample per step, learning rate ${o.learningRate}, from w = (${o.start.map(fmt).join(', ')}); the same pre-activations u ~ N(0, I) (seed ${o.seed}) are fed through σ (all positive) or through tanh (zero-centred). Converged when ‖w − w*‖ < ${o.tolerance}.`,
      plot: {
        type: 'line',
        title: 'Weight path (w₁, w₂)',
        xLabel: 'w₁',
        yLabel: 'w₂',
        series: [series('sigmoid inputs (all positive)', positive.path), series('tanh inputs (zero-centred)', centred.path), series('target w*', plus)],
      },
      table: {
        columns: ['inputs', 'steps to converge', 'updates in the ++ or −− orthant'],
        rows: [
          ['sigmoid (all positive)', stepsText(positive.steps, o.maxSteps), pct(positive.sameSignFraction)],
          ['tanh (zero-centred)', stepsText(centred.steps, o.maxSteps), pct(centred.sameSignFraction)],
        ],
      },
    },
    {
      id: 'centred',
      title: 'Zero-centred inputs remove the constraint',
      tex: String.raw`x_i = \tanh(u_i) \in (-1, 1)\;\Longrightarrow\; \operatorname{sign}(\delta x_i) \text{ varies with } i`,
      text: `With tanh inputs the signs of the xᵢ differ between samples and between weights, so one step can raise w₁ and lower w₂: only ${pct(centred.sameSignFraction)} of its updates were single-orthant (against ${pct(positive.sameSignFraction)} with sigmoid inputs). The sigmoid inputs' shared positive mean also makes the problem ill-conditioned along w₁ − w₂, the very direction w* lies in.`,
    },
  ];
  const derivation: MdlDerivation = { kind: 'sigmoid-zigzag', title: 'The sigmoid zig-zag', steps, warnings: [] };
  const pick = (r: ZigzagRun) => ({ steps: r.steps, path: r.path, sameSignFraction: r.sameSignFraction });
  return { derivation, json: { positive: pick(positive), centred: pick(centred), target: o.target, learningRate: o.learningRate, seed: o.seed } };
}
