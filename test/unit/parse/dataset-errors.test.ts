import assert from 'node:assert/strict';
import { MdlError, type ErrorCode } from '../../../src/core/errors';
import { parseDataset } from '../../../src/core/parse';

interface Expected {
  code: ErrorCode;
  message?: RegExp | string;
  line?: number;
  column?: number;
  length?: number;
  cell?: { row: number; col: number };
  /** The text the error highlights. */
  at?: string;
  noPosition?: boolean;
}

function expectError(text: string, expected: Expected, options?: Parameters<typeof parseDataset>[1]): MdlError {
  let error: unknown;
  try {
    parseDataset(text, options);
  } catch (e) {
    error = e;
  }
  const shown = JSON.stringify(String(text).slice(0, 80));
  assert.ok(error instanceof MdlError, `expected an MdlError for ${shown}, got ${String(error)}`);
  const e = error;
  const context = `${shown}: ${e.describe()}`;
  assert.equal(e.code, expected.code, context);
  if (typeof expected.message === 'string') assert.equal(e.message, expected.message, context);
  else if (expected.message) assert.match(e.message, expected.message, context);
  if (expected.noPosition) assert.equal(e.position, undefined, context);
  if (expected.line !== undefined) assert.equal(e.position?.line, expected.line, `line: ${context}`);
  if (expected.column !== undefined) assert.equal(e.position?.column, expected.column, `column: ${context}`);
  if (expected.length !== undefined) assert.equal(e.position?.length, expected.length, `length: ${context}`);
  if (expected.cell) assert.deepEqual(e.cell, expected.cell, `cell: ${context}`);
  if (expected.at !== undefined) assert.equal(text.slice(e.position!.offset, e.position!.offset + (e.position!.length ?? 1)), expected.at, `highlight: ${context}`);
  return e;
}

const HEADER = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4';
const NEEDS_EVERY_VALUE = ' — PCA needs every value; fill it in or remove the sample.';

describe('parseDataset errors: cells that are not numbers', () => {
  it('points at the cell in the assignment’s table', () => {
    expectError(`${HEADER}\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\tabc\t5\t14`, {
      code: 'non-numeric', message: '`abc` is not a number (row 2, column 2).', line: 3, column: 10, length: 3, cell: { row: 2, col: 2 }, at: 'abc',
    });
  });

  it('in CSV, JSON columns and JSON rows', () => {
    expectError('height,weight\n1.7,60\n1.8,abc', { code: 'non-numeric', message: '`abc` is not a number (row 2, column 2).', line: 3, column: 5, cell: { row: 2, col: 2 } });
    // Inside an expression the reader points at the unknown name.
    expectError('height,weight\n1.7,60\n1.8,7x2', { code: 'non-numeric', message: /`7x2` is not a number/, line: 3, column: 6, at: 'x2' });
    expectError('{"a": [1, 2, 3],\n "b": [4, oops, 6]}', { code: 'non-numeric', message: /`oops` is not a number/, line: 2, column: 11, at: 'oops', cell: { row: 2, col: 2 } });
    expectError('[{"a": 1, "b": 2}, {"a": 3, "b": "four"}]', { code: 'non-numeric', message: '`four` is not a number (row 2, column 2).', line: 1, column: 35, at: 'four', cell: { row: 2, col: 2 } });
  });

  it('a numeric row with one typo is not taken for a header', () => {
    expectError('1,2,abc\n3,4,5\n6,7,8', { code: 'non-numeric', line: 1, column: 5, cell: { row: 1, col: 3 } });
  });
});

describe('parseDataset errors: missing values', () => {
  const samplesAsRows = (cell: string) => `name,X₁,X₂\nExample 1,4,11\nExample 2,8,4\nExample 3,13,${cell}\nExample 4,7,14`;

  it('names the sample and the feature (samples as rows)', () => {
    for (const cell of ['', 'NA', 'NaN', 'null', '?', 'None', 'n/a', '-', '"NA"']) {
      expectError(samplesAsRows(cell), {
        code: 'non-numeric', message: `Row 3 (Example 3) has no value for X₂${NEEDS_EVERY_VALUE}`, line: 4, column: 14, cell: { row: 3, col: 2 },
        ...(cell && { at: cell }),
      });
    }
  });

  it('names the sample and the feature (the assignment’s layout)', () => {
    expectError(`${HEADER}\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t\t14`, {
      code: 'non-numeric', message: `Sample 3 (Example 3) has no value for X₂${NEEDS_EVERY_VALUE}`, line: 3, column: 12, cell: { row: 2, col: 3 },
    });
    expectError(`${HEADER}\n$X_1$\t4\t8\tNA\t7\n$X_2$\t11\t4\t5\t14`, { code: 'non-numeric', message: /^Sample 3 \(Example 3\) has no value for X₁ —/, line: 2, column: 11, at: 'NA' });
  });

  it('an empty last cell, ended by its separator', () => {
    expectError('height,weight\n1.7,60\n1.8,\n1.6,55', { code: 'non-numeric', message: `Row 2 has no value for weight${NEEDS_EVERY_VALUE}`, line: 3, column: 5, cell: { row: 2, col: 2 } });
    expectError(`${HEADER}\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t`, { code: 'non-numeric', message: /^Sample 4 \(Example 4\) has no value for X₂/, line: 3, column: 14 });
  });

  it('in JSON: null, holes and keys an object lacks', () => {
    expectError('{"a": [1, null, 3], "b": [4, 5, 6]}', { code: 'non-numeric', message: `Sample 2 has no value for a${NEEDS_EVERY_VALUE}`, column: 11, at: 'null' });
    expectError('{"a": [1, , 3], "b": [4, 5, 6]}', { code: 'non-numeric', message: /^Sample 2 has no value for a/, column: 11 });
    expectError('[{"a": 1, "b": 2},\n {"a": 3}]', { code: 'non-numeric', message: `Row 2 has no value for b${NEEDS_EVERY_VALUE}`, line: 2, column: 9, at: '}' });
    expectError('[{"name": "Ann", "a": 1, "b": 2}, {"name": "Bo", "a": NaN, "b": 2}]', { code: 'non-numeric', message: /^Row 2 \(Bo\) has no value for a/, at: 'NaN' });
  });

  it('in plain matrices, where parseMatrix calls NaN not finite', () => {
    expectError('[[1, 2], [3, NaN], [5, 6]]', { code: 'non-numeric', message: `Row 2 has no value for x₂${NEEDS_EVERY_VALUE}`, column: 14, at: 'NaN', cell: { row: 2, col: 2 } });
    expectError('[[1, 2], [None, 4]]', { code: 'non-numeric', message: /^Row 2 has no value for x₁/, at: 'None' });
    expectError('[[1, 2, 3], [4, NaN, 6]]', { code: 'non-numeric', message: /^Sample 2 has no value for x₂/ }, { transpose: true });
  });
});

describe('parseDataset errors: shape', () => {
  it('ragged rows point at the row', () => {
    expectError('a,b,c\n1,2,3\n4,5\n6,7,8', { code: 'ragged', message: 'Row 2 has 2 values but row 1 has 3; every row needs the same number of values.', line: 3, column: 1, length: 3 });
    expectError(`${HEADER}\n$X_1$\t4\t8\t13\t7\t9\n$X_2$\t11\t4\t5\t14`, { code: 'ragged', message: /^Row 2 has 4 values but row 1 has 5/, line: 3, column: 1 });
  });

  it('a header that does not fit the rows points at the header', () => {
    expectError('a,b,c,d\n1,2\n3,4', { code: 'ragged', message: 'The header has 4 names but the rows have 2 values; give every column one name.', line: 1, column: 1, length: 7 });
  });

  it('JSON columns of different lengths point at the shorter column’s key', () => {
    expectError('{"X1": [4, 8, 13, 7],\n "X2": [11, 4, 5]}', {
      code: 'ragged', message: 'Column “X2” has 3 values but “X1” has 4; every column needs one value per sample.', line: 2, column: 3, at: 'X2',
    });
    expectError("{'X1': [4, 8],\n 'X2': [11, 4, 5]}", { code: 'ragged', message: /^Column “X1” has 2 values but “X2” has 3/, line: 1, column: 3, at: 'X1' });
  });

  it('a single sample, with the hint to transpose', () => {
    const message = 'PCA needs at least 2 samples; the data has 1 (if the table lists samples as columns, use Transpose).';
    expectError('1,2,3', { code: 'unsupported', message, line: 1, column: 1, length: 5 });
    expectError('height,weight\n1.7,60', { code: 'unsupported', message });
    expectError('Feature\tExample - 1\n$X_1$\t4\n$X_2$\t11', { code: 'unsupported', message });
    expectError('[{"a": 1, "b": 2}]', { code: 'unsupported', message });
    expectError('[[1], [2], [3]]', { code: 'unsupported', message }, { transpose: true });
  });

  it('no numeric data', () => {
    for (const text of ['height,weight', '| height | weight |\n|---|---|', '{"a": [], "b": []}']) {
      expectError(text, { code: 'empty', message: /^The selection has no numeric data\./, line: 1, column: 1 });
    }
  });

  it('an empty selection', () => {
    for (const text of ['', '  \n\t', '```\n```']) expectError(text, { code: 'empty', message: /^The selection is empty\./, noPosition: true });
  });
});

describe('parseDataset errors: too many values', () => {
  it('counts N × d before reading any value', () => {
    expectError(`${HEADER}\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\tabc`, {
      code: 'too-large', message: 'The data has 2 × 4 = 8 values; the limit is 7 (setting mdlSteps.pca.maxEntries).', noPosition: true,
    }, { maxEntries: 7 });
    assert.equal(parseDataset(ASSIGNMENT(), { maxEntries: 8 }).samples.length, 4);
  });

  it('in every route', () => {
    expectError('{"a": [1, 2, 3], "b": [4, 5, 6]}', { code: 'too-large', message: /2 × 3 = 6 values; the limit is 5 /, noPosition: true }, { maxEntries: 5 });
    expectError('[{"a": 1, "b": 2}, {"a": 3, "b": 4}]', { code: 'too-large', message: /2 × 2 = 4 values/ }, { maxEntries: 3 });
    expectError('[[1, 2], [3, 4]]', { code: 'too-large', message: /2 × 2 = 4 entries; the limit is 3/ }, { maxEntries: 3 });
    expectError(Array.from({ length: 600 }, () => Array(1000).fill('1').join(',')).join('\n'), { code: 'too-large', message: /600 × 1000 = 600,000 values; the limit is 250,000/ });
  });
});

describe('parseDataset errors: JSON syntax', () => {
  it('points at the problem', () => {
    expectError('{"a": [1, 2], "b": [3, 4]', { code: 'syntax', message: /never closed/, column: 1 });
    expectError('{"a" [1, 2]}', { code: 'syntax', message: /Expected `:` after the key `a`/, column: 6 });
    expectError('{"a": 5, "b": [1, 2]}', { code: 'syntax', message: /should be a list of numbers/, column: 7 });
    expectError('{"a": [[1, 2]], "b": [3, 4]}', { code: 'unsupported', message: /not lists or objects/, column: 8 });
    expectError('{"a": [1 2, 5], "b": [3, 4]}', { code: 'non-numeric', message: /`1 2` is not a number \(row 1, column 1\): unexpected `2`/, column: 10 });
    expectError('[{"a": 1}, {"a": 2, "b": 3}]', { code: 'ragged', message: 'Row 2 has the key “b”, which row 1 does not have; every row needs the same keys.', column: 22, at: 'b' });
    expectError('[{"a": 1, "a": 2}, {"a": 2}]', { code: 'syntax', message: /The key “a” appears twice in row 1/, column: 12 });
    expectError('[{"a": 1}, 5]', { code: 'syntax', message: /Expected `\{` to start row 2/, column: 12 });
    expectError('{"a": [1, 2], "b": [3, 4]} extra', { code: 'syntax', message: /Unexpected `extra` after the data/, column: 28 });
  });
});

describe('parseDataset errors: arguments', () => {
  it('refuses a bad maxEntries and a non-string selection', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) expectError('1,2\n3,4', { code: 'invalid-argument', message: /positive whole number/ }, { maxEntries });
    expectError(undefined as unknown as string, { code: 'invalid-argument' });
    expectError(42 as unknown as string, { code: 'invalid-argument' });
  });
});

function ASSIGNMENT(): string {
  return `${HEADER}\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14`;
}
