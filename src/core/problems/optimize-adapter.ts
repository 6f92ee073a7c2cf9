/**
 * ADAPTER (TODO: remove when `deriveOptimize` accepts a data set or an
 * `Objective`): `optimize` on the linear-regression and logistic-regression
 * objectives. deriveOptimize builds its objective from text, which cannot
 * carry a data set, so this runs the same `run` loop on the model built
 * here and returns the same `OptimizeJson` contract with a short derivation.
 */
import type { DisplayOptions } from '../display';
import { optimizeJson, run, type OptimDerivation, type OptimizeJson, type RunControl, type RunResult } from '../optim';
import type { OptimizeProblemInput } from './inputs-optim';
import { shortNumber } from './scalars';

export function optimizeOnObjective(i: OptimizeProblemInput, options: DisplayOptions & RunControl): { derivation: OptimDerivation; json: OptimizeJson } {
  const control = { maxSteps: i.steps, tol: i.tol, progressEvery: options.progressEvery, onProgress: options.onProgress, shouldStop: options.shouldStop };
  const main = run(i.objective, i.start, i.optimizer, { ...control, optimizerSettings: i.settings });
  const compared = i.compare.map((name) => run(i.objective, i.start, name, control));
  const f = (x: number) => shortNumber(x, options.precision + 1);
  const line = (r: RunResult) => `${r.optimizer}: f = ${f(r.loss)} at θ = (${r.theta.map(f).join(', ')}) after ${r.iterations} steps${r.diverged ? ' (diverged)' : r.converged ? ' (converged)' : ''}`;
  const derivation: OptimDerivation = {
    kind: 'optimize',
    title: `${i.optimizer} on ${i.objective.name}`,
    warnings: [main, ...compared].filter((r) => r.diverged).map((r) => `${r.optimizer}: ${r.divergence!.explanation}`),
    steps: [
      { id: 'objective', title: 'The objective', tex: `J(${i.objective.variables.join(', ')}) = ${i.objective.tex}`, text: `θ = (${i.objective.variables.join(', ')}), starting at (${i.start.map(f).join(', ')}).` },
      { id: 'run', title: 'The run', tex: `J(\\theta_{${main.iterations}}) = ${f(main.loss)}`, text: [main, ...compared].map(line).join('. ') + '.' },
    ],
  };
  return { derivation, json: optimizeJson(main, compared) };
}
