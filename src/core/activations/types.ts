/**
 * Types for the activation table, the loss derivations (Questions 6–9) and
 * the activation explorer. Kept here, not in `derivation.ts`, until the lead
 * merges them: `ActivationTopicKind` and `ActivationExplorer` are the only
 * additions `derivation.ts` needs (see `MdlDerivation`).
 */
import type { Derivation } from '../derivation';

export type CanonicalName =
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'relu6'
  | 'leaky_relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'silu'
  | 'mish'
  | 'softplus'
  | 'softsign'
  | 'softmax'
  | 'log_softmax'
  | 'hardtanh'
  | 'hard_sigmoid'
  | 'linear';

/** Every parameter any activation takes; each function reads only its own and defaults the rest. */
export interface ActivationParams {
  /** leaky_relu's negative slope (PyTorch default 0.01) or ELU's α (default 1). */
  alpha?: number;
  /** softplus β (default 1). */
  beta?: number;
  /** softplus switches to the identity when βx > threshold (default 20), as PyTorch does. */
  threshold?: number;
  /** GELU: exact erf form ('none', PyTorch's default) or the tanh approximation. */
  approximate?: 'none' | 'tanh';
  /** hardtanh bounds (defaults −1 and 1). */
  minVal?: number;
  maxVal?: number;
}

export interface ParamSpec {
  key: keyof ActivationParams;
  label: string;
  default: number | string;
  /** Inclusive bounds a value must respect (checked by `resolveParams`). */
  min?: number;
  max?: number;
  /** For string parameters. */
  choices?: string[];
  description: string;
}

export interface LipschitzConstant {
  /** Smallest L with |f(a) − f(b)| ≤ L|a − b|, or '∞'. */
  value: number | '∞';
  /** How the value arises, e.g. "1/4 = σ′(0)". */
  exact: string;
}

export interface ActivationProperties {
  /** Human form, e.g. "(0, 1)" or "[−0.1700, ∞)". */
  range: string;
  /** The same numerically; ±Infinity for unbounded ends. */
  bounds: { lower: number; upper: number; lowerAttained: boolean; upperAttained: boolean };
  monotonic: boolean;
  /** Outputs symmetric about 0 (an odd function), so a layer's outputs have mixed signs. */
  zeroCentred: boolean;
  /** Infinitely differentiable everywhere. */
  smooth: boolean;
  lipschitz: LipschitzConstant;
  /** Which side the output flattens out on (the gradient tends to 0 there). */
  saturates: 'both' | 'left' | 'right' | 'none';
  /** The gradient is exactly 0 on a half-line, so a unit can stop learning for good. */
  canDie: boolean;
}

export interface ActivationSpec {
  name: CanonicalName;
  /** Display name, e.g. "Sigmoid (logistic)". */
  label: string;
  /** Other spellings that mean this function, e.g. 'logistic', 'swish'. */
  aliases: string[];
  params: ParamSpec[];
  /** f(x); missing parameters take the defaults above. */
  f(x: number, p?: ActivationParams): number;
  /** f′(x), using the framework convention at kinks (see `kinkConvention`). */
  df(x: number, p?: ActivationParams): number;
  tex: { f: string; df: string };
  /** One-line Unicode fallback for each, for plain-text hovers and the CLI. */
  plain: { f: string; df: string };
  properties(p?: ActivationParams): ActivationProperties;
  /** Where f′ is undefined mathematically (a corner in f). */
  kinks(p?: ActivationParams): number[];
  /**
   * Where f is not infinitely differentiable (kinks, plus points where a
   * higher derivative jumps, e.g. softsign at 0). Finite differences skip these.
   */
  breakpoints(p?: ActivationParams): number[];
  /** What f′ returns at the kinks and why, e.g. "ReLU′(0) = 0 (PyTorch)…". */
  kinkConvention?: string;
  usedFor: string;
  /** Identities and facts worth showing, e.g. tanh(x) = 2σ(2x) − 1. */
  notes: string[];
}

/** Topic kinds this work adds; `derivation.ts`'s TopicKind should include them. */
export type ActivationTopicKind = 'activation' | 'cross-entropy' | 'sigmoid-zigzag' | 'derivative';

/** The explorer panel: precomputed samples for the chosen function; other choices are requested from the host. */
export interface ActivationExplorer {
  type: 'activation-explorer';
  name: CanonicalName;
  /** Resolved parameters (defaults filled in). */
  params: ActivationParams;
  paramSpecs: ParamSpec[];
  /** All canonical names with labels, for the picker. */
  choices: Array<{ name: CanonicalName; label: string }>;
  domain: [number, number];
  x: number[];
  f: number[];
  df: number[];
  /** Where the f′ curve jumps; the panel should break its line there. */
  kinks: number[];
  /** Compare mode: a second function on the same grid, overlaid. */
  compare?: { name: CanonicalName; label: string; f: number[]; df: number[]; kinks: number[] };
}

/**
 * A `Derivation` with the kinds above. Structurally a `Derivation` once the
 * lead has added `ActivationTopicKind` to TopicKind and `ActivationExplorer` to Interactive.
 */
export type MdlDerivation = Omit<Derivation, 'kind' | 'interactive'> & {
  kind: ActivationTopicKind;
  interactive?: ActivationExplorer;
};
