/**
 * The optimisation loop: θ ← optimizer.step(θ, ∇f(θ)) until the gradient is
 * tiny (converged), something blows up (diverged), the step budget runs out,
 * or the host asks to stop. The inner loop allocates nothing: value and
 * gradient are written into preallocated Float64Arrays, the history is a
 * fixed ring (history.ts), and only the first `traceSteps` steps are copied.
 */
import { MdlError } from '../errors';
import { HistoryRecorder, type HistorySeries } from './history';
import { createOptimizer, type Hyperparameters, type OptimizerSettings } from './optimizers';
import type { Objective, OptimizerName, RunControl, TraceEntry } from './types';

export interface RunSettings extends RunControl {
  /** Step budget. Default 10 000. */
  maxSteps?: number;
  /** Converged when ‖∇f(θ)‖₂ < tol. Default 1e-8. */
  tol?: number;
  /** Most points kept in `history` (the panel's plot). Default 2000. */
  historyPoints?: number;
  /** Steps copied in full into `trace`. Default 20. */
  traceSteps?: number;
  /** Keep θ at the history points (contour trajectories). Default: when θ is 2-D. */
  recordPath?: boolean;
  /** Diverged when f > divergenceFactor·(1 + |f(θ₀)|) or ‖θ‖ > divergenceFactor·(1 + ‖θ₀‖). Default 1e12. */
  divergenceFactor?: number;
}

export interface Divergence {
  /** The step at which the run was stopped. */
  step: number;
  /** First step after the last new low of the loss: where the blow-up began. */
  onset: number;
  reason: 'non-finite' | 'loss' | 'theta';
  explanation: string;
}

export interface RunResult {
  optimizer: OptimizerName;
  hyper: Readonly<Hyperparameters>;
  start: number[];
  initialLoss: number;
  /** θ after the last step taken (at divergence: the first offending θ). */
  theta: number[];
  loss: number;
  gradNorm: number;
  /** Steps taken. */
  iterations: number;
  converged: boolean;
  diverged: boolean;
  /** The host's shouldStop() returned true. */
  stopped: boolean;
  divergence?: Divergence;
  history: HistorySeries;
  trace: TraceEntry[];
}

export function run(objective: Objective, start: ArrayLike<number>, optimizer: OptimizerName, settings: RunSettings & { optimizerSettings?: OptimizerSettings } = {}): RunResult {
  const d = objective.variables.length;
  if (start.length !== d) throw new MdlError('invalid-argument', `The start point has ${start.length} coordinates; the objective has ${d} variables (${objective.variables.join(', ')}).`);
  const maxSteps = settings.maxSteps ?? 10_000;
  const tol = settings.tol ?? 1e-8;
  const traceSteps = settings.traceSteps ?? 20;
  const every = Math.max(1, Math.floor(settings.progressEvery ?? 10_000));
  const factor = settings.divergenceFactor ?? 1e12;
  if (!(Number.isInteger(maxSteps) && maxSteps >= 0)) throw new MdlError('invalid-argument', 'The number of steps must be a whole number ≥ 0.');
  if (!(tol >= 0)) throw new MdlError('invalid-argument', 'The tolerance must be ≥ 0.');

  const opt = createOptimizer(optimizer, d, settings.optimizerSettings);
  const theta = Float64Array.from(start);
  if (!theta.every(Number.isFinite)) throw new MdlError('non-finite', 'The start point must be finite.');
  const grad = new Float64Array(d);
  const initialLoss = objective.valueAndGradient(theta, grad);
  if (!Number.isFinite(initialLoss) || !grad.every(Number.isFinite)) {
    throw new MdlError('non-finite', `The objective or its gradient is not finite at the start point (${Array.from(theta).join(', ')}).`);
  }
  const lossLimit = factor * (1 + Math.abs(initialLoss));
  const thetaLimit = factor * (1 + norm(theta));
  const history = new HistoryRecorder(settings.historyPoints ?? 2000, d, settings.recordPath ?? d === 2);
  history.offer(0, initialLoss, theta);
  const trace: TraceEntry[] = [];

  let loss = initialLoss;
  let gradNorm = norm(grad);
  let best = initialLoss;
  let bestStep = 0;
  let t = 0;
  let converged = false;
  let stopped = false;
  let divergence: Divergence | undefined;
  while (t < maxSteps) {
    if (gradNorm < tol) {
      converged = true;
      break;
    }
    t++;
    if (t <= traceSteps) {
      const g = Array.from(grad);
      opt.step(theta, grad, t);
      trace.push({ t, theta: Array.from(theta), grad: g, ...opt.state() });
    } else {
      opt.step(theta, grad, t);
    }
    loss = objective.valueAndGradient(theta, grad);
    gradNorm = norm(grad);
    const thetaNorm = norm(theta);
    const reason = !Number.isFinite(loss) || !Number.isFinite(gradNorm) || !Number.isFinite(thetaNorm) ? 'non-finite' : loss > lossLimit ? 'loss' : thetaNorm > thetaLimit ? 'theta' : null;
    if (reason) {
      divergence = explainDivergence(reason, t, loss, thetaNorm, best, bestStep, factor);
      break;
    }
    if (loss < best) {
      best = loss;
      bestStep = t;
    }
    history.offer(t, loss, theta);
    if (t % every === 0) {
      settings.onProgress?.({ step: t, loss, gradNorm });
      if (settings.shouldStop?.()) {
        stopped = true;
        break;
      }
    }
  }
  if (!converged && !divergence && !stopped && gradNorm < tol) converged = true;
  // Plots need finite numbers; a diverged run's last point is shown by the explanation instead.
  if (Number.isFinite(loss) && Array.from(theta).every(Number.isFinite)) history.finish(t, loss, theta);
  return {
    optimizer: opt.name,
    hyper: opt.hyper,
    start: Array.from(start),
    initialLoss,
    theta: Array.from(theta),
    loss,
    gradNorm,
    iterations: t,
    converged,
    diverged: divergence !== undefined,
    stopped,
    divergence,
    history: history.result(),
    trace,
  };
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

function explainDivergence(reason: Divergence['reason'], t: number, loss: number, thetaNorm: number, best: number, bestStep: number, factor: number): Divergence {
  const onset = bestStep + 1;
  const sci = (x: number) => (Number.isFinite(x) ? x.toExponential(3) : String(x));
  const what =
    reason === 'non-finite'
      ? `the loss or the gradient stopped being a finite number (f = ${sci(loss)}, ‖θ‖ = ${sci(thetaNorm)})`
      : reason === 'loss'
        ? `the loss reached ${sci(loss)}, more than ${sci(factor)}·(1 + |f(θ₀)|)`
        : `‖θ‖ reached ${sci(thetaNorm)}, more than ${sci(factor)}·(1 + ‖θ₀‖)`;
  const unbounded = reason === 'theta' && loss <= best;
  const began = unbounded
    ? ' The loss was still falling: the objective is unbounded below along this path, so there is no minimum to converge to.'
    : bestStep === 0
      ? ' The loss never went below its starting value: the very first step already overshot.'
      : ` The loss was lowest at step ${bestStep} (${sci(best)}) and never came back below that value: the blow-up began at step ${onset}.`;
  return { step: t, onset: unbounded ? t : onset, reason, explanation: `Diverged at step ${t}: ${what}.${began}` };
}
