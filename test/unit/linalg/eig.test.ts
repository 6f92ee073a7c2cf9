import assert from 'node:assert/strict';
import fc from 'fast-check';
import { frobeniusNorm, fromRows, multiply, symmetricEigen, type Mat } from '../../../src/core/linalg';
import { isMdlError } from '../../../src/core/errors';
import { assertValidEigen, buildInput, loadFixture, maxAbsDiff, uniformMatrix, type Recipe } from './helpers';

const EPS = Number.EPSILON;

interface EighCase {
  name: string;
  n: number;
  input: Recipe;
  values: number[];
  vectors?: number[];
}
const fixture = loadFixture<{ cases: EighCase[] }>('eigh.json');

function symmetricUniform(n: number, seed: number, scale = 1): Mat {
  const b = uniformMatrix(n, n, seed);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (b.data[i * n + j] + b.data[j * n + i]) * scale;
  return { rows: n, cols: n, data };
}

describe('symmetricEigen', () => {
  describe('against numpy.linalg.eigh (LAPACK) fixtures', () => {
    for (const c of fixture.cases) {
      it(c.name, () => {
        const a = buildInput(c.n, c.n, c.input);
        const before = a.data.slice();
        const r = assertValidEigen(a, c.name);
        assert.deepEqual(a.data, before, 'input was modified');
        const norm = Math.max(...c.values.map(Math.abs));
        const err = maxAbsDiff(r.values, c.values);
        assert.ok(err <= 4 * EPS * c.n * norm, `eigenvalue error ${err / norm}·‖A‖`);
        if (c.vectors) assert.ok(maxAbsDiff(r.vectors.data, c.vectors) < 1e-12);
      });
    }
  });

  it('a 2×2 with a known answer', () => {
    const { values, vectors } = symmetricEigen(fromRows([[2, 1], [1, 2]]));
    assert.ok(maxAbsDiff(values, [3, 1]) < 1e-15);
    const r = Math.SQRT1_2;
    assert.ok(maxAbsDiff(vectors.data, [r, -r, r, r]) < 1e-15);
  });

  it('uses the symmetric part of a slightly asymmetric input', () => {
    const { values } = symmetricEigen(fromRows([[2, 1 + 1e-14], [1 - 1e-14, 2]]));
    assert.ok(maxAbsDiff(values, [3, 1]) < 1e-15);
  });

  it('refuses non-square and non-finite input', () => {
    assert.throws(() => symmetricEigen(fromRows([[1, 2, 3]])), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
    assert.throws(() => symmetricEigen(fromRows([[1, NaN], [NaN, 1]])), (e: unknown) => isMdlError(e) && e.code === 'non-finite');
  });

  it('random symmetric matrices at any scale (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), fc.constantFrom(1, 1e150, 1e-150),
      (n, seed, scale) => {
        const a = symmetricUniform(n, seed, scale);
        const { values } = assertValidEigen(a, `n=${n} seed=${seed}`);
        let trace = 0, sum = 0;
        for (let i = 0; i < n; i++) { trace += a.data[i * n + i]; sum += values[i]; }
        assert.ok(Math.abs(trace - sum) <= 8 * EPS * n * frobeniusNorm(a));
      }), { numRuns: 120 });
  });

  it('rank-deficient Gram matrices with repeated zero eigenvalues (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 25 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (n, k, seed) => {
      const b = uniformMatrix(k, n, seed);
      const gram = multiply({ rows: n, cols: k, data: transposeData(b) }, b);
      const { values } = assertValidEigen(gram);
      for (let i = Math.min(k, n); i < n; i++) assert.ok(Math.abs(values[i]) <= 16 * EPS * n * values[0]);
    }), { numRuns: 100 });
  });
});

function transposeData(b: Mat): Float64Array {
  const out = new Float64Array(b.rows * b.cols);
  for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.cols; j++) out[j * b.rows + i] = b.data[i * b.cols + j];
  return out;
}
