/** Shared assertions and formatters for the matrix reader's tests. */
import assert from 'node:assert/strict';
import { MdlError, type ErrorCode } from '../../../src/core/errors';
import { parseMatrix, type ParsedMatrix, type ParseOptions, type Rational } from '../../../src/core/parse';

/** The exact cells as strings: "1/2", "-3", or "null" for irrational ones. */
export function exactStrings(m: ParsedMatrix): string[][] {
  return m.exact.map((row) => row.map(show));
}

export function show(r: Rational | null): string {
  if (r === null) return 'null';
  return r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`;
}

/** Parses and checks format, values and (optionally) exact cells in one go. */
export function expectMatrix(
  text: string,
  expected: { format?: ParsedMatrix['format']; values: number[][]; exact?: string[][] },
  options?: ParseOptions,
): ParsedMatrix {
  const m = parseMatrix(text, options);
  if (expected.format) assert.equal(m.format, expected.format, `format of ${JSON.stringify(text)}`);
  assert.deepEqual(m.values, expected.values, `values of ${JSON.stringify(text)}`);
  assert.equal(m.rows, expected.values.length);
  assert.equal(m.cols, expected.values[0].length);
  if (expected.exact) assert.deepEqual(exactStrings(m), expected.exact, `exact of ${JSON.stringify(text)}`);
  return m;
}

export interface ExpectedError {
  code: ErrorCode;
  message?: RegExp;
  /** 1-based line and column, and the length of the highlighted span. */
  line?: number;
  column?: number;
  length?: number;
  /** The offset of the highlighted span, as an alternative to line and column. */
  offset?: number;
  cell?: { row: number; col: number };
  noPosition?: boolean;
}

/** Runs `parseMatrix(text)` and checks the MdlError it must throw. */
export function expectError(text: string, expected: ExpectedError, options?: ParseOptions): MdlError {
  let error: unknown;
  try {
    parseMatrix(text, options);
  } catch (e) {
    error = e;
  }
  const shown = JSON.stringify(String(text).slice(0, 80));
  assert.ok(error instanceof MdlError, `expected an MdlError for ${shown}, got ${String(error)}`);
  const e = error as MdlError;
  const context = `${shown}: ${e.describe()}`;
  assert.equal(e.code, expected.code, context);
  if (expected.message) assert.match(e.message, expected.message, context);
  if (expected.noPosition) assert.equal(e.position, undefined, context);
  if (expected.line !== undefined) assert.equal(e.position?.line, expected.line, `line: ${context}`);
  if (expected.column !== undefined) assert.equal(e.position?.column, expected.column, `column: ${context}`);
  if (expected.length !== undefined) assert.equal(e.position?.length, expected.length, `length: ${context}`);
  if (expected.offset !== undefined) assert.equal(e.position?.offset, expected.offset, `offset: ${context}`);
  if (expected.cell) assert.deepEqual(e.cell, expected.cell, `cell: ${context}`);
  return e;
}

/** The text an error highlights. */
export function highlighted(text: string, e: MdlError): string {
  assert.ok(e.position, `no position in ${e.describe()}`);
  return text.slice(e.position.offset, e.position.offset + (e.position.length ?? 1));
}

// ---------------------------------------------------------------------------
// Formatters for round-trip tests: each writes a matrix of entry strings the
// way that format's users write them.

export type Cells = string[][];

export const formatters: Record<string, (m: Cells) => string> = {
  json: (m) => JSON.stringify(m.map((r) => r.map(Number))),
  python: (m) => 'A = [' + m.map((r) => '[' + r.join(', ') + ']').join(',\n     ') + ']',
  numpy: (m) => 'np.array([' + m.map((r) => '[' + r.join(', ') + ']').join(', ') + '], dtype=np.float64)',
  numpyPrinted: (m) => '[' + m.map((r) => '[' + r.join(' ') + ']').join('\n ') + ']',
  matlab: (m) => 'A = [' + m.map((r) => r.join(' ')).join('; ') + '];',
  matlabLines: (m) => '[' + m.map((r) => r.join(', ')).join('\n') + ']',
  mathematica: (m) => '{' + m.map((r) => '{' + r.join(', ') + '}').join(', ') + '}',
  latex: (m) => '$$\\begin{bmatrix}\n' + m.map((r) => r.join(' & ')).join(' \\\\\n') + '\n\\end{bmatrix}$$',
  csv: (m) => m.map((r) => r.join(',')).join('\n'),
  tsv: (m) => m.map((r) => r.join('\t')).join('\n'),
  whitespace: (m) => m.map((r) => r.join('  ')).join('\n'),
  markdown: (m) =>
    ['| ' + m[0].map((_, j) => `c${j + 1}`).join(' | ') + ' |', '|' + m[0].map(() => '---|').join(''), ...m.map((r) => '| ' + r.join(' | ') + ' |')].join('\n'),
};

/** The format each formatter's output must be recognised as. */
export const formatOf: Record<string, ParsedMatrix['format']> = {
  json: 'json',
  python: 'json',
  numpy: 'numpy',
  numpyPrinted: 'numpy',
  matlab: 'matlab',
  matlabLines: 'matlab',
  mathematica: 'mathematica',
  latex: 'latex',
  csv: 'csv',
  tsv: 'tsv',
  whitespace: 'whitespace',
  markdown: 'markdown',
};
