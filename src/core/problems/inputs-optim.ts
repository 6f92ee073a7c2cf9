/**
 * optimize, gd and gd-compare problems → the optim module's inputs, with
 * the checks a schema cannot make: the objective parses (error at its
 * column), `start` names exactly the objective's variables, the
 * hyperparameters are in range and apply to the chosen optimizer, and a
 * fixed step that must diverge is caught before the run, with its bound.
 */
import { isMdlError } from '../errors';
import { DEFAULTS, customObjective, getObjective, isBuiltin, linearRegression, logisticRegression, parseExpression, spectralNorm, type Objective, type OptimizerName, type OptimizerSettings } from '../optim';
import type { ProblemContext } from './context';
import { COMPARE_METHODS, OBJECTIVE_NAMES } from './fields';
import { readClassificationData, readRegressionData, regressionLipschitz, type RegressionData } from './inputs-data';
import { floorSignificant, readNumbers, shortNumber } from './scalars';
import { closest, didYouMean } from './suggest';
import type { JsonPath } from './types';

/** The run loop's own limit would take minutes in an editor; refuse above it. */
const MAX_STEPS = 10_000_000;

export interface OptimizeProblemInput {
  /** The objective as written: a built-in name, a regression model or an expression. */
  objective: Objective;
  objectiveText: string;
  kappa?: number;
  start: number[];
  optimizer: OptimizerName;
  settings: OptimizerSettings;
  steps?: number;
  tol?: number;
  compare: OptimizerName[];
}

export function optimizeInput(ctx: ProblemContext): OptimizeProblemInput | undefined {
  const text = ctx.string(['objective']);
  const optimizer = (ctx.string(['optimizer']) ?? 'adam') as OptimizerName;
  const settings = optimizerSettings(ctx, optimizer);
  const steps = stepCount(ctx, ['steps']);
  const tol = nonNegative(ctx, ['tol'], 'tol (the gradient-norm tolerance)');
  const compare = listOr(ctx.get(['compare']), []).filter((c) => typeof c === 'string') as OptimizerName[];
  warnDuplicates(ctx, ['compare'], compare, optimizer);
  const kappa = ctx.number(['kappa']);
  if (kappa !== undefined && !(kappa > 0)) ctx.error(['kappa'], 'out-of-range', `kappa (the condition number of the quadratic) must be positive, not ${kappa}.`);
  if (ctx.has(['kappa']) && text?.trim() !== 'quadratic') ctx.warning(ctx.keyRange(['kappa']), 'unknown-field', `kappa only applies to the "quadratic" objective; ${text ? `"${text}"` : 'this objective'} ignores it.`);
  if (text === undefined) return undefined;
  const objective = readObjective(ctx, text, kappa !== undefined && kappa > 0 ? kappa : undefined);
  if (!objective) return undefined;
  const start = readStart(ctx, objective);
  if (!start || !settings) return undefined;
  if (optimizer === 'sgd' && !(settings.momentum ?? 0)) {
    const L = knownLipschitz(objective);
    if (L) checkStepSize(ctx, settings.lr ?? DEFAULTS.sgd.lr, ctx.has(['lr']) ? ['lr'] : ['optimizer'], L.value, L.reason);
  }
  if (steps === null || tol === null) return undefined;
  return { objective, objectiveText: text, kappa, start, optimizer, settings, steps, tol, compare };
}

/** A built-in, a regression model on `data`, or a sandboxed expression (its error at the column it occurs). */
function readObjective(ctx: ProblemContext, text: string, kappa: number | undefined): Objective | undefined {
  const name = text.trim();
  if (name === 'linear-regression' || name === 'logistic-regression') {
    if (!ctx.has(['data'])) {
      ctx.error(['objective'], 'missing-field', `The ${name} objective needs a data set: add "data": { "x": [1, 2, 3], "y": [${name === 'linear-regression' ? '2, 4, 6' : '0, 1, 1'}] }.`);
      return undefined;
    }
    if (name === 'linear-regression') {
      const data = readRegressionData(ctx);
      return data && linearRegression(data.resolved);
    }
    const data = readClassificationData(ctx);
    return data && tryBuild(ctx, ['data'], () => logisticRegression(data));
  }
  if (ctx.has(['data'])) ctx.warning(ctx.keyRange(['data']), 'unknown-field', `data is only used by the linear-regression and logistic-regression objectives; "${name}" ignores it.`);
  if (isBuiltin(name)) return getObjective(name, { kappa });
  // A lone word is a misspelt name, not a one-variable objective f = word (which has no minimum).
  if (/^[A-Za-z][A-Za-z_-]*$/.test(name) && (closest(name, OBJECTIVE_NAMES) || name.includes('-'))) {
    ctx.error(['objective'], 'unknown-value', `Unknown objective "${name}".${didYouMean(name, OBJECTIVE_NAMES)} The built-ins are ${OBJECTIVE_NAMES.join(', ')}; anything else is read as an expression such as "x^2 + 10*y^2".`);
    return undefined;
  }
  try {
    if (parseExpression(text).variables.length === 0) {
      ctx.error(['objective'], 'objective-syntax', 'The objective has no variables, so there is nothing to optimise: write it in variables such as x and y, e.g. "x^2 + 10*y^2".');
      return undefined;
    }
    return cachedCustom(text);
  } catch (e) {
    if (!isMdlError(e)) throw e;
    const where = e.position ? ctx.rangeInString(['objective'], e.position.offset, e.position.length ?? 1) : ['objective'];
    ctx.error(where, 'objective-syntax', `The objective does not parse: ${e.message}`);
    return undefined;
  }
}

/** Symbolic differentiation costs milliseconds; the editor re-validates on every keystroke. */
const customCache = new Map<string, Objective>();
function cachedCustom(text: string): Objective {
  let o = customCache.get(text);
  if (!o) {
    o = customObjective(text);
    if (customCache.size > 32) customCache.delete(customCache.keys().next().value!);
    customCache.set(text, o);
  }
  return o;
}

/** θ₀ by position (variables sorted by name) or by name; every variable given once and only those. */
function readStart(ctx: ProblemContext, objective: Objective): number[] | undefined {
  const vars = objective.variables;
  const listed = vars.join(', ');
  const v = ctx.get(['start']);
  if (v === undefined) return objective.defaultStart ? [...objective.defaultStart] : vars.map(() => 0);
  if (Array.isArray(v)) {
    const values = readNumbers(ctx, ['start'], 'start');
    if (!values) return undefined;
    if (values.length !== vars.length) {
      ctx.error(['start'], 'start-length', `start has ${values.length} number${values.length === 1 ? '' : 's'} but the objective has ${vars.length} variable${vars.length === 1 ? '' : 's'} (${listed}, in this order: sorted by name). Give ${vars.length}, or write start by name: { ${vars.map((x) => `"${x}": 0`).join(', ')} }.`);
      return undefined;
    }
    return values;
  }
  if (!v || typeof v !== 'object') return undefined;
  const named = v as Record<string, unknown>;
  let ok = true;
  for (const key of Object.keys(named)) {
    if (!vars.includes(key)) {
      ok = false;
      ctx.error(ctx.keyRange(['start', key]), 'start-unused-variable', `start gives "${key}", which the objective does not use.${didYouMean(key, vars)} Its variables are ${listed}.`);
    } else if (typeof named[key] !== 'number') {
      ok = false;
      ctx.error(['start', key], 'wrong-type', `start.${key} must be a number.`);
    }
  }
  const missing = vars.filter((x) => !(x in named));
  if (missing.length) {
    ok = false;
    ctx.error(['start'], 'start-missing-variable', `start does not give ${missing.map((m) => `"${m}"`).join(', ')}, which the objective uses: add ${missing.map((m) => `"${m}": 0`).join(', ')}.`);
  }
  return ok ? vars.map((x) => named[x] as number) : undefined;
}

/** The settings the optimizer takes, range-checked; the ones it does not take are flagged and dropped. */
function optimizerSettings(ctx: ProblemContext, optimizer: OptimizerName): OptimizerSettings | undefined {
  // An unknown optimizer is reported by the loader; there are no settings to check against.
  if (!Object.hasOwn(DEFAULTS, optimizer)) return undefined;
  const takes = Object.keys(DEFAULTS[optimizer]);
  const settings: OptimizerSettings = {};
  let ok = true;
  const users: Record<string, string> = { lr: 'every optimizer', beta1: 'adam and adamw', beta2: 'adam and adamw', eps: 'adam, adamw, rmsprop and adagrad', momentum: 'sgd, momentum and nesterov', alpha: 'rmsprop', weightDecay: 'every optimizer' };
  for (const key of ['lr', 'beta1', 'beta2', 'eps', 'momentum', 'alpha', 'weightDecay'] as const) {
    const value = ctx.number([key]);
    if (value === undefined) continue;
    if (!takes.includes(key)) {
      ctx.warning(ctx.keyRange([key]), 'unknown-field', `${key} applies to ${users[key]}; ${optimizer} ignores it.`);
      continue;
    }
    const problem = settingProblem(key, value, optimizer);
    if (problem) {
      ok = false;
      ctx.error([key], problem.code, problem.message);
    } else settings[key] = value;
  }
  return ok ? settings : undefined;
}

function settingProblem(key: string, v: number, optimizer: OptimizerName): { code: 'lr-not-positive' | 'beta-range' | 'out-of-range'; message: string } | null {
  switch (key) {
    case 'lr':
      return v > 0 ? null : { code: 'lr-not-positive', message: lrMessage(v, DEFAULTS[optimizer].lr) };
    case 'beta1':
    case 'beta2':
      return v >= 0 && v < 1 ? null : { code: 'beta-range', message: `${key} = ${v} is outside [0, 1): it is the decay rate of a moving average (β = 1 would never update it). The usual value is ${key === 'beta1' ? '0.9' : '0.999'}.` };
    case 'alpha':
      return v >= 0 && v < 1 ? null : { code: 'out-of-range', message: `alpha = ${v} is outside [0, 1): it is RMSprop's smoothing constant; the usual value is 0.99.` };
    case 'eps':
      return v >= 0 ? null : { code: 'out-of-range', message: `eps must be ≥ 0 (it keeps the denominator away from 0); the usual value is 1e-8.` };
    case 'momentum':
      return v >= 0 && (optimizer !== 'nesterov' || v > 0) ? null : { code: 'out-of-range', message: `momentum must be ${optimizer === 'nesterov' ? '> 0 for nesterov' : '≥ 0'}; the usual value is 0.9.` };
    case 'weightDecay':
      return v >= 0 ? null : { code: 'out-of-range', message: 'weightDecay must be ≥ 0.' };
  }
  return null;
}

const lrMessage = (v: number, usual: number) => `lr must be positive: each step moves against the gradient by lr·∇f, and lr = ${v} ${v === 0 ? 'never moves' : 'climbs uphill'}. Try ${usual}.`;

/** L where it is known exactly: a constant Hessian (quadratics, linear regression), not a sampled estimate. */
export function knownLipschitz(objective: Objective): { value: number; reason: string } | undefined {
  if (objective.lipschitz) return { value: objective.lipschitz.L, reason: objective.lipschitz.reason };
  if (objective.name !== 'custom' || !objective.hessian) return undefined;
  // A quadratic expression has the same Hessian everywhere; three unrelated points show it.
  const d = objective.variables.length;
  const points = [0.37, -1.21, 2.9].map((s) => Array.from({ length: d }, (_, i) => s * (i + 1.3)));
  let H: number[][];
  try {
    const hs = points.map((p) => objective.hessian!(p));
    if (!hs.every((h) => h.flat().every(Number.isFinite))) return undefined;
    if (!hs.every((h) => h.every((row, i) => row.every((x, j) => Math.abs(x - hs[0][i][j]) <= 1e-12 * (1 + Math.abs(x)))))) return undefined;
    H = hs[0];
  } catch {
    return undefined;
  }
  return { value: spectralNorm(H), reason: 'the Hessian is constant (the objective is quadratic), so L is its largest |eigenvalue|' };
}

/** η ≥ 2/L: along the top eigenvector the error is multiplied by |1 − ηL| ≥ 1 every step. */
export function checkStepSize(ctx: ProblemContext, lr: number, where: JsonPath, L: number, reason: string, who = 'gradient descent'): void {
  if (!(L > 0) || !Number.isFinite(L) || !(lr > 0) || lr < 2 / L) return;
  const bound = shortNumber(floorSignificant(2 / L));
  const factor = shortNumber(1 - lr * L).replace('-', '−');
  ctx.warning(where, 'lr-diverges', `lr = ${lr} ≥ 2/L = ${bound} (L = ${shortNumber(L)}): ${who} diverges on this problem; use lr < ${bound}. (${reason[0].toUpperCase()}${reason.slice(1)}; along its top eigenvector every step multiplies the error by 1 − lr·L = ${factor}.)`);
}

/* ---------- gd and gd-compare ---------- */

export interface GdProblemInput extends RegressionData {
  eta: number;
  start: [number, number];
  steps?: number;
  tol?: number;
}

export function gdInput(ctx: ProblemContext): GdProblemInput | undefined {
  const data = readRegressionData(ctx);
  const eta = learningRate(ctx, 0.001);
  const start = readInit(ctx);
  const steps = stepCount(ctx, ['steps']);
  const tol = nonNegative(ctx, ['tol'], 'tol (the gradient-norm tolerance)');
  if (!data || eta === undefined || !start || steps === null || tol === null) return undefined;
  const L = regressionLipschitz(data.resolved);
  checkStepSize(ctx, eta, ctx.has(['lr']) ? ['lr'] : ['kind'], L, 'L is the largest eigenvalue of the Hessian (2/N)XᵀX, X with a column of ones');
  return { ...data, eta, start, steps, tol };
}

export interface GdCompareProblemInput extends RegressionData {
  eta: number;
  epochs?: number;
  batchSize?: number;
  seed?: number;
  start: [number, number];
  methods: Array<(typeof COMPARE_METHODS)[number]>;
}

export function gdCompareInput(ctx: ProblemContext): GdCompareProblemInput | undefined {
  const data = readRegressionData(ctx);
  const eta = learningRate(ctx, 0.05);
  const start = readInit(ctx);
  const epochs = stepCount(ctx, ['epochs']);
  const batchSize = ctx.number(['batchSize']);
  if (batchSize !== undefined && batchSize < 1) ctx.error(['batchSize'], 'out-of-range', `batchSize must be at least 1 (examples per mini-batch step), not ${batchSize}.`);
  const methods = listOr(ctx.get(['methods']), [...COMPARE_METHODS]).filter((m) => (COMPARE_METHODS as readonly string[]).includes(m as string)) as GdCompareProblemInput['methods'];
  warnDuplicates(ctx, ['methods'], methods);
  if (ctx.has(['methods']) && methods.length === 0) ctx.error(['methods'], 'out-of-range', 'methods is empty: list at least one of "batch", "sgd", "minibatch".');
  if (!data || eta === undefined || !start || epochs === null || (batchSize !== undefined && batchSize < 1) || methods.length === 0) return undefined;
  const n = data.resolved.x.length;
  if (batchSize !== undefined && batchSize >= n) ctx.warning(['batchSize'], 'out-of-range', `batchSize = ${batchSize} ≥ N = ${n}: every mini-batch is then the whole data set, the same as batch gradient descent. Use a batchSize between 2 and ${Math.max(2, n - 1)}.`);
  const L = regressionLipschitz(data.resolved);
  checkStepSize(ctx, eta, ctx.has(['lr']) ? ['lr'] : ['kind'], L, 'L is the largest eigenvalue of the Hessian (2/N)XᵀX, X with a column of ones', 'batch gradient descent');
  return { ...data, eta, start, epochs, batchSize, seed: ctx.number(['seed']), methods };
}

function learningRate(ctx: ProblemContext, usual: number): number | undefined {
  const lr = ctx.number(['lr']);
  if (lr === undefined) return ctx.has(['lr']) ? undefined : usual;
  if (lr > 0) return lr;
  ctx.error(['lr'], 'lr-not-positive', lrMessage(lr, usual));
  return undefined;
}

function readInit(ctx: ProblemContext): [number, number] | undefined {
  if (!ctx.has(['init'])) return [0, 0];
  const init = readNumbers(ctx, ['init'], 'init (the starting [w0, w1])', { exactly: 2 });
  return init && [init[0], init[1]];
}

/** undefined when absent, null when invalid (already reported). */
function stepCount(ctx: ProblemContext, path: JsonPath): number | undefined | null {
  const v = ctx.number(path);
  if (v === undefined) return ctx.has(path) ? null : undefined;
  const name = String(path[path.length - 1]);
  if (v < 1) {
    ctx.error(path, 'steps-not-positive', `${name} must be at least 1, not ${v}: with no ${name === 'epochs' ? 'passes over the data' : 'steps'} nothing is optimised.`);
    return null;
  }
  if (v > MAX_STEPS) {
    ctx.error(path, 'out-of-range', `${name} = ${v} is more than the ${MAX_STEPS.toLocaleString('en-US')} a run may take; lower it.`);
    return null;
  }
  return v;
}

function nonNegative(ctx: ProblemContext, path: JsonPath, what: string): number | undefined | null {
  const v = ctx.number(path);
  if (v === undefined) return ctx.has(path) ? null : undefined;
  if (v >= 0) return v;
  ctx.error(path, 'out-of-range', `${what} must be ≥ 0, not ${v}.`);
  return null;
}

function warnDuplicates(ctx: ProblemContext, path: JsonPath, names: string[], main?: string): void {
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) ctx.warning([...path, i], 'out-of-range', `"${n}" is listed twice; it runs once.`);
    else if (n === main) ctx.info([...path, i], 'out-of-range', `"${n}" is already the main optimizer; the comparison shows it with its default settings.`);
  });
}

/** The array at a field, or the default when it is absent or not an array (the loader reports the wrong type). */
function listOr(v: unknown, otherwise: unknown[]): unknown[] {
  return Array.isArray(v) ? v : otherwise;
}

/** The model constructors throw MdlErrors for bad shapes; report them on the data. */
function tryBuild<T>(ctx: ProblemContext, path: JsonPath, build: () => T): T | undefined {
  try {
    return build();
  } catch (e) {
    if (!isMdlError(e)) throw e;
    ctx.error(path, 'data-invalid', e.message);
    return undefined;
  }
}
