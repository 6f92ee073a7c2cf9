/**
 * The `expect` block: the student's answers, keyed like the result JSON
 * ("singularValues", or nested/dotted such as "final.theta" or
 * { "final": { "loss": … } }). At load time every key must name a result
 * field and every string must parse, so a typo shows before anything runs.
 */
import type { ProblemContext } from './context';
import { EXPECT_FIELDS } from './fields';
import { expressionError } from './inputs-nn';
import { parseScalarText } from './scalars';
import { article, didYouMean } from './suggest';
import type { JsonPath, ProblemKind } from './types';

/** Result fields whose values are words, not numbers (compared as text). */
export const WORD_FIELDS = new Set(['name', 'optimizer', 'method', 'range', 'saturates', 'approximate', 'exact', 'expression', 'derivativeTex', 'kind']);

/** One `expect` key: where it is in the file and the result path it names ("final.theta" → ['final', 'theta']). */
export interface ExpectEntry {
  path: JsonPath;
  resultPath: Array<string | number>;
}

export function expectEntries(spec: Record<string, unknown>): ExpectEntry[] {
  const expect = spec.expect;
  if (!expect || typeof expect !== 'object' || Array.isArray(expect)) return [];
  return Object.keys(expect).map((key) => ({ path: ['expect', key], resultPath: splitKey(key) }));
}

/** "trace.1.theta" → ['trace', 1, 'theta']. */
export function splitKey(key: string): Array<string | number> {
  return key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Replaces f(x)/f and σ in a student's f′, so "f + σ(1 - f)" can be compared with the derivative. */
export function expandDerivativeAnswer(answer: string, expression: string): string {
  return answer.replace(/σ/g, 'sigmoid').replace(/\bf\s*\(\s*x\s*\)|\bf\b(?!\s*\()/g, `(${expression})`);
}

export function validateExpect(ctx: ProblemContext, kind: ProblemKind): void {
  const allowed = EXPECT_FIELDS[kind];
  for (const entry of expectEntries(ctx.spec)) {
    const head = String(entry.resultPath[0]);
    if (!allowed.includes(head)) {
      ctx.error(ctx.keyRange(entry.path), 'expect-unknown-field', `${article(kind)} ${kind} result has no field "${head}" to check.${didYouMean(head, allowed)} Fields you can expect: ${allowed.join(', ')}.`);
      continue;
    }
    checkValues(ctx, kind, entry.path, entry.resultPath);
  }
}

function checkValues(ctx: ProblemContext, kind: ProblemKind, path: JsonPath, resultPath: Array<string | number>): void {
  const v = ctx.get(path);
  const last = [...resultPath].reverse().find((p) => typeof p === 'string') as string | undefined;
  if (Array.isArray(v)) return v.forEach((_, i) => checkValues(ctx, kind, [...path, i], [...resultPath, i]));
  if (v && typeof v === 'object') {
    for (const key of Object.keys(v)) checkValues(ctx, kind, [...path, key], [...resultPath, ...splitKey(key)]);
    return;
  }
  if (v === null) return ctx.error(path, 'expect-syntax', 'An expected value cannot be null: write the number you expect, e.g. 1.5 or "sqrt(3)".');
  if (typeof v !== 'string' || (last && WORD_FIELDS.has(last))) return;
  if (kind === 'derivative' && last === 'derivative') {
    const expression = ctx.string(['expression']) ?? 'x';
    const expanded = expandDerivativeAnswer(v, expression);
    const error = expressionError(expanded);
    // An error inside the substituted f cannot be mapped back; point at the whole answer then.
    if (error) ctx.error(expanded === v ? ctx.rangeInString(path, error.offset, error.length) : path, 'expect-syntax', `Your derivative does not parse: ${error.message}`);
    return;
  }
  const parsed = parseScalarText(v);
  if (!parsed.ok) ctx.error(ctx.rangeInString(path, parsed.offset, parsed.length), 'expect-syntax', `${parsed.message} Write a number or an exact form such as "sqrt(3)", "(37+sqrt(565))/2" or "1/sqrt(2)".`);
}
