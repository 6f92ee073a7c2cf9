import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  column, fromRows, frobeniusNorm, identity, multiply, multiplyTransposeA, subtract, toRows, transpose, zeros, type Mat,
} from '../../../src/core/linalg';
import { isMdlError } from '../../../src/core/errors';
import { uniformMatrix } from './helpers';

function naiveMultiply(a: Mat, b: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) {
    out.push([]);
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let k = 0; k < a.cols; k++) sum += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      out[i].push(sum);
    }
  }
  return out;
}

const throwsCode = (code: string) => (e: unknown) => isMdlError(e) && e.code === code;

describe('linalg matrix basics', () => {
  it('builds zeros, identity and round-trips rows', () => {
    assert.deepEqual(toRows(zeros(2, 3)), [[0, 0, 0], [0, 0, 0]]);
    assert.deepEqual(toRows(identity(3)), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const rows = [[1, -2.5, 3], [4, 5, 6e-300]];
    const m = fromRows(rows);
    assert.equal(m.rows, 2);
    assert.equal(m.cols, 3);
    assert.deepEqual(toRows(m), rows);
    assert.deepEqual(fromRows([]), { rows: 0, cols: 0, data: new Float64Array(0) });
  });

  it('refuses ragged rows and impossible shapes', () => {
    assert.throws(() => fromRows([[1, 2], [3]]), throwsCode('ragged'));
    assert.throws(() => zeros(-1, 2), throwsCode('invalid-argument'));
    assert.throws(() => zeros(1.5, 2), throwsCode('invalid-argument'));
  });

  it('transposes across block boundaries', () => {
    const a = uniformMatrix(37, 70, 1);
    const t = transpose(a);
    assert.equal(t.rows, 70);
    assert.equal(t.cols, 37);
    for (let i = 0; i < 37; i++) for (let j = 0; j < 70; j++) assert.equal(t.data[j * 37 + i], a.data[i * 70 + j]);
  });

  it('multiply and multiplyTransposeA agree with the textbook triple loop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }),
        fc.integer(), (m, p, n, seed) => {
          const a = uniformMatrix(m, p, seed), b = uniformMatrix(p, n, seed + 1);
          a.data[0] = 0; // exercises the skip-zero branch
          const expected = naiveMultiply(a, b);
          const got = toRows(multiply(a, b));
          const viaT = toRows(multiplyTransposeA(transpose(a), b));
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              assert.ok(Math.abs(got[i][j] - expected[i][j]) <= 1e-14 * p);
              assert.ok(Math.abs(viaT[i][j] - expected[i][j]) <= 1e-14 * p);
            }
          }
        }),
      { numRuns: 60 },
    );
  });

  it('refuses mismatched shapes', () => {
    assert.throws(() => multiply(zeros(2, 3), zeros(2, 3)), throwsCode('invalid-argument'));
    assert.throws(() => multiplyTransposeA(zeros(2, 3), zeros(3, 3)), throwsCode('invalid-argument'));
    assert.throws(() => subtract(zeros(2, 3), zeros(3, 2)), throwsCode('invalid-argument'));
  });

  it('subtracts entrywise', () => {
    assert.deepEqual(toRows(subtract(fromRows([[5, 7]]), fromRows([[2, 10]]))), [[3, -3]]);
  });

  it('frobeniusNorm neither overflows nor underflows', () => {
    assert.equal(frobeniusNorm(fromRows([[3, 4]])), 5);
    assert.equal(frobeniusNorm(zeros(0, 0)), 0);
    assert.equal(frobeniusNorm(zeros(3, 3)), 0);
    for (const scale of [1e150, 1e-150, 1e300, 1e-300]) {
      const got = frobeniusNorm(fromRows([[3 * scale], [4 * scale]]));
      assert.ok(Math.abs(got - 5 * scale) <= 4e-16 * 5 * scale, `${scale}: ${got}`);
    }
    assert.equal(frobeniusNorm(fromRows([[5e-324, 0]])), 5e-324);
    const big = frobeniusNorm(fromRows([[1e308, 1e308]]));
    assert.ok(Math.abs(big - Math.SQRT2 * 1e308) <= 1e-15 * big);
    assert.equal(frobeniusNorm(fromRows([[Infinity, -Infinity, 1]])), Infinity);
    assert.ok(Number.isNaN(frobeniusNorm(fromRows([[1, NaN, Infinity]]))));
  });

  it('extracts columns and refuses bad indices', () => {
    const m = fromRows([[1, 2], [3, 4], [5, 6]]);
    assert.deepEqual(Array.from(column(m, 1)), [2, 4, 6]);
    assert.throws(() => column(m, 2), throwsCode('invalid-argument'));
    assert.throws(() => column(m, -1), throwsCode('invalid-argument'));
  });
});
