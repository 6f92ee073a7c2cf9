/**
 * Numbers as a student writes them in a problem file: JSON numbers, or
 * strings with exact forms ("sqrt(3)", "(37+sqrt(565))/2", "1/sqrt(2)").
 * Strings go through the matrix reader's closed recursive-descent
 * evaluator (src/core/parse/scalar.ts): no eval, no mathjs, bounded depth.
 */
import { isMdlError, type MdlError } from '../errors';
import { evaluateCell, type Scalar } from '../parse/scalar';
import type { ProblemContext } from './context';
import type { JsonPath } from './types';

export type ParsedScalar = { ok: true; value: number; exact: Scalar['exact'] } | { ok: false; message: string; offset: number; length: number };

/** Evaluates a number-or-expression string. Never throws. */
export function parseScalarText(text: string): ParsedScalar {
  try {
    const s = evaluateCell(text, 0, text.length, { row: 1, col: 1 });
    return { ok: true, value: s.value, exact: s.exact };
  } catch (e) {
    if (!isMdlError(e)) throw e;
    return { ok: false, message: cellFree(e), offset: e.position?.offset ?? 0, length: e.position?.length ?? text.length };
  }
}

/** The reader's messages name a matrix cell; in a problem file the diagnostic already points at the value. */
function cellFree(e: MdlError): string {
  return e.message
    .replace(/ \(row 1, column 1\)/g, '')
    .replace(/ in row 1, column 1/g, '')
    .replace(/^The entry is empty\.$/, 'The value is empty: write a number such as 1.5 or an exact form such as "sqrt(3)".');
}

/**
 * The number at `path` (a JSON number or an expression string), with its
 * exact rational value when it has one. Reports and returns undefined otherwise.
 */
export function readScalar(ctx: ProblemContext, path: JsonPath, what: string): { value: number; exact: Scalar['exact'] } | undefined {
  const v = ctx.get(path);
  if (typeof v === 'number') {
    // The literal as written gives the exact value: 0.1 is 1/10, not the double nearest it.
    const raw = ctx.raw(path);
    const parsed = raw ? parseScalarText(raw) : null;
    return { value: v, exact: parsed?.ok ? parsed.exact : null };
  }
  if (typeof v === 'string') {
    const parsed = parseScalarText(v);
    if (parsed.ok) return parsed;
    ctx.error(ctx.rangeInString(path, parsed.offset, parsed.length), 'data-invalid', `${what}: ${parsed.message}`);
    return undefined;
  }
  ctx.error(path, 'wrong-type', `${what} must be a number (or a string such as "sqrt(2)"), not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}.`);
  return undefined;
}

/** An array of plain numbers at `path`; each bad element is reported on its own range. */
export function readNumbers(ctx: ProblemContext, path: JsonPath, what: string, options: { min?: number; exactly?: number } = {}): number[] | undefined {
  const v = ctx.get(path);
  if (!Array.isArray(v)) {
    ctx.error(path, 'wrong-type', `${what} must be an array of numbers, e.g. [1, 2, 3].`);
    return undefined;
  }
  let ok = true;
  v.forEach((x, i) => {
    if (typeof x !== 'number') {
      ok = false;
      const hint = typeof x === 'string' && Number.isFinite(Number(x)) ? ` Write ${x} without quotes.` : '';
      ctx.error([...path, i], 'wrong-type', `${what}: entry ${i + 1} must be a number.${hint}`);
    }
  });
  if (!ok) return undefined;
  if (options.exactly !== undefined && v.length !== options.exactly) {
    ctx.error(path, 'data-invalid', `${what} needs exactly ${options.exactly} numbers; it has ${v.length}.`);
    return undefined;
  }
  if (options.min !== undefined && v.length < options.min) {
    ctx.error(path, 'data-invalid', `${what} needs at least ${options.min} number${options.min > 1 ? 's' : ''}; it has ${v.length}.`);
    return undefined;
  }
  return v as number[];
}

/** The most common length among arrays: the reference a ragged row is measured against. */
export function typicalLength(lengths: number[]): number {
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  let best = lengths[0] ?? 0;
  for (const [n, c] of counts) if (c > (counts.get(best) ?? 0)) best = n;
  return best;
}

/** Short, stable text for a number in a message: 0.0909, 22, 1.5e-7. */
export function shortNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  return String(Number(x.toPrecision(digits)));
}

/** x rounded *down* to `digits` significant figures: a bound quoted as "use lr < b" must itself satisfy it. */
export function floorSignificant(x: number, digits = 3): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const scale = 10 ** (Math.floor(Math.log10(x)) - digits + 1);
  return Number((Math.floor(x / scale + 1e-9) * scale).toPrecision(digits));
}
