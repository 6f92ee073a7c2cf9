import assert from 'node:assert/strict';
import { canonicalSign, column, fromRows, identity, numericalRank, svd, toRows, transpose } from '../../../src/core/linalg';
import { isMdlError } from '../../../src/core/errors';
import { assertValidSvd, buildInput, loadFixture, maxAbsDiff, mulberry32, uniformMatrix, type Recipe } from './helpers';

const EPS = Number.EPSILON;

interface SvdCase {
  name: string;
  rows: number;
  cols: number;
  input: Recipe;
  /** well: every σ compared relatively; ill/singular: compared against ε·σ₁ only. */
  conditioning: 'well' | 'ill' | 'singular';
  s: number[];
  rank: number;
  U?: number[];
  V?: number[];
}
const fixture = loadFixture<{ generator: { seed: number; first: number[] }; cases: SvdCase[] }>('svd.json');

describe('svd', () => {
  it('reproduces the worked example exactly (values, vectors and signs)', () => {
    const { U, s, V } = svd(fromRows([[1, 1], [1, 0], [0, 1]]));
    const r2 = Math.SQRT1_2, r3 = 1 / Math.sqrt(3), r6 = 1 / Math.sqrt(6);
    assert.ok(maxAbsDiff(s, [Math.sqrt(3), 1]) < 1e-15);
    assert.ok(maxAbsDiff(V.data, [r2, -r2, r2, r2]) < 1e-15);
    assert.ok(maxAbsDiff(U.data, [2 * r6, 0, -r3, r6, -r2, r3, r6, r2, r3]) < 1e-15);
  });

  it('uses the same mulberry32 stream as the Python fixture generator', () => {
    const next = mulberry32(fixture.generator.seed);
    assert.deepEqual(fixture.generator.first.map(() => next()), fixture.generator.first);
  });

  describe('against numpy.linalg.svd (LAPACK) fixtures', () => {
    for (const c of fixture.cases) {
      it(`${c.name}`, () => {
        const a = buildInput(c.rows, c.cols, c.input);
        const before = a.data.slice();
        const r = assertValidSvd(a, c.name);
        assert.deepEqual(a.data, before, 'input was modified');
        // LAPACK's own guarantee is an absolute error of a modest multiple of ε·σ₁.
        const sigma1 = c.s[0] ?? 0;
        const absTol = 8 * EPS * Math.max(c.rows, c.cols) * sigma1;
        for (let i = 0; i < c.s.length; i++) {
          const err = Math.abs(r.s[i] - c.s[i]);
          assert.ok(err <= absTol, `σ${i + 1}: ${r.s[i]} vs ${c.s[i]} (error ${err / sigma1} σ₁)`);
          if (c.conditioning === 'well') assert.ok(err <= 1e-10 * c.s[i], `σ${i + 1} relative error ${err / c.s[i]}`);
        }
        assert.equal(numericalRank(r.s, c.rows, c.cols), c.rank);
        if (c.U && c.V) {
          // The fixture applies the same sign convention to LAPACK's vectors.
          assert.ok(maxAbsDiff(r.U.data, c.U) < 1e-12, `U differs by ${maxAbsDiff(r.U.data, c.U)}`);
          assert.ok(maxAbsDiff(r.V.data, c.V) < 1e-12, `V differs by ${maxAbsDiff(r.V.data, c.V)}`);
        }
      });
    }
  });

  it('applies the sign convention: paired below the rank, per column in the null spaces', () => {
    for (const a of [
      fromRows([[1, 2, 3], [2, 4, 6], [1, 0, -1], [0, 0, 0]]), // rank 2, 4×3
      transpose(fromRows([[1, 2, 3], [2, 4, 6], [1, 0, -1], [0, 0, 0]])),
      uniformMatrix(7, 4, 99),
    ]) {
      const { U, s, V } = svd(a);
      const rank = numericalRank(s, a.rows, a.cols);
      for (let i = 0; i < a.cols; i++) assert.deepEqual(column(V, i), canonicalSign(column(V, i)), `v${i}`);
      for (let i = rank; i < a.rows; i++) assert.deepEqual(column(U, i), canonicalSign(column(U, i)), `u${i}`);
    }
  });

  it('returns identities for the identity and for empty matrices', () => {
    const r = svd(identity(4));
    assert.deepEqual(Array.from(r.s), [1, 1, 1, 1]);
    assert.ok(maxAbsDiff(r.U.data, identity(4).data) < 1e-15);
    assert.ok(maxAbsDiff(r.V.data, identity(4).data) < 1e-15);
    const e = svd({ rows: 0, cols: 3, data: new Float64Array(0) });
    assert.equal(e.s.length, 0);
    assert.deepEqual(toRows(e.V), toRows(identity(3)));
    assert.equal(e.U.rows, 0);
  });

  it('handles subnormal and mixed-magnitude entries without hanging', () => {
    assertValidSvd(fromRows([[5e-324, 0], [0, 1e-310]]), 'subnormal');
    const mixed = assertValidSvd(fromRows([[1, 5e-324, 0], [1e-300, 1, 1e-200], [0, 1e-310, 1e-160]]), 'mixed');
    assert.ok(Math.abs(mixed.s[0] - 1) < 1e-15);
    const tiny = uniformMatrix(12, 9, 5);
    for (let i = 0; i < tiny.data.length; i++) tiny.data[i] *= 1e-305;
    assertValidSvd(tiny, 'near-subnormal');
  });

  it('gives clustered and exactly repeated singular values to full accuracy', () => {
    // Kronecker-like block with σ = 2 four times and σ = 1e-8·(1 ± 1e-9).
    const a = fromRows([
      [2, 0, 0, 0, 0, 0], [0, 0, 2, 0, 0, 0], [0, 2, 0, 0, 0, 0], [0, 0, 0, -2, 0, 0],
      [0, 0, 0, 0, 1e-8 * (1 + 1e-9), 0], [0, 0, 0, 0, 0, 1e-8 * (1 - 1e-9)],
    ]);
    const { s } = assertValidSvd(a);
    assert.deepEqual(Array.from(s.subarray(0, 4)), [2, 2, 2, 2]);
    assert.ok(Math.abs(s[4] - 1e-8 * (1 + 1e-9)) < 1e-24 && Math.abs(s[5] - 1e-8 * (1 - 1e-9)) < 1e-24);
  });

  it('refuses shapes whose full U and V would not fit, before allocating them', () => {
    const wide = { rows: 2, cols: 5000, data: new Float64Array(10000) };
    assert.throws(() => svd(wide), (e: unknown) => isMdlError(e) && e.code === 'too-large' && /5000×5000/.test(e.message));
  });

  it('refuses NaN and infinite entries with an MdlError', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      assert.throws(() => svd(fromRows([[1, bad], [0, 1]])), (e: unknown) => isMdlError(e) && e.code === 'non-finite');
    }
  });
});

describe('numericalRank', () => {
  it('uses max(m, n)·ε·σ₁ like numpy.linalg.matrix_rank', () => {
    const tol = 10 * EPS;
    assert.equal(numericalRank(Float64Array.from([1, 1.01 * tol]), 10, 4), 2);
    assert.equal(numericalRank(Float64Array.from([1, 0.99 * tol]), 10, 4), 1);
    assert.equal(numericalRank(Float64Array.from([1, 0.99 * tol]), 4, 10), 1);
    assert.equal(numericalRank(Float64Array.from([0, 0]), 2, 2), 0);
    assert.equal(numericalRank(new Float64Array(0), 0, 3), 0);
    assert.equal(numericalRank(Float64Array.from([3e-300, 2e-300]), 2, 2), 2);
  });
});

describe('canonicalSign', () => {
  it('makes the last significant entry positive and ignores round-off residue', () => {
    assert.deepEqual(Array.from(canonicalSign(Float64Array.from([1, -2, 1e-12]))), [-1, 2, -1e-12]);
    assert.deepEqual(Array.from(canonicalSign(Float64Array.from([-1, 2, -1e-12]))), [-1, 2, -1e-12]);
    assert.deepEqual(Array.from(canonicalSign(Float64Array.from([0.6, -0.8]))), [-0.6, 0.8]);
    assert.deepEqual(Array.from(canonicalSign(Float64Array.from([0, 0]))), [0, 0]);
    assert.deepEqual(Array.from(canonicalSign(new Float64Array(0))), []);
  });

  it('returns a copy and leaves its input alone', () => {
    const v = Float64Array.from([1, -1]);
    const out = canonicalSign(v);
    assert.deepEqual(Array.from(v), [1, -1]);
    assert.notEqual(out, v);
  });
});
