import assert from 'node:assert/strict';
import { findMatrixAround, parseMatrix } from '../../../src/core/parse';

const DOC = [
  'import numpy as np',
  'A = np.array([[1, 2], [3, 4]], dtype=float)',
  'B = [[1,1],[1,0],[0,1]]',
  'M = {{1, 2}, {3, 4}}',
  'C = [1 2; 3 4];',
  '$$ \\begin{bmatrix} 1 & \\sqrt[3]{8} \\\\ 3 & 4 \\end{bmatrix} $$',
  '',
  '| x | y |',
  '|---|---|',
  '| 1 | 2 |',
  '| 3 | 4 |',
  '',
  'print(x[0], f(y))',
].join('\n');

/** Offset of `needle` in DOC, which must occur exactly once. */
function at(needle: string): number {
  const i = DOC.indexOf(needle);
  assert.ok(i >= 0 && DOC.indexOf(needle, i + 1) < 0, `${needle} must occur once`);
  return i;
}

/** Checks that every offset in `offsets` finds exactly `literal` and that it parses. */
function expectFound(literal: string, offsets: number[], doc = DOC): void {
  const start = doc.indexOf(literal);
  const expected = { start, end: start + literal.length };
  for (const offset of offsets) {
    assert.deepEqual(findMatrixAround(doc, offset), expected, `cursor at ${offset} (${JSON.stringify(doc.slice(offset, offset + 8))})`);
  }
  parseMatrix(doc.slice(expected.start, expected.end));
}

describe('findMatrixAround', () => {
  it('finds a JSON / Python list from its start, middle, end and just after it', () => {
    const lit = '[[1,1],[1,0],[0,1]]';
    const s = at(lit);
    expectFound(lit, [s, s + 1, s + 2, s + 6, s + 9, s + lit.length - 1, s + lit.length]);
  });

  it('finds a NumPy call including its name and keyword arguments', () => {
    const lit = 'np.array([[1, 2], [3, 4]], dtype=float)';
    const s = at(lit);
    expectFound(lit, [s, s + 1, s + 4, s + 9, s + 12, s + 20, s + 30, s + lit.length]);
  });

  it('finds a Mathematica list', () => {
    const lit = '{{1, 2}, {3, 4}}';
    const s = at(lit);
    expectFound(lit, [s, s + 2, s + 7, s + lit.length - 1, s + lit.length]);
  });

  it('finds a MATLAB matrix', () => {
    const lit = '[1 2; 3 4]';
    const s = at(lit);
    expectFound(lit, [s, s + 1, s + 5, s + lit.length]);
  });

  it('finds a LaTeX environment, even from inside \\sqrt[3]{8}', () => {
    const lit = '\\begin{bmatrix} 1 & \\sqrt[3]{8} \\\\ 3 & 4 \\end{bmatrix}';
    const s = at(lit);
    expectFound(lit, [s, s + 3, s + 16, at('[3]') + 1, at('{8}') + 1, s + lit.length - 3, s + lit.length]);
  });

  it('finds a Markdown table from any of its lines', () => {
    const lit = '| x | y |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |';
    const s = at(lit);
    expectFound(lit, [s, s + 2, s + 12, s + 22, s + lit.length]);
  });

  it('returns null outside every literal', () => {
    for (const offset of [0, 5, at('import') + 10, at('A =') + 1, at('B =') + 2, at('$$ \\begin') + 1, at('print') + 2, at('x[0]') + 2, at('f(y)') + 2, DOC.length]) {
      assert.equal(findMatrixAround(DOC, offset), null, `cursor at ${offset} (${JSON.stringify(DOC.slice(offset, offset + 8))})`);
    }
  });

  it('returns null for empty text and bad offsets, and clamps offsets out of range', () => {
    assert.equal(findMatrixAround('', 0), null);
    assert.equal(findMatrixAround('[[1]]', Number.NaN), null);
    assert.deepEqual(findMatrixAround('[[1]]', -5), { start: 0, end: 5 });
    assert.deepEqual(findMatrixAround('[[1]]', 1e9), { start: 0, end: 5 });
  });

  it('prefers the whole matrix to a row, and a matrix to a 3-D array around it', () => {
    const doc = 'x = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]';
    const offset = doc.indexOf('2');
    assert.deepEqual(findMatrixAround(doc, offset), { start: doc.indexOf('[[1'), end: doc.indexOf(']]') + 2 });
  });

  it('finds a list inside a dict or a call that is not a constructor', () => {
    const dict = 'data = {"a": [[1, 2], [3, 4]], "b": 2}';
    assert.deepEqual(findMatrixAround(dict, dict.indexOf('3')), { start: dict.indexOf('[['), end: dict.indexOf(']]') + 2 });
    const call = 'f([[1, 2], [3, 4]], 5)';
    assert.deepEqual(findMatrixAround(call, call.indexOf('3')), { start: 2, end: call.indexOf(']]') + 2 });
  });

  it('still finds a matrix that is ragged or has a typo, so parsing can explain the problem', () => {
    const ragged = 'R = [[1, 2], [3]]';
    assert.deepEqual(findMatrixAround(ragged, ragged.indexOf('3')), { start: 4, end: ragged.length });
    const typo = 'T = [[1, x], [3, 4]]';
    assert.deepEqual(findMatrixAround(typo, typo.indexOf('x')), { start: 4, end: typo.length });
  });

  it('finds a flat list and a NumPy call from the cursor on its name', () => {
    const doc = 'v = [1, 2, 3]\nw = numpy.asarray([[1.5, 2]])';
    assert.deepEqual(findMatrixAround(doc, doc.indexOf('2')), { start: 4, end: 13 });
    const s = doc.indexOf('numpy');
    assert.deepEqual(findMatrixAround(doc, s + 2), { start: s, end: doc.length });
  });

  it('stays safe on pathological documents (a hang fails by mocha timeout)', () => {
    const deep = '['.repeat(10_000);
    assert.equal(findMatrixAround(deep, 5_000), null);
    const long = 'x '.repeat(500_000) + '[[1, 2], [3, 4]]';
    assert.deepEqual(findMatrixAround(long, long.length - 3), { start: 1_000_000, end: long.length });
    assert.equal(findMatrixAround(long, 10), null);
  });
});
