/**
 * Assignment Q4: gradient descent with a fixed learning rate on linear
 * regression, with the stability analysis the answer attempted, done right
 * (errata Q4): L = λ_max((2/N)XᵀX), stable iff η < 2/L, and the descent lemma
 *   J(θ − η∇J) ≤ J(θ) − η(1 − Lη/2)‖∇J‖²   (L, not L²).
 */
import { MdlError } from '../errors';
import { linearRegression, type Dataset, type LinearRegression } from './linreg';
import { run, type RunResult } from './run';
import type { GdJson, RunControl } from './types';

export interface GdOptions extends RunControl {
  /** Learning rate η. Default 0.001, the rate Q4 asks about. */
  eta?: number;
  start?: [number, number];
  maxSteps?: number;
  tol?: number;
}

export interface DescentCheck {
  t: number;
  /** J(θₜ). */
  lhs: number;
  /** J(θₜ₋₁) − η(1 − Lη/2)‖∇J(θₜ₋₁)‖². */
  rhs: number;
  holds: boolean;
}

export interface GdOutcome {
  objective: LinearRegression;
  eta: number;
  L: number;
  /** Smaller Hessian eigenvalue: with L it sets the convergence speed. */
  mu: number;
  stableBelow: number;
  stable: boolean;
  /** max |1 − ηλ| over the Hessian's eigenvalues: the error shrinks (or grows) by this factor per step. */
  contraction: number;
  run: RunResult;
  leastSquares: [number, number] | null;
  descent: DescentCheck[];
  /** Why the run ended as it did, in a sentence or two. */
  verdict: string;
  json: GdJson;
}

export function gradientDescent(data: Dataset, options: GdOptions = {}): GdOutcome {
  const objective = linearRegression(data);
  const eta = options.eta ?? 0.001;
  if (!(eta > 0) || !Number.isFinite(eta)) throw new MdlError('invalid-argument', `The learning rate η must be a positive number, not ${eta}.`);
  const start = options.start ?? [0, 0];
  const [L, mu] = objective.eigenvalues;
  const stableBelow = 2 / L;
  const stable = eta < stableBelow;
  const contraction = Math.max(Math.abs(1 - eta * L), Math.abs(1 - eta * mu));
  const result = run(objective, start, 'sgd', {
    optimizerSettings: { lr: eta },
    maxSteps: options.maxSteps,
    tol: options.tol,
    progressEvery: options.progressEvery,
    onProgress: options.onProgress,
    shouldStop: options.shouldStop,
  });
  const leastSquares = objective.leastSquares();
  const descent = descentChecks(objective, result, eta, L);
  const trace = result.trace.map((e) => ({ t: e.t, theta: e.theta, grad: e.grad, loss: objective.value(e.theta) }));
  return {
    objective,
    eta,
    L,
    mu,
    stableBelow,
    stable,
    contraction,
    run: result,
    leastSquares,
    descent,
    verdict: verdict(result, eta, L, mu, contraction, leastSquares, options.tol ?? 1e-8),
    json: {
      final: { theta: result.theta, loss: result.loss },
      L,
      stableBelow,
      stable,
      history: { loss: result.history.loss },
      trace,
    },
  };
}

function descentChecks(objective: LinearRegression, result: RunResult, eta: number, L: number): DescentCheck[] {
  let before = result.initialLoss;
  return result.trace.map((e) => {
    const g2 = e.grad.reduce((s, g) => s + g * g, 0);
    const lhs = objective.value(e.theta);
    const rhs = before - eta * (1 - (L * eta) / 2) * g2;
    before = lhs;
    return { t: e.t, lhs, rhs, holds: lhs <= rhs + 1e-12 * Math.max(1, Math.abs(rhs)) };
  });
}

function verdict(r: RunResult, eta: number, L: number, mu: number, rho: number, ls: [number, number] | null, tol: number): string {
  const f = (x: number) => x.toPrecision(4);
  if (r.stopped) return `Stopped on request after ${r.iterations} steps.`;
  if (r.diverged) {
    const why =
      eta >= 2 / L
        ? ` η = ${eta} ≥ 2/L = ${f(2 / L)}: along the Hessian's top eigenvector the error is multiplied by 1 − ηL = ${f(1 - eta * L)} every step, and |1 − ηL| > 1.`
        : '';
    return `${r.divergence!.explanation}${why}`;
  }
  if (eta >= 2 / L) {
    return eta === 2 / L
      ? `η = 2/L exactly: the error along the top eigenvector flips sign without shrinking, so gradient descent oscillates and never converges.`
      : `η = ${eta} ≥ 2/L = ${f(2 / L)}: the loss is growing by about (1 − ηL)² = ${f((1 - eta * L) ** 2)} per step and will diverge given more steps.`;
  }
  if (r.converged) {
    const target = ls ? ` The least-squares solution from the normal equations is (${ls.map(f).join(', ')}).` : '';
    return `Converged after ${r.iterations} steps: ‖∇J‖ < tolerance.${target}`;
  }
  // Asymptotically ‖∇J‖ shrinks by ρ per step.
  const needed = mu > 0 && rho < 1 ? Math.ceil(Math.log(tol / Math.max(r.gradNorm, 1e-300)) / Math.log(rho)) : Infinity;
  const more = !Number.isFinite(needed)
    ? '.'
    : needed > 1e7
      ? ', far more slowly than any step budget allows: ρ is within a hair of 1.'
      : `, so about ${needed} more steps are needed.`;
  return `Stable (η < 2/L) but not converged after ${r.iterations} steps: the error shrinks by only ρ = max|1 − ηλ| = ${f(rho)} per step${more}`;
}
