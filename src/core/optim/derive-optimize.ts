/**
 * The `optimize` derivation: an optimiser on an objective, stepped through
 * by hand for the first steps (for Adam: gₜ, mₜ, vₜ, m̂ₜ, v̂ₜ and the
 * per-parameter step α/(√v̂ₜ + ε)), then the whole run, its trajectory and
 * any comparison runs. Assignment Q5 as corrected by the errata.
 */
import { defaultDisplayOptions, type DisplayOptions } from '../display';
import { MdlError } from '../errors';
import { aligned } from '../tex';
import { contourPlot, windowFor } from './contour';
import { lossPlot, sigFigs, sortedKeys, startVector } from './derive-common';
import { DISPLAY_NAMES, effectiveStep, hyperTable, ruleLines, stepLines } from './derive-rules';
import { symbolTex } from './expression';
import type { SigFigs } from './format';
import { classifyStationary, getObjective, isBuiltin } from './objective';
import { isOptimizerName, type OptimizerSettings } from './optimizers';
import { run, type RunResult } from './run';
import type { Objective, OptimDerivation, OptimStep, OptimizeJson, OptimizerName, RunControl } from './types';

export interface OptimizeInput {
  /** A built-in name (quadratic, rosenbrock, beale, himmelblau, saddle) or an expression. */
  objective: string;
  /** Condition number of the quadratic. */
  kappa?: number;
  /** θ₀ as an array (in sorted-variable order) or by name. Default: the built-in's start, else 0. */
  start?: number[] | Record<string, number>;
  optimizer?: OptimizerName;
  settings?: OptimizerSettings;
  /** Step budget. Default 10 000. */
  steps?: number;
  tol?: number;
  /** Further optimisers to run from the same start, with the same budget. */
  compare?: Array<OptimizerName | { optimizer: OptimizerName; settings?: OptimizerSettings }>;
}

export interface OptimizeOutcome {
  derivation: OptimDerivation;
  json: OptimizeJson;
  main: RunResult;
  compared: RunResult[];
}

const BUILTIN_TITLES: Record<string, string> = {
  quadratic: 'a quadratic bowl',
  rosenbrock: 'the Rosenbrock function',
  beale: 'the Beale function',
  himmelblau: "Himmelblau's function",
  saddle: 'the saddle x² − y²',
};

/** Longer symbolic derivatives are left out of the display (they are still used for the run). */
const LONGEST_SHOWN = 2000;

/** Steps worked by hand. */
const HAND_STEPS = 3;

export function deriveOptimize(input: OptimizeInput, options: DisplayOptions & RunControl = defaultDisplayOptions): OptimizeOutcome {
  const warnings: string[] = [];
  const order = input.start && !Array.isArray(input.start) ? sortedKeys(input.start) : undefined;
  const objective = getObjective(input.objective, { kappa: input.kappa, order: order && !isBuiltin(input.objective.trim()) ? order : undefined });
  let start: number[];
  if (input.start !== undefined) start = startVector(input.start, objective.variables);
  else if (objective.defaultStart) start = [...objective.defaultStart];
  else {
    start = objective.variables.map(() => 0);
    warnings.push('No start point was given, so the run starts at θ₀ = 0.');
  }
  const optimizer = input.optimizer ?? 'adam';
  if (!isOptimizerName(optimizer)) throw new MdlError('invalid-argument', `Unknown optimizer "${String(optimizer)}".`);
  const control = { maxSteps: input.steps, tol: input.tol, progressEvery: options.progressEvery, onProgress: options.onProgress, shouldStop: options.shouldStop };
  // Record θ along the way for the picture: a contour path in 2-D, parameter traces otherwise.
  const main = run(objective, start, optimizer, { ...control, optimizerSettings: input.settings, recordPath: true });
  // A cancelled run cancels the comparison too.
  const compared = (main.stopped ? [] : (input.compare ?? [])).map((c) => {
    const spec = typeof c === 'string' ? { optimizer: c } : c;
    return run(objective, start, spec.optimizer, { ...control, optimizerSettings: spec.settings });
  });
  const fmt = sigFigs(options);
  for (const r of [main, ...compared]) warnings.push(...runWarnings(r));
  if (main.converged && classifyStationary(objective, main.theta)?.kind === 'saddle') {
    warnings.push(`${DISPLAY_NAMES[optimizer]} converged to a saddle point, not a minimum (the Hessian there has eigenvalues of both signs).`);
  }

  const steps: OptimStep[] = [objectiveStep(objective, start, fmt), ruleStep(main, fmt)];
  for (let t = 1; t <= Math.min(HAND_STEPS, main.trace.length); t++) steps.push(handStep(main, t, objective, fmt));
  if (main.trace.length > 0) steps.push(traceStep(main, fmt));
  steps.push(runStep(main, objective, fmt));
  if (objective.variables.length === 2) steps.push(trajectoryStep(objective, [main, ...compared]));
  else steps.push(parameterTraceStep(objective, main));
  if (compared.length) steps.push(compareStep([main, ...compared], fmt));

  const derivation: OptimDerivation = {
    kind: 'optimize',
    title: `${DISPLAY_NAMES[optimizer]} on ${isBuiltin(objective.name) ? BUILTIN_TITLES[objective.name] : `f(${objective.variables.join(', ')})`}`,
    steps,
    warnings,
  };
  return { derivation, json: optimizeJson(main, compared), main, compared };
}

/** The `optimize` JSON contract from a run and the runs it is compared with. */
export function optimizeJson(main: RunResult, compared: RunResult[]): OptimizeJson {
  return {
    optimizer: main.optimizer,
    final: { theta: main.theta, loss: main.loss },
    iterations: main.iterations,
    converged: main.converged,
    diverged: main.diverged,
    history: { loss: main.history.loss },
    trace: main.trace,
    compare: compared.map((r) => ({ optimizer: r.optimizer, final: { theta: r.theta, loss: r.loss }, history: { loss: r.history.loss } })),
  };
}

function runWarnings(r: RunResult): string[] {
  const who = DISPLAY_NAMES[r.optimizer];
  if (r.diverged) return [`${who}: ${r.divergence!.explanation}`];
  if (r.stopped) return [`${who}: stopped at step ${r.iterations} on request; the numbers are those of that step.`];
  if (!r.converged) return [`${who} used its whole budget of ${r.iterations} steps without reaching ‖∇f‖ below the tolerance.`];
  return [];
}

const thetaName = (objective: Objective) => objective.variables.map(symbolTex).join(', ');

function objectiveStep(objective: Objective, start: number[], fmt: SigFigs): OptimStep {
  const vars = thetaName(objective);
  const g0 = objective.gradient(start);
  const grads = objective.gradientTex.map((g, i) => `\\frac{\\partial f}{\\partial ${symbolTex(objective.variables[i])}} = ${g.length <= LONGEST_SHOWN ? g : `\\text{(${g.length} characters of TeX, not shown)}`}`);
  const custom = objective.name === 'custom';
  return {
    id: 'objective',
    title: 'The objective and its gradient',
    tex: aligned([`f(${vars}) = ${objective.tex}`, ...grads, `\\theta_0 = ${fmt.vecTex(start)},\\quad f(\\theta_0) = ${fmt.tex(objective.value(start))}`]),
    text:
      (custom
        ? `The expression was parsed in a sandbox and differentiated symbolically; the gradient in the same syntax is ${objective.gradientExpressions.map((g, i) => `∂f/∂${objective.variables[i]} = ${g.length <= LONGEST_SHOWN ? g : `(${g.length} characters)`}`).join('; ')}. `
        : `${objective.name[0].toUpperCase()}${objective.name.slice(1)} has a hand-written gradient. `) +
      `θ is ordered (${objective.variables.join(', ')}). At the start θ₀ = ${fmt.tupleText(start)} the gradient is ${fmt.tupleText(g0)}.`,
  };
}

function ruleStep(r: RunResult, fmt: SigFigs): OptimStep {
  const adam = r.optimizer === 'adam' || r.optimizer === 'adamw';
  const notes = adam
    ? 'Adam keeps two exponential moving averages: the first moment m (momentum) and the second moment v (as in RMSprop); AdaGrad is an ancestor, not a part. ' +
      'Both start at 0, so early averages are biased towards 0; dividing by 1 − βᵗ (with the power t) removes that bias. ' +
      'As in torch.optim.Adam, ε is added outside the square root, and the step is scaled by α.' +
      (r.optimizer === 'adamw' ? ' AdamW shrinks θ by (1 − αλ) before the Adam step, separately from the moments (decoupled weight decay).' : '')
    : r.optimizer === 'rmsprop'
      ? 'RMSprop divides each coordinate by the root of a moving average of its squared gradients; as in PyTorch, ε is added outside the square root.'
      : r.optimizer === 'adagrad'
        ? 'AdaGrad divides by the root of the running sum of squared gradients, so its steps only shrink; as in PyTorch, ε is added outside the square root.'
        : r.optimizer === 'sgd' && !(r.hyper.momentum ?? 0)
          ? 'Plain gradient descent: a fixed multiple of the gradient.'
          : 'As in torch.optim.SGD, the momentum buffer is not started at 0: the first buffer is the first gradient.';
  return {
    id: 'rule',
    title: `The ${DISPLAY_NAMES[r.optimizer]} update`,
    tex: aligned(ruleLines(r.optimizer, r.hyper)),
    text: `${notes} Settings: ${Object.entries(r.hyper).map(([k, v]) => `${k} = ${fmt.text(v as number)}`).join(', ')}.`,
    table: hyperTable(r.optimizer, r.hyper, fmt),
  };
}

function handStep(r: RunResult, t: number, objective: Objective, fmt: SigFigs): OptimStep {
  const entry = r.trace[t - 1];
  const prev = t > 1 ? r.trace[t - 2] : undefined;
  const prevTheta = prev?.theta ?? r.start;
  const lines = stepLines({ name: r.optimizer, h: r.hyper, t, prevTheta, entry, prev, fmt });
  let text = `Step ${t}: the gradient at θ${sub(t - 1)} = ${fmt.tupleText(prevTheta)} is ${fmt.tupleText(entry.grad)}; after the update f(θ${sub(t)}) = ${fmt.text(objective.value(entry.theta))}.`;
  if ((r.optimizer === 'adam' || r.optimizer === 'adamw') && t === 1) {
    const eff = effectiveStep(r.hyper, entry);
    text +=
      ` At t = 1 the corrections undo the zero start exactly: m̂₁ = g₁ and v̂₁ = g₁², so each coordinate moves by α·g/(|g| + ε) ≈ α·sign(g), i.e. by ${fmt.text(r.hyper.lr)}, whatever the gradient's size.` +
      ` The per-parameter step sizes α/(√v̂₁ + ε) are ${fmt.tupleText(eff)}.`;
  } else if (r.optimizer === 'adam' || r.optimizer === 'adamw') {
    text += ` Coordinates with a consistently large gradient get a small α/(√v̂ + ε); rarely moved ones a large one.`;
  }
  return { id: `step-${t}`, title: `Step ${t} by hand`, tex: aligned(lines), text };
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => [...String(n)].map((d) => SUBSCRIPT[Number(d)]).join('');

function traceStep(r: RunResult, fmt: SigFigs): OptimStep {
  const adam = r.optimizer === 'adam' || r.optimizer === 'adamw';
  const hasM = r.trace[0].m !== undefined;
  const hasV = r.trace[0].v !== undefined;
  const columns = ['t', 'θₜ', 'gₜ', ...(adam ? ['m̂ₜ', 'v̂ₜ', 'α/(√v̂ₜ + ε)'] : [...(hasM ? ['bₜ (buffer)'] : []), ...(hasV ? ['vₜ'] : [])])];
  const rows = r.trace.map((e) => [
    e.t,
    fmt.tupleText(e.theta),
    fmt.tupleText(e.grad),
    ...(adam ? [fmt.tupleText(e.mHat!), fmt.tupleText(e.vHat!), fmt.tupleText(effectiveStep(r.hyper, e))] : [...(hasM ? [fmt.tupleText(e.m!)] : []), ...(hasV ? [fmt.tupleText(e.v!)] : [])]),
  ]);
  return {
    id: 'trace',
    title: `The first ${r.trace.length} steps`,
    tex: adam ? '\\theta_t = \\theta_{t-1} - \\frac{\\alpha}{\\sqrt{\\hat v_t} + \\epsilon} \\odot \\hat m_t' : aligned(ruleLines(r.optimizer, r.hyper).slice(-1)),
    text: 'Full-precision values are in the JSON trace; the table rounds them.',
    table: { caption: 'Per-step values (θₜ after the update, gₜ = ∇f(θₜ₋₁))', columns, rows },
  };
}

/** A converged run can end on a saddle (Q3): say so, from the Hessian's eigenvalues there. */
function stationaryNote(r: RunResult, objective: Objective, fmt: SigFigs): string {
  if (!r.converged) return '';
  const point = classifyStationary(objective, r.theta);
  if (!point || point.kind === 'minimum') return '';
  const values = point.eigenvalues.map((v) => fmt.text(v)).join(', ');
  return point.kind === 'saddle'
    ? ` But ∇f = 0 is not enough: the Hessian's eigenvalues here are ${values}, of both signs, so this is a saddle point, not a minimum. Exact gradient steps stop at a saddle when they start on (or land on) the directions that lead into it; gradient noise (SGD) or another start escapes.`
    : ` The Hessian's eigenvalues here are ${values}: this stationary point is ${point.kind === 'maximum' ? 'a maximum' : 'degenerate (a zero eigenvalue), so the second-order test cannot classify it'}.`;
}

function runStep(r: RunResult, objective: Objective, fmt: SigFigs): OptimStep {
  const outcome = r.diverged
    ? r.divergence!.explanation
    : r.converged
      ? `Converged after ${r.iterations} steps: ‖∇f‖ = ${fmt.text(r.gradNorm)} is below the tolerance.${stationaryNote(r, objective, fmt)}`
      : r.stopped
        ? `Stopped on request after ${r.iterations} steps.`
        : `After the budget of ${r.iterations} steps ‖∇f‖ = ${fmt.text(r.gradNorm)}.` +
          ((r.optimizer === 'adam' || r.optimizer === 'adamw') && r.iterations >= 100
            ? ' Adam moves each coordinate by about α while its gradient keeps one sign, however small the gradient, so near a minimum it hovers on a scale set by α rather than driving ‖∇f‖ to 0; a decaying α helps.'
            : '');
  const nearest = nearestMinimum(objective, r.theta);
  return {
    id: 'run',
    title: 'The whole run',
    tex: `\\theta_{${r.iterations}} = ${fmt.vecTex(r.theta)},\\quad f(\\theta_{${r.iterations}}) = ${fmt.tex(r.loss)},\\quad \\|\\nabla f\\| = ${fmt.tex(r.gradNorm)}`,
    text:
      `${outcome} Final θ = ${fmt.tupleText(r.theta)}, f = ${fmt.text(r.loss)}.` +
      (nearest ? ` The nearest known minimiser is ${fmt.tupleText(nearest.theta)}, at distance ${fmt.text(nearest.distance)}.` : '') +
      (r.history.x.length < r.iterations + 1 ? ` The plot shows ${r.history.x.length} of the ${r.iterations + 1} losses (evenly spaced); the final numbers are exact.` : ''),
    plot: lossPlot(`${DISPLAY_NAMES[r.optimizer]}: loss per step`, 'step', [{ name: DISPLAY_NAMES[r.optimizer], x: r.history.x, y: r.history.loss }]),
  };
}

function nearestMinimum(objective: Objective, theta: number[]) {
  let best: { theta: number[]; distance: number } | null = null;
  for (const m of objective.minima ?? []) {
    const distance = Math.hypot(...m.theta.map((v, i) => v - theta[i]));
    if (Number.isFinite(distance) && (!best || distance < best.distance)) best = { theta: m.theta, distance };
  }
  return best;
}

/** Without a plane to draw contours on, show each coordinate of θ against the step. */
function parameterTraceStep(objective: Objective, r: RunResult): OptimStep {
  const path = r.history.path ?? [];
  return {
    id: 'parameters',
    title: 'The parameters along the run',
    tex: `\theta_t = (${objective.variables.map(symbolTex).join(', ')})_t`,
    text: `With ${objective.variables.length} variable${objective.variables.length === 1 ? '' : 's'} there is no plane to draw level sets on, so each coordinate of θ is plotted against the step instead (the same points as the loss plot).`,
    plot: {
      type: 'line',
      title: `${DISPLAY_NAMES[r.optimizer]}: θ per step`,
      xLabel: 'step',
      yLabel: 'θ',
      series: objective.variables.map((v, j) => ({ name: v, x: r.history.x.slice(0, path.length), y: path.map((p) => p[j]) })),
    },
  };
}

function trajectoryStep(objective: Objective, runs: RunResult[]): OptimStep {
  const ends = runs.filter((r) => !r.diverged).map((r) => r.theta);
  const region = windowFor(objective.region, [runs[0].start, ...ends]);
  const [xv, yv] = objective.variables;
  const point = new Float64Array(2);
  const plot = contourPlot((x, y) => ((point[0] = x), (point[1] = y), objective.value(point)), region, {
    title: 'Level sets of f and the path of θ',
    xLabel: xv,
    yLabel: yv,
    paths: runs.map((r) => ({ name: DISPLAY_NAMES[r.optimizer], points: r.history.path ?? [] })),
    markers: [{ name: 'start', x: runs[0].start[0], y: runs[0].start[1] }, ...(objective.minima ?? []).map((m) => ({ name: 'minimum', x: m.theta[0], y: m.theta[1] }))],
  });
  return {
    id: 'trajectory',
    title: 'The path over the level sets',
    tex: `\\theta_0 \\to \\theta_1 \\to \\cdots \\to \\theta_T\\ \\text{on the level sets of } f(${symbolTex(xv)}, ${symbolTex(yv)})`,
    text: `Each path is θ every few steps (the same points as the loss plot). ${plot.zScale === 'log' ? 'Levels are spaced logarithmically because f spans several decades.' : ''}`.trim(),
    plot,
  };
}

function compareStep(runs: RunResult[], fmt: SigFigs): OptimStep {
  return {
    id: 'compare',
    title: 'Optimisers compared from the same start',
    tex: '\\text{same } f,\\ \\theta_0 \\text{ and step budget; each with its own default settings unless given}',
    text: runs.map((r) => `${DISPLAY_NAMES[r.optimizer]}: ${r.diverged ? 'diverged' : r.converged ? `converged in ${r.iterations} steps` : `${r.iterations} steps`}, f = ${fmt.text(r.loss)}`).join('; ') + '.',
    table: {
      columns: ['optimizer', 'lr', 'steps', 'outcome', 'final f', 'final θ'],
      rows: runs.map((r) => [DISPLAY_NAMES[r.optimizer], fmt.text(r.hyper.lr), r.iterations, r.diverged ? 'diverged' : r.converged ? 'converged' : r.stopped ? 'stopped' : 'budget used', fmt.text(r.loss), fmt.tupleText(r.theta)]),
    },
    plot: lossPlot('Loss per step', 'step', runs.map((r) => ({ name: DISPLAY_NAMES[r.optimizer], x: r.history.x, y: r.history.loss }))),
  };
}
