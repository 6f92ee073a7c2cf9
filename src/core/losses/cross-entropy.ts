/**
 * Question 6: why cross-entropy suits classification. y is the one-hot
 * target and ŷ the prediction (the assignment swaps them). With softmax
 * outputs ∂L_CE/∂z = ŷ − y, derived through the softmax Jacobian
 * diag(ŷ) − ŷŷᵀ; with a sigmoid output and squared error
 * ∂L/∂z = 2(ŷ − y)ŷ(1 − ŷ), which vanishes when σ saturates even if the
 * prediction is wrong. Cross-entropy is the negative log-likelihood, so
 * minimising it maximises the likelihood: a monotone relation, not an
 * inverse proportion.
 */
import type { Step } from '../derivation';
import { MdlError } from '../errors';
import { formatNumber, matrixToTex } from '../exact/format';
import { aligned, gathered } from '../tex';
import { richardsonDerivative } from '../activations/check';
import { sigmoid, sigmoidPrime } from '../activations/math';
import { logSoftmax, softmax, softmaxJacobian } from '../activations/vector';
import type { MdlDerivation } from '../activations/types';
import { decompose, validateDistribution, type Decomposition } from './entropy';
import { defaultTrainingOptions, trainLogisticRegression, type TrainingCurve, type TrainingOptions } from './training';

/** L = −Σ yᵢ log softmax(z)ᵢ, via log-softmax so no log(0) occurs. */
export function softmaxCrossEntropy(z: readonly number[], y: readonly number[]): number {
  const ls = logSoftmax(z);
  return -y.reduce((s, yi, i) => s + (yi ? yi * ls[i] : 0), 0);
}

/** ∂L/∂z = ŷ − y (valid for any target y with Σ yᵢ = 1). */
export function softmaxCrossEntropyGradient(z: readonly number[], y: readonly number[]): number[] {
  const s = softmax(z);
  return s.map((si, i) => si - y[i]);
}

/** Squared error of a sigmoid output: L = (σ(z) − y)². */
export function sigmoidSquaredError(z: number, y: number): number {
  return (sigmoid(z) - y) ** 2;
}

/** ∂L/∂z = 2(ŷ − y)·ŷ(1 − ŷ), with σ′ computed stably. */
export function sigmoidSquaredErrorGradient(z: number, y: number): number {
  return 2 * (sigmoid(z) - y) * sigmoidPrime(z);
}

/** |∂L/∂z| against z for target y under binary cross-entropy (ŷ − y) and squared error. */
export function gradientMagnitudes(y = 1, from = -10, to = 10, n = 201): { z: number[]; ce: number[]; mse: number[] } {
  const z = Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
  return { z, ce: z.map((v) => Math.abs(sigmoid(v) - y)), mse: z.map((v) => Math.abs(sigmoidSquaredErrorGradient(v, y))) };
}

export interface CrossEntropyInput {
  logits?: number[];
  /** One-hot (or any probability vector) target. */
  target?: number[];
  /** Distributions for the H(p, q) = H(p) + KL(p‖q) check; q defaults to softmax(logits). */
  p?: number[];
  q?: number[];
  training?: Partial<TrainingOptions>;
}

export interface CrossEntropyJson {
  gradients: { z: number[]; ce: number[]; mse: number[] };
  training: { ce: TrainingCurve; mse: TrainingCurve };
  example: { logits: number[]; target: number[]; prediction: number[]; gradient: number[]; finiteDifference: number[] };
  kl: Decomposition & { p: number[]; q: number[] };
}

const fmt = (x: number) => formatNumber(x, 4);
const tex = (x: number) => formatNumber(x, 4, { notation: 'tex' });

export function deriveCrossEntropy(input: CrossEntropyInput = {}): { derivation: MdlDerivation; json: CrossEntropyJson } {
  const logits = input.logits ?? [2, 1, -1];
  const target = input.target ?? [0, 1, 0];
  validateDistribution(target, 'y');
  if (target.length !== logits.length) throw new MdlError('invalid-argument', `The target has ${target.length} entries but there are ${logits.length} logits.`);
  const prediction = softmax(logits);
  const gradient = softmaxCrossEntropyGradient(logits, target);
  const finiteDifference = logits.map((_, j) => richardsonDerivative((t) => softmaxCrossEntropy(logits.map((v, i) => (i === j ? t : v)), target), logits[j]));
  const p = input.p ?? [0.2, 0.7, 0.1];
  const q = input.q ?? prediction;
  const kl = decompose(p, q);
  const options = { ...defaultTrainingOptions, ...input.training };
  const training = { ce: trainLogisticRegression('ce', options), mse: trainLogisticRegression('mse', options) };
  const gradients = gradientMagnitudes(1);

  const steps: Step[] = [
    {
      id: 'notation',
      title: 'Target, prediction and loss',
      tex: String.raw`\hat{\mathbf y} = \operatorname{softmax}(\mathbf z),\qquad L_{CE}(\mathbf y, \hat{\mathbf y}) = -\sum_i y_i \log \hat y_i`,
      text: 'z are the logits, ŷ = softmax(z) the prediction and y the one-hot target (y is the truth, ŷ the model; the assignment swaps them). With a one-hot y, L = −log ŷ_k for the true class k.',
    },
    {
      id: 'softmax-jacobian',
      title: 'The softmax Jacobian',
      tex: gathered([String.raw`\frac{\partial \hat y_i}{\partial z_j} = \hat y_i(\delta_{ij} - \hat y_j),\qquad J = \operatorname{diag}(\hat{\mathbf y}) - \hat{\mathbf y}\hat{\mathbf y}^{\mathsf T}`, `J(\\mathbf z) = ${matrixToTex(softmaxJacobian(logits).map((r) => r.map(tex)))}`]),
      text: `For z = (${logits.map(fmt).join(', ')}): ŷ = (${prediction.map(fmt).join(', ')}). J is symmetric and its rows sum to 0.`,
    },
    {
      id: 'ce-gradient',
      title: 'Chain rule through softmax: ∂L/∂z = ŷ − y',
      tex: alignedAt([
        String.raw`\frac{\partial L}{\partial z_j} &= \sum_i \frac{\partial L}{\partial \hat y_i}\,\frac{\partial \hat y_i}{\partial z_j} = \sum_i \Bigl(-\frac{y_i}{\hat y_i}\Bigr)\hat y_i(\delta_{ij} - \hat y_j)`,
        String.raw`&= -y_j + \hat y_j \sum_i y_i = \hat y_j - y_j \qquad\Bigl(\textstyle\sum_i y_i = 1\Bigr)`,
      ]),
      text: 'The 1/ŷᵢ from the log cancels the ŷᵢ from the Jacobian, so the gradient is simply prediction minus target: large when wrong, small when right, and never crushed by a saturating factor.',
      table: {
        caption: 'Analytic gradient against a Richardson finite difference of L',
        columns: ['j', 'zⱼ', 'ŷⱼ', 'yⱼ', 'ŷⱼ − yⱼ', 'finite difference'],
        rows: logits.map((z, j) => [j + 1, fmt(z), fmt(prediction[j]), fmt(target[j]), fmt(gradient[j]), fmt(finiteDifference[j])]),
      },
    },
    {
      id: 'sigmoid-mse',
      title: 'Sigmoid output with squared error',
      tex: aligned([String.raw`\hat y = \sigma(z),\quad L = (\hat y - y)^2`, String.raw`\frac{\partial L}{\partial z} = 2(\hat y - y)\,\sigma'(z) = 2(\hat y - y)\,\hat y(1 - \hat y)`]),
      text: 'The factor ŷ(1 − ŷ) = σ′(z) ≤ 1/4 vanishes when the output saturates (ŷ near 0 or 1), even when the prediction is wrong. (With L = ½(ŷ − y)² the 2 cancels; the assignment drops it without the ½.) A sigmoid output with binary cross-entropy instead gives ∂L/∂z = ŷ − y.',
    },
    {
      id: 'gradient-plot',
      title: '|∂L/∂z| against z for target y = 1',
      tex: String.raw`\bigl|\partial L_{CE}/\partial z\bigr| = 1 - \sigma(z),\qquad \bigl|\partial L_{SE}/\partial z\bigr| = 2\bigl(1 - \sigma(z)\bigr)^2\sigma(z)`,
      text: `At z = −10 (confidently wrong) cross-entropy pushes with ${gradients.ce[0].toPrecision(2)}; squared error with ${gradients.mse[0].toPrecision(2)}.`,
      plot: {
        type: 'line',
        title: '|∂L/∂z| for y = 1',
        xLabel: 'z',
        yLabel: '|∂L/∂z|',
        series: [
          { name: 'cross-entropy', x: gradients.z, y: gradients.ce },
          { name: 'squared error', x: gradients.z, y: gradients.mse },
        ],
      },
    },
    trainingStep(training, options, 'loss'),
    trainingStep(training, options, 'accuracy'),
    klStep(p, q, kl),
    nllStep(),
  ];

  const derivation: MdlDerivation = { kind: 'cross-entropy', title: 'Cross-entropy vs squared error', steps, warnings: kl.unsupported.length ? [`q is 0 where p is positive (entries ${kl.unsupported.join(', ')}), so H(p, q) and KL(p‖q) are infinite.`] : [] };
  return { derivation, json: { gradients, training, example: { logits, target, prediction, gradient, finiteDifference }, kl: { ...kl, p, q } } };
}

function trainingStep(training: CrossEntropyJson['training'], options: TrainingOptions, what: 'loss' | 'accuracy'): Step {
  const steps = training.ce.loss.map((_, i) => i);
  const text =
    what === 'loss'
      ? `Logistic regression on two Gaussian blobs (seed ${options.seed}, ${2 * options.perClass} points), started at w = (${options.initialWeights.map(fmt).join(', ')}), b = ${fmt(options.initialBias)}: confidently wrong, σ saturated. Same learning rate ${options.learningRate}, ${options.steps} full-batch steps. Each curve is its own training loss.`
      : `Cross-entropy reaches ${fmt(100 * training.ce.finalAccuracy)}% accuracy; squared error stalls at ${fmt(100 * training.mse.finalAccuracy)}% because ŷ(1 − ŷ) ≈ 0 on the misclassified points (its initial gradient norm is ${fmt(training.mse.gradientNorm[0])} against ${fmt(training.ce.gradientNorm[0])}).`;
  return {
    id: `training-${what}`,
    title: what === 'loss' ? 'Training from a saturated start: loss' : 'Training from a saturated start: accuracy',
    tex: what === 'loss' ? String.raw`w \leftarrow w - \eta\,\frac{1}{N}\sum_n \frac{\partial L_n}{\partial z_n}\,\mathbf x_n` : String.raw`\text{accuracy} = \frac{1}{N}\#\{n : [\hat y_n \ge \tfrac12] = y_n\}`,
    text,
    plot: {
      type: 'line',
      title: what === 'loss' ? 'Training loss' : 'Training accuracy',
      xLabel: 'step',
      yLabel: what,
      yScale: what === 'loss' ? 'log' : 'linear',
      series: [
        { name: 'cross-entropy', x: steps, y: training.ce[what] },
        { name: 'squared error', x: steps, y: training.mse[what] },
      ],
    },
  };
}

function klStep(p: number[], q: number[], d: Decomposition): Step {
  return {
    id: 'kl',
    title: 'Cross-entropy = entropy + KL divergence',
    tex: alignedAt([
      String.raw`H(p, q) &= -\sum_i p_i \log q_i = \underbrace{-\sum_i p_i \log p_i}_{H(p)} + \underbrace{\sum_i p_i \log \frac{p_i}{q_i}}_{D_{KL}(p\,\|\,q)}`,
      `${tex(d.crossEntropy)} &= ${tex(d.entropy)} + ${tex(d.kl)}`,
    ]),
    text: `p = (${p.map(fmt).join(', ')}), q = (${q.map(fmt).join(', ')}), in nats; each side computed separately, residual ${d.residual.toExponential(1)}. H(p) does not depend on q, so minimising H(p, q) over q and minimising KL(p‖q) have the same minimiser (KL ≥ 0, = 0 only at q = p).`,
    table: { columns: ['H(p, q)', 'H(p)', 'KL(p‖q)', 'H(p) + KL'], rows: [[fmt(d.crossEntropy), fmt(d.entropy), fmt(d.kl), fmt(d.entropy + d.kl)]] },
  };
}

function nllStep(): Step {
  const probabilities = [0.9, 0.6, 0.3, 0.1];
  return {
    id: 'nll',
    title: 'Cross-entropy is the negative log-likelihood',
    tex: alignedAt([String.raw`P(\mathbf y \mid \mathbf x) &= \prod_i \hat y_i^{\,y_i} = \hat y_k`, String.raw`-\log P(\mathbf y \mid \mathbf x) &= -\sum_i y_i \log \hat y_i = L_{CE}`]),
    text: 'L = −log P is a strictly decreasing function of the likelihood P, so minimising cross-entropy maximises the likelihood. The relation is monotone, not "inversely proportional": L·P is not constant (see the last column).',
    table: { columns: ['P(y | x)', 'L = −log P', 'L · P'], rows: probabilities.map((p) => [fmt(p), fmt(-Math.log(p)), fmt(-Math.log(p) * p)]) },
  };
}

/** Lines that carry their own & alignment points (tex.ts's `aligned` adds one at the start of each line). */
function alignedAt(lines: string[]): string {
  return `\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`;
}
