/**
 * The same logistic regression ŷ = σ(w·x + b), trained by full-batch
 * gradient descent from the same saturated, wrong initialisation, once with
 * cross-entropy and once with squared error. Cross-entropy's gradient
 * (ŷ − y)x stays large while the model is confidently wrong; squared
 * error's 2(ŷ − y)ŷ(1 − ŷ)x is crushed by ŷ(1 − ŷ) ≈ 0, so it stalls.
 */
import { logSigmoid, sigmoid } from '../activations/math';
import { gaussian } from './random';

export type LossName = 'ce' | 'mse';

export interface TrainingOptions {
  seed: number;
  /** Points per class. */
  perClass: number;
  steps: number;
  learningRate: number;
  /** Initial weights: large and pointing the wrong way, so σ saturates on the wrong side. */
  initialWeights: [number, number];
  initialBias: number;
}

export const defaultTrainingOptions: TrainingOptions = { seed: 7, perClass: 100, steps: 300, learningRate: 0.5, initialWeights: [-4, -4], initialBias: 0 };

export interface Dataset {
  x: Array<[number, number]>;
  y: number[];
}

/** Two Gaussian blobs, class 1 around (1.5, 1.5) and class 0 around (−1.5, −1.5), unit variance. */
export function makeBlobs(seed: number, perClass: number): Dataset {
  const z = gaussian(seed);
  const x: Array<[number, number]> = [];
  const y: number[] = [];
  for (let i = 0; i < perClass; i++)
    for (const label of [1, 0]) {
      const c = label ? 1.5 : -1.5;
      x.push([c + z(), c + z()]);
      y.push(label);
    }
  return { x, y };
}

export interface TrainingCurve {
  /** Training objective after each step (index 0: before any step). */
  loss: number[];
  accuracy: number[];
  /** ‖∂L/∂(w, b)‖ at each step: how hard the loss is pushing. */
  gradientNorm: number[];
  weights: [number, number];
  bias: number;
  finalAccuracy: number;
  steps: number;
  learningRate: number;
}

/** Mean loss, accuracy and gradient of the objective over the data set. */
function evaluate(loss: LossName, w: [number, number], b: number, data: Dataset) {
  let total = 0;
  let correct = 0;
  const g = [0, 0, 0];
  const n = data.y.length;
  data.x.forEach(([x1, x2], i) => {
    const y = data.y[i];
    const z = w[0] * x1 + w[1] * x2 + b;
    const yhat = sigmoid(z);
    // log σ(z) and log(1 − σ(z)) = log σ(−z) stay finite even when σ rounds to 0 or 1.
    total += loss === 'ce' ? -(y ? logSigmoid(z) : logSigmoid(-z)) : (yhat - y) ** 2;
    const dz = loss === 'ce' ? yhat - y : 2 * (yhat - y) * yhat * (1 - yhat);
    g[0] += dz * x1;
    g[1] += dz * x2;
    g[2] += dz;
    if ((yhat >= 0.5 ? 1 : 0) === y) correct++;
  });
  return { loss: total / n, accuracy: correct / n, gradient: g.map((v) => v / n) };
}

export function trainLogisticRegression(loss: LossName, options: TrainingOptions = defaultTrainingOptions): TrainingCurve {
  const data = makeBlobs(options.seed, options.perClass);
  const w: [number, number] = [...options.initialWeights];
  let b = options.initialBias;
  const curve: TrainingCurve = { loss: [], accuracy: [], gradientNorm: [], weights: w, bias: b, finalAccuracy: 0, steps: options.steps, learningRate: options.learningRate };
  for (let t = 0; ; t++) {
    const e = evaluate(loss, w, b, data);
    curve.loss.push(e.loss);
    curve.accuracy.push(e.accuracy);
    curve.gradientNorm.push(Math.hypot(...e.gradient));
    if (t === options.steps) break;
    w[0] -= options.learningRate * e.gradient[0];
    w[1] -= options.learningRate * e.gradient[1];
    b -= options.learningRate * e.gradient[2];
  }
  curve.weights = [w[0], w[1]];
  curve.bias = b;
  curve.finalAccuracy = curve.accuracy[curve.accuracy.length - 1];
  return curve;
}
