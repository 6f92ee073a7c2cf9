/**
 * The activation table: every supported activation by canonical name, with
 * alias lookup and parameter validation. The formulas live in `smooth.ts`
 * and `piecewise.ts`; this file only assembles and checks.
 */
import { MdlError } from '../errors';
import { piecewiseActivations } from './piecewise';
import { smoothActivations } from './smooth';
import type { ActivationParams, ActivationSpec, CanonicalName } from './types';

export type { ActivationParams, ActivationSpec, CanonicalName } from './types';

/** In the order the explorer lists them. */
const ORDER: CanonicalName[] = ['sigmoid', 'tanh', 'relu', 'relu6', 'leaky_relu', 'elu', 'selu', 'gelu', 'silu', 'mish', 'softplus', 'softsign', 'softmax', 'log_softmax', 'hardtanh', 'hard_sigmoid', 'linear'];

const byName = new Map<string, ActivationSpec>([...smoothActivations, ...piecewiseActivations].map((s) => [s.name, s]));

export const ACTIVATIONS: readonly ActivationSpec[] = ORDER.map((n) => byName.get(n)!);

const byAnyName = new Map<string, ActivationSpec>();
for (const spec of ACTIVATIONS) for (const n of [spec.name, ...spec.aliases]) byAnyName.set(n, spec);

export const CANONICAL_NAMES: readonly CanonicalName[] = ORDER;

/** 'logistic' → 'sigmoid', 'swish' → 'silu', 'identity' → 'linear'; null when unknown. */
export function canonicalName(name: string): CanonicalName | null {
  return byAnyName.get(name.toLowerCase())?.name ?? null;
}

export function getActivation(name: string): ActivationSpec {
  const spec = byAnyName.get(name.toLowerCase());
  if (!spec) throw new MdlError('unsupported', `Unknown activation "${name}". Known: ${ORDER.join(', ')}.`);
  return spec;
}

/**
 * The spec's defaults with `given` on top, each value checked against its
 * bounds. Parameters the function does not take are dropped, so a hover on
 * `nn.ReLU()` never shows a stray α.
 */
export function resolveParams(name: CanonicalName, given: ActivationParams = {}): ActivationParams {
  const spec = getActivation(name);
  const out: Record<string, number | string> = {};
  for (const ps of spec.params) {
    const v = given[ps.key] ?? ps.default;
    if (ps.choices) {
      if (typeof v !== 'string' || !ps.choices.includes(v)) throw new MdlError('invalid-argument', `${spec.label}: ${ps.label} must be one of ${ps.choices.join(', ')}, not ${String(v)}.`);
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new MdlError('invalid-argument', `${spec.label}: ${ps.label} must be a finite number, not ${String(v)}.`);
    } else if ((ps.min !== undefined && v < ps.min) || (ps.max !== undefined && v > ps.max)) {
      throw new MdlError('invalid-argument', `${spec.label}: ${ps.label} = ${v} is outside [${ps.min ?? '−∞'}, ${ps.max ?? '∞'}].`);
    }
    out[ps.key] = v;
  }
  const p = out as ActivationParams;
  if (name === 'hardtanh' && !(p.minVal! < p.maxVal!)) throw new MdlError('invalid-argument', `Hardtanh: min (${p.minVal}) must be below max (${p.maxVal}).`);
  return p;
}
