/**
 * cross-entropy, activation, sigmoid-zigzag and derivative problems → the
 * inputs of the activations and losses modules, with their errors placed
 * on the offending value (an expression's error at its column).
 */
import { isMdlError } from '../errors';
import { parseExpression } from '../activations/derivative';
import { ACTIVATIONS, canonicalName, resolveParams, type ActivationParams, type CanonicalName } from '../activations/table';
import type { CrossEntropyInput } from '../losses/cross-entropy';
import { SUM_TOLERANCE } from '../losses/entropy';
import type { ZigzagOptions } from '../losses/zigzag';
import type { ProblemContext } from './context';
import { ACTIVATION_PARAMS } from './fields';
import { readNumbers } from './scalars';
import { didYouMean } from './suggest';
import type { JsonPath } from './types';

export function crossEntropyInput(ctx: ProblemContext): CrossEntropyInput | undefined {
  const logits = ctx.has(['logits']) ? readNumbers(ctx, ['logits'], 'logits', { min: 2 }) : [2, 1, -1];
  if (!logits) return undefined;
  let target: number[] | undefined;
  const t = ctx.get(['target']);
  if (typeof t === 'number') {
    if (Number.isInteger(t) && t >= 0 && t < logits.length) target = logits.map((_, i) => (i === t ? 1 : 0));
    else ctx.error(['target'], 'out-of-range', `target = ${t} is not a class index: with ${logits.length} logits the classes are 0 to ${logits.length - 1} (counting from 0, as PyTorch does).`);
  } else if (Array.isArray(t)) {
    target = distribution(ctx, ['target'], 'target', logits.length);
  } else target = logits.map((_, i) => (i === 1 ? 1 : 0));
  const p = ctx.has(['p']) ? distribution(ctx, ['p'], 'p') : undefined;
  const q = ctx.has(['q']) ? distribution(ctx, ['q'], 'q', p?.length) : undefined;
  if (!target || (ctx.has(['p']) && !p) || (ctx.has(['q']) && !q)) return undefined;
  if (q && !p) ctx.warning(ctx.keyRange(['q']), 'out-of-range', 'q is compared against p in H(p, q) = H(p) + KL(p‖q); give p as well, or the default p = (0.2, 0.7, 0.1) is used.');
  return { logits, target, p, q };
}

/** Non-negative entries summing to 1 (a one-hot vector is one). */
function distribution(ctx: ProblemContext, path: JsonPath, name: string, length?: number): number[] | undefined {
  const v = readNumbers(ctx, path, name, { min: 1 });
  if (!v) return undefined;
  if (length !== undefined && v.length !== length) {
    ctx.error(path, 'data-invalid', `${name} has ${v.length} entries but ${name === 'target' ? 'logits has' : 'p has'} ${length}: give one probability per class.`);
    return undefined;
  }
  const negative = v.findIndex((x) => x < 0);
  if (negative >= 0) {
    ctx.error([...path, negative], 'out-of-range', `${name}[${negative}] = ${v[negative]} is negative; probabilities are ≥ 0.`);
    return undefined;
  }
  const total = v.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > SUM_TOLERANCE) {
    ctx.error(path, 'out-of-range', `${name} sums to ${total}, not 1: it must be a probability distribution${name === 'target' ? ' (one-hot, e.g. [0, 1, 0], or a class index such as 1)' : ''}.`);
    return undefined;
  }
  return v;
}

export interface ActivationProblemInput {
  name: CanonicalName;
  params: ActivationParams;
  at?: number[];
}

export function activationInput(ctx: ProblemContext): ActivationProblemInput | undefined {
  const written = ctx.string(['name']);
  if (written === undefined) return undefined;
  const name = canonicalName(written);
  if (!name) {
    const names = ACTIVATIONS.flatMap((a) => [a.name, ...a.aliases]);
    ctx.error(['name'], 'unknown-value', `Unknown activation "${written}".${didYouMean(written, names)} Known: ${ACTIVATIONS.map((a) => a.name).join(', ')}.`);
    return undefined;
  }
  const raw = ctx.get(['params']);
  const given = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const takes = ACTIVATIONS.find((a) => a.name === name)!.params.map((p) => p.key as string);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!(ACTIVATION_PARAMS as readonly string[]).includes(key)) {
      ctx.error(ctx.keyRange(['params', key]), 'unknown-field', `Unknown parameter "${key}".${didYouMean(key, ACTIVATION_PARAMS)} Activation parameters are ${ACTIVATION_PARAMS.join(', ')}.`);
    } else if (!takes.includes(key)) {
      ctx.warning(ctx.keyRange(['params', key]), 'unknown-field', `${name} takes ${takes.length ? `only ${takes.join(', ')}` : 'no parameters'}; "${key}" is ignored.`);
    } else params[key] = value;
  }
  try {
    resolveParams(name, params as ActivationParams);
  } catch (e) {
    if (!isMdlError(e)) throw e;
    const bad = Object.keys(params).find((k) => e.message.includes(k)) ?? Object.keys(params)[0];
    ctx.error(bad ? ['params', bad] : ['params'], 'out-of-range', e.message);
    return undefined;
  }
  const at = ctx.has(['at']) ? readNumbers(ctx, ['at'], 'at (points to evaluate f and f′ at)', { min: 1 }) : undefined;
  if (ctx.has(['at']) && !at) return undefined;
  return { name, params: params as ActivationParams, at };
}

export function zigzagInput(ctx: ProblemContext): Partial<ZigzagOptions> | undefined {
  const options: Partial<ZigzagOptions> = {};
  let ok = true;
  const pair = (key: 'target' | 'start', what: string) => {
    if (!ctx.has([key])) return;
    const v = readNumbers(ctx, [key], what, { exactly: 2 });
    if (v) options[key] = [v[0], v[1]];
    else ok = false;
  };
  pair('target', 'target (the weights w* to reach)');
  pair('start', 'start (the initial weights)');
  if (options.target && Math.sign(options.target[0]) === Math.sign(options.target[1])) {
    ctx.warning(['target'], 'out-of-range', `target (${options.target.join(', ')}) has both weights of the same sign: all-positive inputs then push straight towards it and nothing zig-zags. Use mixed signs, e.g. [2, -2].`);
  }
  const positive = (key: 'lr' | 'tol', field: 'learningRate' | 'tolerance', usual: string) => {
    const v = ctx.number([key]);
    if (v === undefined) return;
    if (v > 0) options[field] = v;
    else {
      ok = false;
      ctx.error([key], key === 'lr' ? 'lr-not-positive' : 'out-of-range', `${key} must be positive, not ${v}; try ${usual}.`);
    }
  };
  positive('lr', 'learningRate', '0.5');
  positive('tol', 'tolerance', '0.01');
  const steps = ctx.number(['steps']);
  if (steps !== undefined) {
    if (steps >= 1 && steps <= 1_000_000) options.maxSteps = steps;
    else {
      ok = false;
      ctx.error(['steps'], steps < 1 ? 'steps-not-positive' : 'out-of-range', `steps must be from 1 to 1 000 000, not ${steps}.`);
    }
  }
  const seed = ctx.number(['seed']);
  if (seed !== undefined) options.seed = seed;
  return ok ? options : undefined;
}

export interface DerivativeProblemInput {
  expression: string;
  at?: number[];
}

export function derivativeInput(ctx: ProblemContext): DerivativeProblemInput | undefined {
  const expression = ctx.string(['expression']);
  if (expression === undefined) return undefined;
  const error = expressionError(expression);
  if (error) {
    ctx.error(ctx.rangeInString(['expression'], error.offset, error.length), 'expression-syntax', `The expression does not parse: ${error.message}`);
    return undefined;
  }
  const at = ctx.has(['at']) ? readNumbers(ctx, ['at'], 'at (points to evaluate f and f′ at)', { min: 1 }) : undefined;
  if (ctx.has(['at']) && !at) return undefined;
  return { expression, at };
}

/** The derivative parser's error, with its "Column n:" prefix dropped (the diagnostic sits on that column). */
export function expressionError(text: string): { message: string; offset: number; length: number } | null {
  try {
    parseExpression(text);
    return null;
  } catch (e) {
    if (!isMdlError(e)) throw e;
    const message = e.message.replace(/^Column \d+: /, '');
    return { message: message[0].toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.'), offset: e.position?.offset ?? 0, length: e.position?.length ?? text.length };
  }
}
