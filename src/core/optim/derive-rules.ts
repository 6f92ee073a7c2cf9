/**
 * TeX for the optimiser update rules: the general form (with the
 * hyperparameters) and one step with every number filled in. The symbols
 * follow the papers: α for Adam's step size, η for the others.
 */
import type { TableSpec } from '../derivation';
import type { SigFigs } from './format';
import type { Hyperparameters } from './optimizers';
import type { OptimizerName, TraceEntry } from './types';

const PYTORCH_NAMES: Record<string, string> = {
  lr: 'lr', momentum: 'momentum', dampening: 'dampening', alpha: 'alpha', beta1: 'betas[0]', beta2: 'betas[1]',
  eps: 'eps', weightDecay: 'weight_decay', lrDecay: 'lr_decay', initialAccumulator: 'initial_accumulator_value',
};

export const DISPLAY_NAMES: Record<OptimizerName, string> = {
  sgd: 'SGD', momentum: 'SGD with momentum', nesterov: 'SGD with Nesterov momentum', rmsprop: 'RMSprop', adagrad: 'AdaGrad', adam: 'Adam', adamw: 'AdamW',
};

export function hyperTable(name: OptimizerName, h: Hyperparameters, fmt: SigFigs): TableSpec {
  return {
    caption: `${DISPLAY_NAMES[name]} settings (torch.optim names)`,
    columns: ['setting', 'value', 'PyTorch argument'],
    rows: Object.entries(h).map(([k, v]) => [k, fmt.text(v as number), PYTORCH_NAMES[k] ?? k]),
  };
}

/** The update rule in general form, one line per assignment. */
export function ruleLines(name: OptimizerName, h: Hyperparameters): string[] {
  const wd = (h.weightDecay ?? 0) !== 0;
  const g = wd && name !== 'adamw' ? 'g_t = \\nabla f(\\theta_{t-1}) + \\lambda\\,\\theta_{t-1}' : 'g_t = \\nabla f(\\theta_{t-1})';
  switch (name) {
    case 'sgd':
      return (h.momentum ?? 0) !== 0 ? ruleLines('momentum', h) : [g, '\\theta_t = \\theta_{t-1} - \\eta\\, g_t'];
    case 'momentum':
      return [g, 'b_1 = g_1,\\quad b_t = \\mu\\, b_{t-1} + (1 - \\tau)\\, g_t', '\\theta_t = \\theta_{t-1} - \\eta\\, b_t'];
    case 'nesterov':
      return [g, 'b_1 = g_1,\\quad b_t = \\mu\\, b_{t-1} + g_t', '\\theta_t = \\theta_{t-1} - \\eta\\,(g_t + \\mu\\, b_t)'];
    case 'rmsprop':
      return [g, 'v_t = \\alpha\\, v_{t-1} + (1 - \\alpha)\\, g_t \\odot g_t,\\quad v_0 = 0', '\\theta_t = \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{v_t} + \\epsilon}'];
    case 'adagrad':
      return [
        g,
        'G_t = G_{t-1} + g_t \\odot g_t,\\quad G_0 = \\text{initial accumulator}',
        '\\theta_t = \\theta_{t-1} - \\frac{\\eta}{1 + (t-1)\\,\\text{lr\\_decay}}\\, \\frac{g_t}{\\sqrt{G_t} + \\epsilon}',
      ];
    case 'adam':
    case 'adamw':
      return [
        ...(name === 'adamw' ? ['\\theta_{t-1} \\leftarrow (1 - \\alpha\\lambda)\\,\\theta_{t-1}\\quad\\text{(decoupled weight decay)}'] : []),
        g,
        'm_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t,\\quad m_0 = 0',
        'v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)\\, g_t \\odot g_t,\\quad v_0 = 0',
        '\\hat m_t = \\frac{m_t}{1 - \\beta_1^{\\,t}},\\qquad \\hat v_t = \\frac{v_t}{1 - \\beta_2^{\\,t}}',
        '\\theta_t = \\theta_{t-1} - \\alpha\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon}',
      ];
  }
}

export interface StepInput {
  name: OptimizerName;
  h: Hyperparameters;
  t: number;
  prevTheta: number[];
  entry: TraceEntry;
  /** The previous trace entry (state at t − 1), if t > 1. */
  prev?: TraceEntry;
  fmt: SigFigs;
}

const sub = (s: string, t: number) => s.replace(/\{t-1\}/g, `{${t - 1}}`).replace(/_t\b/g, `_{${t}}`);
const map2 = (a: number[], b: number[], f: (x: number, y: number) => number) => a.map((x, i) => f(x, b[i]));

/** Every quantity of step t with its numbers. */
export function stepLines(s: StepInput): string[] {
  const { name, h, t, prevTheta, entry, prev, fmt } = s;
  const V = (v: ArrayLike<number>) => fmt.vecTex(v);
  const n = (x: number) => fmt.tex(x);
  const zero = prevTheta.map(() => 0);
  const wd = h.weightDecay ?? 0;
  const decayed = name === 'adamw' ? prevTheta.map((x) => x * (1 - h.lr * wd)) : prevTheta;
  const g = wd !== 0 && name !== 'adamw' ? map2(entry.grad, prevTheta, (gi, x) => gi + wd * x) : entry.grad;
  const lines: string[] = [];
  if (name === 'adamw' && wd !== 0) lines.push(sub(`\\theta_{t-1} \\leftarrow (1 - \\alpha\\lambda)\\,\\theta_{t-1} = ${n(1 - h.lr * wd)}\\,${V(prevTheta)} = ${V(decayed)}`, t));
  lines.push(sub(`g_t = \\nabla f(\\theta_{t-1})${g !== entry.grad ? ' + \\lambda\\,\\theta_{t-1}' : ''} = ${V(g)}`, t));
  const delta = map2(decayed, entry.theta, (a, b) => a - b);
  const finish = (step: string) => lines.push(sub(`\\theta_t = \\theta_{t-1} - ${step} = ${V(decayed)} - ${V(delta)} = ${V(entry.theta)}`, t));
  const mu = h.momentum ?? 0;
  switch (name) {
    case 'sgd':
    case 'momentum':
    case 'nesterov': {
      if (mu === 0) {
        finish(`${n(h.lr)}\\, g_t`);
        break;
      }
      const damp = h.dampening ?? 0;
      lines.push(
        t === 1
          ? sub(`b_t = g_t = ${V(entry.m!)}\\quad\\text{(the buffer starts as the first gradient)}`, t)
          : sub(`b_t = \\mu\\, b_{t-1} + ${damp ? '(1 - \\tau)\\,' : ''}g_t = ${n(mu)}\\,${V(prev?.m ?? zero)} + ${damp ? `${n(1 - damp)}\\,` : ''}${V(g)} = ${V(entry.m!)}`, t),
      );
      finish(name === 'nesterov' ? `${n(h.lr)}\\,(g_t + ${n(mu)}\\, b_t)` : `${n(h.lr)}\\, b_t`);
      break;
    }
    case 'rmsprop': {
      const a = h.alpha!;
      lines.push(sub(`v_t = \\alpha\\, v_{t-1} + (1 - \\alpha)\\, g_t \\odot g_t = ${n(a)}\\,${V(prev?.v ?? zero)} + ${n(1 - a)}\\,${V(g.map((x) => x * x))} = ${V(entry.v!)}`, t));
      lines.push(sub(`\\frac{\\eta}{\\sqrt{v_t} + \\epsilon} = ${V(entry.v!.map((v) => h.lr / (Math.sqrt(v) + h.eps!)))}`, t));
      finish(`\\frac{\\eta}{\\sqrt{v_t} + \\epsilon} \\odot g_t`);
      break;
    }
    case 'adagrad': {
      const G0 = prev?.v ?? prevTheta.map(() => h.initialAccumulator ?? 0);
      const clr = h.lr / (1 + (t - 1) * (h.lrDecay ?? 0));
      lines.push(sub(`G_t = G_{t-1} + g_t \\odot g_t = ${V(G0)} + ${V(g.map((x) => x * x))} = ${V(entry.v!)}`, t));
      lines.push(sub(`\\frac{\\eta_t}{\\sqrt{G_t} + \\epsilon} = ${V(entry.v!.map((v) => clr / (Math.sqrt(v) + h.eps!)))}`, t));
      finish(`\\frac{\\eta_t}{\\sqrt{G_t} + \\epsilon} \\odot g_t`);
      break;
    }
    case 'adam':
    case 'adamw': {
      const [b1, b2] = [h.beta1!, h.beta2!];
      const [c1, c2] = [1 - Math.pow(b1, t), 1 - Math.pow(b2, t)];
      lines.push(sub(`m_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t = ${n(b1)}\\,${V(prev?.m ?? zero)} + ${n(1 - b1)}\\,${V(g)} = ${V(entry.m!)}`, t));
      lines.push(sub(`v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)\\, g_t \\odot g_t = ${n(b2)}\\,${V(prev?.v ?? zero)} + ${n(1 - b2)}\\,${V(g.map((x) => x * x))} = ${V(entry.v!)}`, t));
      lines.push(sub(`\\hat m_t = \\frac{m_t}{1 - \\beta_1^{\\,${t}}} = \\frac{m_t}{${n(c1)}} = ${V(entry.mHat!)}`, t));
      lines.push(sub(`\\hat v_t = \\frac{v_t}{1 - \\beta_2^{\\,${t}}} = \\frac{v_t}{${n(c2)}} = ${V(entry.vHat!)}`, t));
      lines.push(sub(`\\frac{\\alpha}{\\sqrt{\\hat v_t} + \\epsilon} = ${V(effectiveStep(h, entry))}\\quad\\text{(per-parameter step size)}`, t));
      finish(`\\frac{\\alpha}{\\sqrt{\\hat v_t} + \\epsilon} \\odot \\hat m_t`);
      break;
    }
  }
  return lines;
}

/** Adam's per-parameter step size α/(√v̂ₜ + ε). */
export function effectiveStep(h: Hyperparameters, entry: TraceEntry): number[] {
  return entry.vHat!.map((v) => h.lr / (Math.sqrt(v) + h.eps!));
}
