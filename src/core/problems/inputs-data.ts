/**
 * Data sets of the regression problems: { "x": […], "y": […] } or
 * { "generate": { "n": 200, "noise": 0.5, "seed": 7 } }, checked value by
 * value, and the L of linear regression that bounds a stable step.
 */
import { eigen2x2, generateLinearData, type ClassificationData, type Dataset, type GenerateOptions } from '../optim';
import type { ProblemContext } from './context';
import { GENERATE_FIELDS } from './fields';
import { readNumbers } from './scalars';
import { didYouMean } from './suggest';
import type { JsonPath } from './types';

export interface RegressionData {
  data?: Dataset;
  generate?: GenerateOptions;
  /** The data either way (generated from the seed when asked), for L and the run. */
  resolved: Dataset;
}

/**
 * L = λ_max((2/N)XᵀX) = λ_max(2·[[1, x̄], [x̄, mean(x²)]]), exactly as linreg.ts computes it,
 * without building the model (which also writes out the loss as text, slow for a million points).
 */
export function regressionLipschitz(data: Dataset): number {
  const n = data.x.length;
  let mx = 0;
  let mxx = 0;
  for (const x of data.x) {
    mx += x;
    mxx += x * x;
  }
  return eigen2x2(2, (2 * mx) / n, (2 * mxx) / n)[0];
}

/** Generating a million points on every keystroke would stall the editor; the same seed gives the same data. */
const generated = new Map<string, Dataset>();
function generateCached(o: GenerateOptions): Dataset {
  const key = JSON.stringify(o);
  let d = generated.get(key);
  if (!d) {
    d = generateLinearData(o);
    if (generated.size > 8) generated.delete(generated.keys().next().value!);
    generated.set(key, d);
  }
  return d;
}

/** { "x": […], "y": […] } or { "generate": { "n": 200, "noise": 0.5, "seed": 7 } }. */
export function readRegressionData(ctx: ProblemContext): RegressionData | undefined {
  const v = ctx.get(['data']);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const d = v as Record<string, unknown>;
  if (!checkKeys(ctx, ['data'], d, ['x', 'y', 'generate'])) return undefined;
  if ('generate' in d) {
    if ('x' in d || 'y' in d) {
      ctx.error(ctx.keyRange(['data', 'generate']), 'data-invalid', 'Give the data either as "x" and "y" or as "generate", not both.');
      return undefined;
    }
    const generate = readGenerate(ctx);
    return generate && { generate, resolved: generateCached(generate) };
  }
  const xy = readXY(ctx);
  return xy && { data: xy, resolved: xy };
}

function readXY(ctx: ProblemContext): Dataset | undefined {
  for (const k of ['x', 'y']) {
    if (!ctx.has(['data', k])) {
      ctx.error(['data'], 'missing-field', `data needs "${k}": e.g. "data": { "x": [1, 2, 3, 4, 5], "y": [2.1, 3.9, 6.2, 8.1, 9.8] }, or "generate": { "n": 200 }.`);
      return undefined;
    }
  }
  const x = readNumbers(ctx, ['data', 'x'], 'x', { min: 1 });
  const y = readNumbers(ctx, ['data', 'y'], 'y', { min: 1 });
  if (!x || !y) return undefined;
  if (x.length !== y.length) {
    const [short, long] = x.length < y.length ? ['x', 'y'] : ['y', 'x'];
    const n = Math.min(x.length, y.length);
    ctx.error(['data', short], 'data-invalid', `${short} has ${n} value${n === 1 ? '' : 's'} but ${long} has ${Math.max(x.length, y.length)}: give one y for every x.`);
    return undefined;
  }
  return { x, y };
}

function readGenerate(ctx: ProblemContext): GenerateOptions | undefined {
  const g = ctx.get(['data', 'generate']);
  if (!g || typeof g !== 'object' || Array.isArray(g)) {
    ctx.error(['data', 'generate'], 'wrong-type', 'generate must be an object, e.g. { "n": 200, "noise": 0.5, "seed": 7 }.');
    return undefined;
  }
  const gen = g as Record<string, unknown>;
  if (!checkKeys(ctx, ['data', 'generate'], gen, GENERATE_FIELDS)) return undefined;
  let ok = true;
  for (const k of Object.keys(gen)) {
    if (typeof gen[k] !== 'number' || !Number.isFinite(gen[k])) {
      ok = false;
      ctx.error(['data', 'generate', k], 'wrong-type', `generate.${k} must be a number.`);
    }
  }
  if (!ok) return undefined;
  const o = gen as GenerateOptions;
  const fail = (k: string, message: string) => {
    ok = false;
    ctx.error(['data', 'generate', k], 'out-of-range', message);
  };
  if (o.n !== undefined && !(Number.isInteger(o.n) && o.n >= 1 && o.n <= 1_000_000)) fail('n', `n must be a whole number from 1 to 1 000 000, not ${o.n}.`);
  if (o.noise !== undefined && o.noise < 0) fail('noise', `noise is a standard deviation and must be ≥ 0, not ${o.noise}.`);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) fail('seed', `seed must be a whole number, not ${o.seed}.`);
  if ((o.xMin ?? -1) >= (o.xMax ?? 1)) fail(o.xMin !== undefined ? 'xMin' : 'xMax', `xMin (${o.xMin ?? -1}) must be below xMax (${o.xMax ?? 1}).`);
  return ok ? o : undefined;
}

export function readClassificationData(ctx: ProblemContext): ClassificationData | undefined {
  const d = ctx.get(['data']) as Record<string, unknown>;
  if (!d || typeof d !== 'object' || !checkKeys(ctx, ['data'], d, ['x', 'y'])) return undefined;
  const y = readNumbers(ctx, ['data', 'y'], 'y (labels 0 or 1)', { min: 1 });
  const bad = y?.findIndex((v) => v !== 0 && v !== 1) ?? -1;
  if (y && bad >= 0) ctx.error(['data', 'y', bad], 'data-invalid', `Label ${bad + 1} is ${y[bad]}; logistic regression needs labels 0 or 1.`);
  const x = d.x;
  if (!Array.isArray(x)) {
    ctx.error(ctx.has(['data', 'x']) ? ['data', 'x'] : ['data'], 'data-invalid', 'data needs "x": one number per example, or one array of features per example.');
    return undefined;
  }
  return y && bad < 0 ? { x: x as number[] | number[][], y } : undefined;
}

function checkKeys(ctx: ProblemContext, path: JsonPath, value: Record<string, unknown>, allowed: readonly string[]): boolean {
  let ok = true;
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    ok = false;
    ctx.error(ctx.keyRange([...path, key]), 'unknown-field', `${path.join('.')} has no field "${key}".${didYouMean(key, allowed)} Its fields are ${allowed.join(', ')}.`);
  }
  return ok;
}
