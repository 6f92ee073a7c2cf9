/**
 * What every fuzz case must end in: a result that keeps its parser's
 * contract, or a typed error that says where and what. Anything else —
 * another exception, a malformed result, a message with no place to point
 * at — is a FuzzFailure.
 */
import { MdlError, positionAt, type ErrorCode } from '../../src/core/errors';
import type { ParsedMatrix, Rational } from '../../src/core/parse';
import type { ParsedDataset } from '../../src/core/parse/dataset';
import type { LoadResult, SourceRange } from '../../src/core/problems';
import { PROBLEM_KINDS } from '../../src/core/problems';

export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new FuzzFailure(message);
}

const ERROR_CODES: ReadonlySet<ErrorCode> = new Set(['empty', 'syntax', 'ragged', 'non-numeric', 'non-finite', 'too-large', 'invalid-argument', 'unsupported']);

/** The parsers' backstops: reaching one means an internal exception was swallowed, which is a bug. */
const BACKSTOP = /^The selection could not be read as a (matrix|dataset)\.$/;

/** One line about a thrown value, for a failure report. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return `non-Error thrown: ${String(e)}`;
}

/** A message is for a student: not empty, and no `undefined` or `[object Object]` leaking out of the code (quoted input aside). */
export function checkMessage(message: unknown, what: string, input = ''): void {
  expect(typeof message === 'string' && message.trim().length > 0, `${what}: empty message`);
  const own = message.replace(/`[^`]*`|“[^”]*”|"[^"]*"/g, '');
  // Words the input itself holds may be quoted without quotes (`Unknown function NaN2()`).
  const leaks = ['undefined', '[object ', 'NaN'].filter((w) => own.includes(w) && !input.includes(w.trim()));
  expect(leaks.length === 0, `${what}: message leaks internals: ${message}`);
}

/**
 * An MdlError with a known code, a message, and a position inside `text`
 * (line and column agreeing with the offset). Errors about the input as a
 * whole — empty, over the size limit — carry no position by contract
 * (the extension then shows the message without a "Go to problem").
 */
export function checkMdlError(e: unknown, text: string, positionless: ReadonlySet<ErrorCode>): MdlError {
  if (!(e instanceof MdlError)) throw new FuzzFailure(`threw something other than MdlError: ${describeThrown(e)}`);
  expect(ERROR_CODES.has(e.code), `unknown error code ${String(e.code)}`);
  checkMessage(e.message, `MdlError(${e.code})`, text);
  expect(!BACKSTOP.test(e.message), 'an internal exception reached the backstop');
  expect(typeof e.describe() === 'string', 'describe() failed');
  const p = e.position;
  if (p) {
    expect(Number.isInteger(p.offset) && p.offset >= 0 && p.offset <= text.length, `position offset ${p.offset} outside [0, ${text.length}]`);
    const where = positionAt(text, p.offset);
    expect(p.line === where.line && p.column === where.column, `line/column ${p.line}:${p.column} disagree with offset ${p.offset} (${where.line}:${where.column})`);
    expect(p.length === undefined || (Number.isInteger(p.length) && p.length >= 1 && p.offset + p.length <= text.length + 1), `bad span length ${p.length} at ${p.offset}`);
  } else {
    expect(positionless.has(e.code), `MdlError(${e.code}) without a position: ${e.message}`);
  }
  if (e.cell) expect(Number.isInteger(e.cell.row) && e.cell.row >= 1 && Number.isInteger(e.cell.col) && e.cell.col >= 1, 'bad cell position');
  return e;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

function checkExact(x: Rational | null, where: string): void {
  if (x === null) return;
  expect(typeof x.num === 'bigint' && typeof x.den === 'bigint' && x.den > 0n, `${where}: exact value is not a rational with a positive denominator`);
  expect(gcd(x.num, x.den) === 1n, `${where}: exact value ${x.num}/${x.den} is not reduced`);
}

/** rows × cols finite doubles (no −0), exact cells reduced, within the entry limit. */
function checkGrid(values: number[][], exact: Array<Array<Rational | null>>, rows: number, cols: number, what: string): void {
  expect(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= 1, `${what}: bad dimensions ${rows}×${cols}`);
  expect(values.length === rows && exact.length === rows, `${what}: ${values.length} value rows, ${exact.length} exact rows, for ${rows} rows`);
  for (let i = 0; i < rows; i++) {
    expect(values[i].length === cols && exact[i].length === cols, `${what}: row ${i + 1} has ${values[i].length} entries, not ${cols}`);
    for (let j = 0; j < cols; j++) {
      const v = values[i][j];
      expect(typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0), `${what}: entry (${i + 1}, ${j + 1}) = ${v} is not a finite double`);
      checkExact(exact[i][j], `${what}: entry (${i + 1}, ${j + 1})`);
    }
  }
}

const MATRIX_FORMATS = new Set(['json', 'numpy', 'matlab', 'mathematica', 'latex', 'csv', 'tsv', 'whitespace', 'markdown']);

export function checkMatrix(m: ParsedMatrix, maxEntries: number): void {
  expect(MATRIX_FORMATS.has(m.format), `unknown format ${m.format}`);
  checkGrid(m.values, m.exact, m.rows, m.cols, 'matrix');
  expect(m.rows * m.cols <= maxEntries, `${m.rows}×${m.cols} exceeds the limit ${maxEntries}`);
}

const DATASET_FORMATS = new Set(['table', 'csv', 'tsv', 'markdown', 'json-columns', 'json-rows', 'matrix']);

export function checkDataset(d: ParsedDataset, maxEntries: number): void {
  expect(DATASET_FORMATS.has(d.format), `unknown format ${d.format}`);
  const n = d.samples.length;
  const width = d.samples[0]?.length ?? 0;
  checkGrid(d.samples, d.exact, n, width, 'dataset');
  expect(n >= 2, `PCA needs 2 samples, the dataset has ${n}`);
  expect(n * width <= maxEntries, `${n}×${width} exceeds the limit ${maxEntries}`);
  expect(d.featureNames.length === width && d.featureNames.every((s) => typeof s === 'string' && s.length > 0), 'one non-empty name per feature');
  if (d.sampleNames) expect(d.sampleNames.length === n && d.sampleNames.every((s) => typeof s === 'string' && s.length > 0), 'one non-empty name per sample');
  expect(d.orientation === 'samples-as-rows' || d.orientation === 'features-as-rows', `bad orientation ${d.orientation}`);
  expect(Array.isArray(d.warnings) && d.warnings.every((w) => typeof w === 'string' && w.length > 0), 'warnings are non-empty strings');
}

function checkRange(r: SourceRange, text: string, starts: number[], what: string): void {
  const len = text.length;
  expect(Number.isInteger(r.offset) && Number.isInteger(r.length) && r.offset >= 0 && r.length >= 0 && r.offset + r.length <= len, `${what}: range ${r.offset}+${r.length} outside [0, ${len}]`);
  const pos = (o: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= o) line++;
    return { line, column: o - starts[line] };
  };
  const [s, e] = [pos(r.offset), pos(r.offset + r.length)];
  expect(r.start.line === s.line && r.start.column === s.column && r.end.line === e.line && r.end.column === e.column, `${what}: line/column disagree with offsets`);
}

const DIAGNOSTIC_CODES = new Set([
  'json-syntax', 'not-an-object', 'no-problems', 'missing-field', 'unknown-field', 'duplicate-field', 'wrong-type', 'unknown-kind', 'invalid-id', 'duplicate-id',
  'unknown-value', 'objective-syntax', 'expression-syntax', 'start-unused-variable', 'start-missing-variable', 'start-length', 'matrix-ragged', 'matrix-syntax',
  'data-invalid', 'lr-not-positive', 'lr-diverges', 'steps-not-positive', 'beta-range', 'out-of-range', 'components-too-many', 'expect-unknown-field',
  'expect-syntax', 'answer-wrong', 'answer-note', 'run-failed',
]);

/** Every diagnostic on a real range of the file with a message; every problem well-formed; a problem without id or kind is an error. */
export function checkLoadResult(r: LoadResult, text: string): void {
  expect(Array.isArray(r.problems) && Array.isArray(r.diagnostics), 'problems and diagnostics are arrays');
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  for (const d of r.diagnostics) {
    expect(d.severity === 'error' || d.severity === 'warning' || d.severity === 'info', `bad severity ${d.severity}`);
    expect(DIAGNOSTIC_CODES.has(d.code), `unknown diagnostic code ${d.code}`);
    checkMessage(d.message, `diagnostic ${d.code}`, text);
    checkRange(d.range, text, starts, `diagnostic ${d.code} (${d.message.slice(0, 80)})`);
  }
  if (r.file) {
    expect(r.file.problems === r.problems, 'file.problems is the problems');
    checkRange(r.file.range, text, starts, 'file range');
  }
  r.problems.forEach((p, i) => {
    expect(typeof p.id === 'string' && Number.isInteger(p.index) && p.index >= 0, `problem ${i}: bad id or index`);
    expect(p.kind === null || (PROBLEM_KINDS as readonly string[]).includes(p.kind), `problem ${i}: bad kind ${p.kind}`);
    expect(typeof p.spec === 'object' && p.spec !== null && typeof p.hasErrors === 'boolean', `problem ${i}: bad spec or hasErrors`);
    if (p.id === '' || p.kind === null) expect(p.hasErrors, `problem ${i} has no id or kind but no error`);
    checkRange(p.range, text, starts, `problem ${i}`);
    for (const [ptr, range] of [...Object.entries(p.ranges), ...Object.entries(p.keyRanges)]) checkRange(range, text, starts, `problem ${i} ${ptr}`);
  });
}
