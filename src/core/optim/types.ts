/**
 * Shapes shared by the optimisation topics (`optimize`, `gd`, `gd-compare`).
 *
 * The derivation types extend `src/core/derivation.ts` without editing it:
 * `OptimDerivation` is a `Derivation` whose `kind`, plot union and
 * `interactive` union are wider. Once derivation.ts gains 'optimize' | 'gd' |
 * 'gd-compare' in TopicKind, ContourPlot in PlotSpec and LoopCode in
 * Interactive, `OptimDerivation` is assignable to `Derivation` and the
 * aliases below can become plain re-exports.
 */
import type { Derivation, PlotSpec, Step } from '../derivation';

/** A box in parameter space, one [min, max] per variable. */
export interface Region {
  min: number[];
  max: number[];
}

/**
 * A differentiable objective f: ℝᵈ → ℝ. Built-ins have hand-written
 * derivatives; custom expressions are differentiated symbolically.
 * `valueAndGradient` is the hot path: it writes ∇f into `out` and allocates nothing.
 */
export interface Objective {
  /** Built-in name ('rosenbrock') or 'custom'. */
  readonly name: string;
  readonly variables: readonly string[];
  /**
   * f in the expression syntax; parses back through `parseExpression`. Data
   * objectives write the literal sum when it fits the parser's length limit,
   * otherwise an equivalent closed form, or '' when there is none.
   */
  readonly expression: string;
  /** ∂f/∂θᵢ in the expression syntax, in `variables` order (same rules). */
  readonly gradientExpressions: readonly string[];
  /** Display TeX of f (no surrounding `f =`). */
  readonly tex: string;
  readonly gradientTex: readonly string[];
  value(theta: ArrayLike<number>): number;
  gradient(theta: ArrayLike<number>, out?: Float64Array): Float64Array;
  valueAndGradient(theta: ArrayLike<number>, out: Float64Array): number;
  /** Dense symmetric Hessian, where f is twice differentiable in closed form. */
  hessian?(theta: ArrayLike<number>): number[][];
  /** The gradient's Lipschitz constant when it is known exactly (quadratics). */
  readonly lipschitz?: { L: number; reason: string };
  /** Known minimisers, for plots and checks. */
  readonly minima?: ReadonlyArray<{ theta: number[]; value: number }>;
  /** A window that shows the interesting part of f (for contour plots). */
  readonly region?: Region;
  readonly defaultStart?: readonly number[];
}

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adagrad' | 'adam' | 'adamw';

/** One recorded step: θₜ after the update and the gradient gₜ = ∇f(θₜ₋₁) that produced it. */
export interface TraceEntry {
  t: number;
  theta: number[];
  grad: number[];
  /** First moment (Adam, AdamW) or momentum buffer (momentum, Nesterov). */
  m?: number[];
  /** Second moment (Adam, AdamW, RMSprop) or sum of squares (AdaGrad). */
  v?: number[];
  /** Bias-corrected moments m̂ₜ = mₜ/(1 − β₁ᵗ), v̂ₜ = vₜ/(1 − β₂ᵗ) (Adam, AdamW). */
  mHat?: number[];
  vHat?: number[];
}

/* ---------- JSON results (CLI `--format json`, problem files) ---------- */

export interface FinalPoint {
  theta: number[];
  loss: number;
}

export interface OptimizeJson {
  optimizer: OptimizerName;
  final: FinalPoint;
  iterations: number;
  converged: boolean;
  diverged: boolean;
  history: { loss: number[] };
  trace: TraceEntry[];
  compare: Array<{ optimizer: OptimizerName; final: FinalPoint; history: { loss: number[] } }>;
}

export interface GdJson {
  final: FinalPoint;
  L: number;
  stableBelow: number;
  stable: boolean;
  history: { loss: number[] };
  trace: Array<{ t: number; theta: number[]; grad: number[]; loss: number }>;
}

export type CompareMethod = 'batch' | 'sgd' | 'minibatch';

export interface GdCompareJson {
  methods: Array<{ method: CompareMethod; final: FinalPoint; gradientEvaluations: number; history: { loss: number[] } }>;
}

/* ---------- Derivation extensions (to be merged into derivation.ts) ---------- */

export type OptimTopicKind = 'optimize' | 'gd' | 'gd-compare';

/**
 * Level sets of f on a regular grid plus optimisation paths over it.
 * `z[j][i]` is f(x[i], y[j]); rows go up in y. Drawable with Observable
 * Plot's `contour` mark (value = z.flat(), width = x.length, height = y.length).
 * Every number is finite: cells where f is not finite hold the largest finite value.
 * Paths can leave the grid (diverging runs): keep the plot's domain to the grid.
 */
export interface ContourPlot {
  type: 'contour';
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  y: number[];
  z: number[][];
  /** Thresholds for the level curves, ascending (geometric when zScale is 'log'). */
  thresholds: number[];
  zScale: 'linear' | 'log';
  paths: Array<{ name: string; x: number[]; y: number[] }>;
  markers?: Array<{ name: string; x: number; y: number }>;
}

export type OptimPlotSpec = PlotSpec | ContourPlot;

export interface OptimStep extends Omit<Step, 'plot'> {
  plot?: OptimPlotSpec;
}

/** The training loop as pseudo-code (for line highlighting) and as runnable source. */
export interface LoopCode {
  type: 'loop-code';
  /** One line of pseudo-code per entry, indentation included. */
  pseudocode: string[];
  /** Step id → the 0-based pseudo-code lines that step explains. */
  stepLines: Record<string, number[]>;
  /** Self-contained programs that run the same loop on the same data ("Copy as Python/TypeScript"). */
  python: string;
  typescript: string;
}

export interface OptimDerivation extends Omit<Derivation, 'kind' | 'steps' | 'interactive'> {
  kind: OptimTopicKind;
  steps: OptimStep[];
  interactive?: LoopCode;
}

/** Host hooks for long runs: progress every `progressEvery` steps and cancellation. */
export interface RunControl {
  progressEvery?: number;
  onProgress?: (p: { step: number; loss: number; gradNorm: number }) => void;
  /** Polled every `progressEvery` steps; returning true stops the run (result.stopped). */
  shouldStop?: () => boolean;
}
