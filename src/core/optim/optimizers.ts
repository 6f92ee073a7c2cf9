/**
 * The `torch.optim` update rules on Float64Array, with PyTorch's defaults and
 * its order of operations (single-tensor code path), so a student can check
 * a step against PyTorch. `step(theta, grad, t)` updates θ in place, does
 * not touch `grad`, and allocates nothing. t counts from 1.
 *
 * Defaults (torch 2.x): SGD lr 1e-3 (also for momentum and Nesterov, μ = 0.9
 * here since "momentum" is the point of those two); RMSprop lr 1e-2, α 0.99,
 * ε 1e-8; AdaGrad lr 1e-2, ε 1e-10, initial accumulator 0; Adam lr 1e-3,
 * β (0.9, 0.999), ε 1e-8; AdamW the same plus weight decay 1e-2.
 * Not modelled: RMSprop's momentum/centered, amsgrad, maximize, foreach/fused.
 */
import { MdlError } from '../errors';
import type { OptimizerName, TraceEntry } from './types';

export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'];

export interface OptimizerSettings {
  lr?: number;
  /** SGD momentum μ (sgd: default 0; momentum, nesterov: 0.9). */
  momentum?: number;
  /** SGD dampening (momentum only; Nesterov needs 0, as in PyTorch). */
  dampening?: number;
  /** RMSprop smoothing constant α. */
  alpha?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** L2 penalty added to the gradient (AdamW: decoupled decay of θ instead). */
  weightDecay?: number;
  /** AdaGrad: lr / (1 + (t − 1)·lrDecay). */
  lrDecay?: number;
  /** AdaGrad: starting value of the sum of squares. */
  initialAccumulator?: number;
}

export type Hyperparameters = Required<Pick<OptimizerSettings, 'lr'>> & OptimizerSettings;

export const DEFAULTS: Readonly<Record<OptimizerName, Hyperparameters>> = Object.freeze({
  sgd: { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0 },
  momentum: { lr: 1e-3, momentum: 0.9, dampening: 0, weightDecay: 0 },
  nesterov: { lr: 1e-3, momentum: 0.9, weightDecay: 0 },
  rmsprop: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0 },
  adagrad: { lr: 1e-2, eps: 1e-10, lrDecay: 0, initialAccumulator: 0, weightDecay: 0 },
  adam: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  adamw: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2 },
});

export interface Optimizer {
  readonly name: OptimizerName;
  readonly hyper: Readonly<Hyperparameters>;
  step(theta: Float64Array, grad: Float64Array, t: number): void;
  /** Copies of the state after the last step, for the trace. */
  state(): Pick<TraceEntry, 'm' | 'v' | 'mHat' | 'vHat'>;
}

export function isOptimizerName(x: unknown): x is OptimizerName {
  return typeof x === 'string' && (OPTIMIZERS as readonly string[]).includes(x);
}

export function createOptimizer(name: string, dim: number, settings: OptimizerSettings = {}): Optimizer {
  if (!isOptimizerName(name)) throw new MdlError('invalid-argument', `Unknown optimizer "${name}": choose one of ${OPTIMIZERS.join(', ')}.`);
  const hyper = resolveSettings(name, settings);
  switch (name) {
    case 'sgd':
    case 'momentum':
    case 'nesterov':
      return sgd(name, dim, hyper);
    case 'rmsprop':
      return rmsprop(dim, hyper);
    case 'adagrad':
      return adagrad(dim, hyper);
    case 'adam':
    case 'adamw':
      return adam(name, dim, hyper);
  }
}

/** Defaults filled in and every value range-checked, with PyTorch's own conditions. */
export function resolveSettings(name: OptimizerName, settings: OptimizerSettings): Hyperparameters {
  const known = Object.keys(DEFAULTS[name]);
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (!known.includes(key)) throw new MdlError('invalid-argument', `${name} has no setting "${key}"; its settings are ${known.join(', ')}.`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new MdlError('invalid-argument', `${key} must be a finite number.`);
  }
  const h: Hyperparameters = { ...DEFAULTS[name], ...stripUndefined(settings) };
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new MdlError('invalid-argument', message);
  };
  check(h.lr > 0, `The learning rate must be positive, not ${h.lr}.`);
  check((h.weightDecay ?? 0) >= 0, 'weightDecay must be ≥ 0.');
  if (h.momentum !== undefined) check(h.momentum >= 0, 'momentum must be ≥ 0.');
  if (name === 'nesterov') check(h.momentum! > 0, 'Nesterov momentum needs momentum > 0.');
  if (h.alpha !== undefined) check(h.alpha >= 0 && h.alpha < 1, 'alpha must be in [0, 1).');
  for (const b of ['beta1', 'beta2'] as const) if (h[b] !== undefined) check(h[b]! >= 0 && h[b]! < 1, `${b} must be in [0, 1).`);
  if (h.eps !== undefined) check(h.eps >= 0, 'eps must be ≥ 0.');
  if (h.initialAccumulator !== undefined) check(h.initialAccumulator >= 0, 'initialAccumulator must be ≥ 0.');
  if (h.lrDecay !== undefined) check(h.lrDecay >= 0, 'lrDecay must be ≥ 0.');
  return Object.freeze(h);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const copy = (a: Float64Array) => Array.from(a);

/**
 * torch.optim.SGD: g ← g + λθ; with momentum μ the buffer starts as b₁ = g₁
 * and then b ← μb + (1 − dampening)g; Nesterov uses g + μb, plain momentum b; θ ← θ − lr·(that).
 */
function sgd(name: 'sgd' | 'momentum' | 'nesterov', dim: number, h: Hyperparameters): Optimizer {
  const mu = h.momentum ?? 0;
  const damp = h.dampening ?? 0;
  const wd = h.weightDecay ?? 0;
  const nesterov = name === 'nesterov';
  const buf = new Float64Array(dim);
  return {
    name,
    hyper: h,
    step(theta, grad, t) {
      for (let i = 0; i < dim; i++) {
        let g = grad[i];
        if (wd !== 0) g += wd * theta[i];
        if (mu !== 0) {
          buf[i] = t === 1 ? g : mu * buf[i] + (1 - damp) * g;
          g = nesterov ? g + mu * buf[i] : buf[i];
        }
        theta[i] -= h.lr * g;
      }
    },
    state: () => (mu !== 0 ? { m: copy(buf) } : {}),
  };
}

/** torch.optim.RMSprop: v ← αv + (1 − α)g²; θ ← θ − lr·g/(√v + ε) (ε outside the root). */
function rmsprop(dim: number, h: Hyperparameters): Optimizer {
  const v = new Float64Array(dim);
  const { lr, alpha, eps } = h as Required<Hyperparameters>;
  const wd = h.weightDecay ?? 0;
  return {
    name: 'rmsprop',
    hyper: h,
    step(theta, grad) {
      for (let i = 0; i < dim; i++) {
        const g = wd === 0 ? grad[i] : grad[i] + wd * theta[i];
        v[i] = alpha * v[i] + (1 - alpha) * g * g;
        theta[i] -= (lr * g) / (Math.sqrt(v[i]) + eps);
      }
    },
    state: () => ({ v: copy(v) }),
  };
}

/** torch.optim.Adagrad: G ← G + g² (from initialAccumulator); θ ← θ − lrₜ·g/(√G + ε), lrₜ = lr/(1 + (t−1)·lrDecay). */
function adagrad(dim: number, h: Hyperparameters): Optimizer {
  const sum = new Float64Array(dim).fill(h.initialAccumulator ?? 0);
  const { lr, eps, lrDecay } = h as Required<Hyperparameters>;
  const wd = h.weightDecay ?? 0;
  return {
    name: 'adagrad',
    hyper: h,
    step(theta, grad, t) {
      const clr = lr / (1 + (t - 1) * lrDecay);
      for (let i = 0; i < dim; i++) {
        const g = wd === 0 ? grad[i] : grad[i] + wd * theta[i];
        sum[i] += g * g;
        theta[i] -= (clr * g) / (Math.sqrt(sum[i]) + eps);
      }
    },
    state: () => ({ v: copy(sum) }),
  };
}

/**
 * torch.optim.Adam / AdamW (Kingma & Ba 2015, Algorithm 1, with PyTorch's ε placement):
 *   m ← β₁m + (1 − β₁)g        (PyTorch's lerp form m + (1 − β₁)(g − m))
 *   v ← β₂v + (1 − β₂)g²
 *   θ ← θ − (lr/(1 − β₁ᵗ)) · m / (√v/√(1 − β₂ᵗ) + ε)  =  θ − lr·m̂/(√v̂ + ε)
 * The bias corrections use the power t (the course answer drops it). Adam adds
 * λθ to g (L2); AdamW first decays θ ← θ(1 − lr·λ), decoupled from the moments.
 */
function adam(name: 'adam' | 'adamw', dim: number, h: Hyperparameters): Optimizer {
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  const { lr, beta1, beta2, eps } = h as Required<Hyperparameters>;
  const wd = h.weightDecay ?? 0;
  const decoupled = name === 'adamw';
  let lastT = 0;
  return {
    name,
    hyper: h,
    step(theta, grad, t) {
      lastT = t;
      // Math.pow, not a running product: PyTorch computes beta ** step each time.
      const bc1 = 1 - Math.pow(beta1, t);
      const bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
      const stepSize = lr / bc1;
      for (let i = 0; i < dim; i++) {
        let g = grad[i];
        if (decoupled) theta[i] *= 1 - lr * wd;
        else if (wd !== 0) g += wd * theta[i];
        m[i] += (1 - beta1) * (g - m[i]);
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        theta[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + eps);
      }
    },
    state() {
      const bc1 = 1 - Math.pow(beta1, lastT);
      const bc2 = 1 - Math.pow(beta2, lastT);
      return { m: copy(m), v: copy(v), mHat: Array.from(m, (x) => x / bc1), vHat: Array.from(v, (x) => x / bc2) };
    },
  };
}
