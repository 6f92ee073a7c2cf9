/**
 * Assignment Q3 (as corrected by the errata): batch gradient descent, SGD
 * (ONE example per step, reshuffled every epoch) and mini-batch gradient
 * descent on the same linear regression, with the work counted in
 * per-example gradients, the SGD noise ξₜ = ∇L_{iₜ}(wₜ) − ∇J(wₜ) measured,
 * and a saddle where batch GD stalls and SGD escapes.
 */
import { MdlError } from '../errors';
import { HistoryRecorder, type HistorySeries } from './history';
import { linearRegression, type Dataset, type LinearRegression } from './linreg';
import { mulberry32, normalSampler, shuffleInPlace } from './rng';
import type { CompareMethod, GdCompareJson, RunControl } from './types';

export interface GenerateOptions {
  n?: number;
  /** Standard deviation of the Gaussian noise on y. */
  noise?: number;
  seed?: number;
  /** The true line y = w0 + w1·x. */
  w0?: number;
  w1?: number;
  /** x is uniform on [xMin, xMax]. */
  xMin?: number;
  xMax?: number;
}

/** y = w0 + w1·x + noise·𝒩(0, 1), x ~ U[xMin, xMax], reproducible from the seed. */
export function generateLinearData(o: GenerateOptions = {}): Dataset {
  const n = o.n ?? 200;
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new MdlError('invalid-argument', 'n must be a whole number between 1 and 1 000 000.');
  const noise = o.noise ?? 0.3;
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new MdlError('invalid-argument', 'noise must be ≥ 0.');
  const [lo, hi] = [o.xMin ?? -1, o.xMax ?? 1];
  const uniform = mulberry32(o.seed ?? 1);
  const normal = normalSampler(uniform);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = lo + (hi - lo) * uniform();
    x.push(xi);
    y.push((o.w0 ?? 1) + (o.w1 ?? 2) * xi + noise * normal());
  }
  return { x, y };
}

export interface CompareOptions extends RunControl {
  /** Learning rate for all three methods. Default 0.05. */
  eta?: number;
  epochs?: number;
  /** Mini-batch size B (1 < B < N). Default 16 (or N/2 for tiny data). */
  batchSize?: number;
  seed?: number;
  start?: [number, number];
  /** Most points kept per loss-vs-work curve. Default 2000. */
  historyPoints?: number;
}

export interface NoiseEpoch {
  epoch: number;
  /** Mean of ξₜ over the epoch's steps, per component. */
  mean: [number, number];
  /** Sample variance of ξₜ over the epoch's steps, per component. */
  variance: [number, number];
}

export interface NoiseSummary {
  steps: number;
  mean: [number, number];
  /** Standard error of the mean, per component: a mean within ~3 of these is consistent with 0. */
  standardError: [number, number];
  perEpoch: NoiseEpoch[];
}

export interface MethodRun {
  method: CompareMethod;
  batchSize: number;
  steps: number;
  /** Per-example gradients computed: N per batch step, 1 per SGD step, B per mini-batch step. */
  gradientEvaluations: number;
  /** Multiply-adds spent on gradients: each per-example gradient of d = 2 parameters costs about 2d. */
  flops: number;
  theta: [number, number];
  loss: number;
  /** J after each epoch (index 0: at the start). */
  perEpoch: number[];
  /** J against per-example gradients spent (subsampled). */
  perEvaluation: HistorySeries;
  /** ξₜ statistics; absent for batch GD, whose gradient is exact. */
  noise?: NoiseSummary;
}

export interface CompareOutcome {
  objective: LinearRegression;
  eta: number;
  epochs: number;
  seed: number;
  methods: MethodRun[];
  leastSquares: [number, number] | null;
  optimalLoss: number;
  stopped: boolean;
  json: GdCompareJson;
}

export function compareGradientMethods(data: Dataset, options: CompareOptions = {}): CompareOutcome {
  const objective = linearRegression(data);
  const n = objective.n;
  const eta = options.eta ?? 0.05;
  const epochs = options.epochs ?? 50;
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? Math.max(2, Math.min(16, Math.floor(n / 2)));
  if (!(eta > 0) || !Number.isFinite(eta)) throw new MdlError('invalid-argument', 'The learning rate must be positive.');
  if (!Number.isInteger(epochs) || epochs < 1) throw new MdlError('invalid-argument', 'epochs must be a whole number ≥ 1.');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new MdlError('invalid-argument', 'batchSize must be a whole number ≥ 1.');
  const control = { stopped: false, steps: 0 };
  const methods: MethodRun[] = [
    runMethod(objective, 'batch', n, eta, epochs, seed, options, control),
    runMethod(objective, 'sgd', 1, eta, epochs, seed, options, control),
    runMethod(objective, 'minibatch', Math.min(batchSize, n), eta, epochs, seed, options, control),
  ];
  const leastSquares = objective.leastSquares();
  const optimalLoss = leastSquares ? objective.value(leastSquares) : NaN;
  return {
    objective,
    eta,
    epochs,
    seed,
    methods,
    leastSquares,
    optimalLoss,
    stopped: control.stopped,
    json: {
      methods: methods.map((m) => ({
        method: m.method,
        final: { theta: m.theta, loss: m.loss },
        gradientEvaluations: m.gradientEvaluations,
        history: { loss: m.perEpoch },
      })),
    },
  };
}

/**
 * One method for `epochs` passes over the data. Each epoch visits every
 * example once in a fresh seeded random order (batch GD needs no order);
 * a step averages the per-example gradients of its batch.
 */
function runMethod(
  obj: LinearRegression,
  method: CompareMethod,
  batch: number,
  eta: number,
  epochs: number,
  seed: number,
  options: CompareOptions,
  control: { stopped: boolean; steps: number },
): MethodRun {
  const n = obj.n;
  const uniform = mulberry32(seed);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const w = Float64Array.from(options.start ?? [0, 0]);
  const g = new Float64Array(2);
  const gi = new Float64Array(2);
  const full = new Float64Array(2);
  const history = new HistoryRecorder(options.historyPoints ?? 2000, 2, false);
  const every = Math.max(1, Math.floor(options.progressEvery ?? 10_000));
  const noise = method === 'batch' ? null : new NoiseAccumulator();
  const perEpoch = [obj.value(w)];
  history.offer(0, perEpoch[0]);
  let evaluations = 0;
  let steps = 0;
  for (let epoch = 1; epoch <= epochs && !control.stopped; epoch++) {
    if (method !== 'batch') shuffleInPlace(order, uniform);
    noise?.startEpoch(epoch);
    for (let start = 0; start < n && !control.stopped; start += batch) {
      const end = Math.min(n, start + batch);
      // Measurement only (not counted as work): the exact ∇J at the same w, from the moments in O(1).
      if (noise) exactGradient(obj, w, full);
      g[0] = 0;
      g[1] = 0;
      for (let k = start; k < end; k++) {
        obj.exampleGradient(order[k], w, gi);
        g[0] += gi[0];
        g[1] += gi[1];
      }
      const size = end - start;
      g[0] /= size;
      g[1] /= size;
      evaluations += size;
      noise?.add(g[0] - full[0], g[1] - full[1]);
      w[0] -= eta * g[0];
      w[1] -= eta * g[1];
      steps++;
      if (history.wants(evaluations)) history.offer(evaluations, obj.value(w));
      if (++control.steps % every === 0) {
        options.onProgress?.({ step: control.steps, loss: obj.value(w), gradNorm: Math.hypot(g[0], g[1]) });
        if (options.shouldStop?.()) control.stopped = true;
      }
    }
    perEpoch.push(obj.value(w));
    if (!Number.isFinite(perEpoch[perEpoch.length - 1])) break;
  }
  const loss = obj.value(w);
  if (Number.isFinite(loss)) history.finish(evaluations, loss);
  return {
    method,
    batchSize: batch,
    steps,
    gradientEvaluations: evaluations,
    flops: evaluations * 2 * 2,
    theta: [w[0], w[1]],
    loss,
    perEpoch,
    perEvaluation: history.result(),
    noise: noise?.summary(),
  };
}

/** ∇J(w) = 2(w₀ + x̄w₁ − ȳ, x̄w₀ + mean(x²)w₁ − mean(xy)): equal to the mean of the ∇Lᵢ. */
function exactGradient(obj: LinearRegression, w: Float64Array, out: Float64Array): void {
  const { mx, mxx, my, mxy } = obj.moments;
  out[0] = 2 * (w[0] + mx * w[1] - my);
  out[1] = 2 * (mx * w[0] + mxx * w[1] - mxy);
}

/** Running mean and variance (Welford) of the 2-D noise, per epoch and overall. */
class NoiseAccumulator {
  private readonly epochs: NoiseEpoch[] = [];
  private e = { n: 0, m0: 0, m1: 0, s0: 0, s1: 0, epoch: 0 };
  private all = { n: 0, m0: 0, m1: 0, s0: 0, s1: 0 };

  startEpoch(epoch: number): void {
    this.flush();
    this.e = { n: 0, m0: 0, m1: 0, s0: 0, s1: 0, epoch };
  }

  add(x0: number, x1: number): void {
    welford(this.e, x0, x1);
    welford(this.all, x0, x1);
  }

  summary(): NoiseSummary {
    this.flush();
    const a = this.all;
    const v = (s: number) => (a.n > 1 ? s / (a.n - 1) : 0);
    return {
      steps: a.n,
      mean: [a.m0, a.m1],
      standardError: [Math.sqrt(v(a.s0) / Math.max(1, a.n)), Math.sqrt(v(a.s1) / Math.max(1, a.n))],
      perEpoch: this.epochs,
    };
  }

  private flush(): void {
    const e = this.e;
    if (e.n === 0) return;
    const v = (s: number) => (e.n > 1 ? s / (e.n - 1) : 0);
    this.epochs.push({ epoch: e.epoch, mean: [e.m0, e.m1], variance: [v(e.s0), v(e.s1)] });
    e.n = 0;
  }
}

function welford(acc: { n: number; m0: number; m1: number; s0: number; s1: number }, x0: number, x1: number): void {
  acc.n++;
  const d0 = x0 - acc.m0;
  const d1 = x1 - acc.m1;
  acc.m0 += d0 / acc.n;
  acc.m1 += d1 / acc.n;
  acc.s0 += d0 * (x0 - acc.m0);
  acc.s1 += d1 * (x1 - acc.m1);
}
