/**
 * Semantic checks of one problem. Validating is preparing a run and
 * throwing the input away: the readers report every problem they meet, so
 * the editor, `mdl check` and `mdl run` can never disagree about a file.
 */
import type { ProblemContext } from './context';
import { svdInput, pcaInput } from './inputs-linalg';
import { activationInput, crossEntropyInput, derivativeInput, zigzagInput } from './inputs-nn';
import { gdCompareInput, gdInput, optimizeInput } from './inputs-optim';
import type { ProblemKind } from './types';

/** The prepared input of each kind, as the runner consumes it. */
export const INPUT_READERS = {
  svd: svdInput,
  pca: pcaInput,
  optimize: optimizeInput,
  gd: gdInput,
  'gd-compare': gdCompareInput,
  'cross-entropy': crossEntropyInput,
  activation: activationInput,
  'sigmoid-zigzag': zigzagInput,
  derivative: derivativeInput,
} satisfies Record<ProblemKind, (ctx: ProblemContext) => unknown>;

export function validateProblem(ctx: ProblemContext, kind: ProblemKind): void {
  readTolerance(ctx);
  INPUT_READERS[kind](ctx);
}

export interface Tolerance {
  rel: number;
  abs: number;
  /** True when the file set it: then it is used as given, with no allowance for rounding. */
  explicit: boolean;
}

export const DEFAULT_TOLERANCE: Tolerance = { rel: 1e-6, abs: 1e-9, explicit: false };

/** "tolerance": 1e-4 (both relative and absolute) or { "rel": 1e-4, "abs": 1e-6 }. */
export function readTolerance(ctx: ProblemContext): Tolerance {
  const t = ctx.get(['tolerance']);
  if (t === undefined) return DEFAULT_TOLERANCE;
  if (typeof t === 'number') {
    if (t >= 0) return { rel: t, abs: t, explicit: true };
    ctx.error(['tolerance'], 'out-of-range', `tolerance must be ≥ 0, not ${t}.`);
    return DEFAULT_TOLERANCE;
  }
  if (!t || typeof t !== 'object' || Array.isArray(t)) return DEFAULT_TOLERANCE;
  const out = { ...DEFAULT_TOLERANCE, explicit: true };
  for (const [key, value] of Object.entries(t)) {
    if (key !== 'rel' && key !== 'abs') {
      ctx.error(ctx.keyRange(['tolerance', key]), 'unknown-field', `tolerance has "rel" (relative) and "abs" (absolute), not "${key}".`);
    } else if (typeof value !== 'number' || !(value >= 0)) {
      ctx.error(['tolerance', key], 'out-of-range', `tolerance.${key} must be a number ≥ 0.`);
    } else out[key] = value;
  }
  return out;
}
