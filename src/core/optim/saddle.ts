/**
 * Q3's saddle-point claim, run rather than asserted. Per-example losses
 *   ℓᵢ(x, y) = (x − aᵢ)² − (y − bᵢ)²,  with Σaᵢ = Σbᵢ = 0,
 * average to J = x² − y² + c: a saddle at the origin (Hessian diag(2, −2)).
 * Started on the stable manifold y = 0, batch GD sees ∂J/∂y = −2y = 0 and
 * slides into the saddle, where ∇J = 0: it stalls. SGD's single-example
 * gradient has ∂ℓᵢ/∂y = −2(y − bᵢ) ≠ 0, a kick the unstable direction then
 * amplifies by (1 + 2η) per step: it escapes.
 *
 * The offsets come in ± pairs (b = β₁, −β₁, β₂, −β₂, …) so their sum is exactly
 * 0 in floating point as well; otherwise rounding alone would push batch GD off y = 0.
 */
import { MdlError } from '../errors';
import { HistoryRecorder } from './history';
import { mulberry32, normalSampler, shuffleInPlace } from './rng';

export interface SaddleOptions {
  /** Examples (rounded up to even). Default 20. */
  n?: number;
  /** Standard deviation of the offsets aᵢ, bᵢ. Default 0.5. */
  spread?: number;
  seed?: number;
  eta?: number;
  /** Step budget per method. Default 500. */
  steps?: number;
  start?: [number, number];
  /** SGD has escaped once |y| exceeds this. Default 1. */
  escapeRadius?: number;
  tol?: number;
}

export interface SaddleRun {
  method: 'batch' | 'sgd';
  steps: number;
  theta: [number, number];
  loss: number;
  gradNorm: number;
  /** Batch: ‖∇J‖ fell below tol (at a stationary point). */
  stalled: boolean;
  /** SGD: first step with |y| > escapeRadius. */
  escapedAt: number | null;
  path: number[][];
}

export interface SaddleOutcome {
  a: number[];
  b: number[];
  /** J = x² − y² + c with c = mean(a²) − mean(b²). */
  c: number;
  eta: number;
  start: [number, number];
  escapeRadius: number;
  batch: SaddleRun;
  sgd: SaddleRun;
}

export function saddleDemo(o: SaddleOptions = {}): SaddleOutcome {
  const pairs = Math.ceil((o.n ?? 20) / 2);
  const eta = o.eta ?? 0.05;
  const steps = o.steps ?? 500;
  const start = o.start ?? [1, 0];
  const radius = o.escapeRadius ?? 1;
  const tol = o.tol ?? 1e-8;
  if (!(pairs >= 1 && pairs <= 100_000)) throw new MdlError('invalid-argument', 'n must be between 2 and 200 000.');
  if (!(eta > 0 && eta < 0.5)) throw new MdlError('invalid-argument', 'η must be in (0, 0.5): along x the per-step factor is 1 − 2η.');
  const uniform = mulberry32(o.seed ?? 7);
  const normal = normalSampler(uniform);
  const spread = o.spread ?? 0.5;
  const a: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < pairs; k++) {
    const [p, q] = [spread * normal(), spread * normal()];
    a.push(p, -p);
    b.push(q, -q);
  }
  const n = a.length;
  const c = a.reduce((s, v) => s + v * v, 0) / n - b.reduce((s, v) => s + v * v, 0) / n;
  const J = (x: number, y: number) => x * x - y * y + c;

  // Batch: the mean of all n example gradients, in the stored (pair) order.
  const batch = track('batch', start, steps, (w, g) => {
    let gx = 0;
    let gy = 0;
    for (let i = 0; i < n; i++) {
      gx += 2 * (w[0] - a[i]);
      gy += -2 * (w[1] - b[i]);
    }
    g[0] = gx / n;
    g[1] = gy / n;
  }, eta, tol, radius, J);

  // SGD: one example per step, a fresh seeded order every epoch.
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  let pos = n;
  const sgd = track('sgd', start, steps, (w, g) => {
    if (pos === n) {
      shuffleInPlace(order, uniform);
      pos = 0;
    }
    const i = order[pos++];
    g[0] = 2 * (w[0] - a[i]);
    g[1] = -2 * (w[1] - b[i]);
  }, eta, tol, radius, J);

  return { a, b, c, eta, start, escapeRadius: radius, batch, sgd };
}

function track(
  method: 'batch' | 'sgd',
  start: [number, number],
  steps: number,
  gradient: (w: Float64Array, g: Float64Array) => void,
  eta: number,
  tol: number,
  radius: number,
  J: (x: number, y: number) => number,
): SaddleRun {
  const w = Float64Array.from(start);
  const g = new Float64Array(2);
  const history = new HistoryRecorder(2000, 2, true);
  history.offer(0, J(w[0], w[1]), w);
  let escapedAt: number | null = null;
  let stalled = false;
  let t = 0;
  while (t < steps) {
    if (method === 'batch' && Math.hypot(2 * w[0], 2 * w[1]) < tol) {
      stalled = true;
      break;
    }
    gradient(w, g);
    w[0] -= eta * g[0];
    w[1] -= eta * g[1];
    t++;
    history.offer(t, J(w[0], w[1]), w);
    if (Math.abs(w[1]) > radius) {
      escapedAt = t;
      // J is unbounded below along y: once out, there is nothing more to show.
      break;
    }
  }
  history.finish(t, J(w[0], w[1]), w);
  return {
    method,
    steps: t,
    theta: [w[0], w[1]],
    loss: J(w[0], w[1]),
    // ‖∇J‖ (the full gradient), whatever the method used to step.
    gradNorm: Math.hypot(2 * w[0], 2 * w[1]),
    stalled,
    escapedAt,
    path: history.result().path!,
  };
}
