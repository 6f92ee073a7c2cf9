import assert from 'node:assert/strict';
import fc from 'fast-check';
import { multiply, multiplyTransposeA, numericalRank, svd, symmetricEigen, transpose, type Mat } from '../../../src/core/linalg';
import { assertValidSvd, uniformMatrix } from './helpers';

const EPS = Number.EPSILON;
const dim = fc.integer({ min: 1, max: 24 });
const seed = fc.integer();

/** Entries drawn by fast-check itself, so shrinking can find small, structured counterexamples. */
const smallMatrix = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
      minLength: rows * cols, maxLength: rows * cols,
    }).map((values): Mat => ({ rows, cols, data: Float64Array.from(values) })));

describe('svd properties (fast-check)', () => {
  it('random tall, wide and square matrices: valid decomposition', () => {
    fc.assert(fc.property(dim, dim, seed, (m, n, s) => {
      assertValidSvd(uniformMatrix(m, n, s), `${m}×${n} seed ${s}`);
    }), { numRuns: 150 });
  });

  it('matrices drawn entry by entry (zeros, ones, wide range): valid decomposition', () => {
    fc.assert(fc.property(smallMatrix, (a) => {
      if (a.data.every((v) => v === 0)) return;
      assertValidSvd(a);
    }), { numRuns: 300 });
  });

  it('subnormal matrices (CI found [[5e-323, 0], [5e-324, -4e-323]]): σ rounded to the subnormal grid, U and V as for the scaled matrix', () => {
    assertValidSvd({ rows: 2, cols: 2, data: Float64Array.from([5e-323, 0, 5e-324, -4e-323]) });
    assertValidSvd({ rows: 3, cols: 2, data: Float64Array.from([5e-324, 0, 0, 1e-310, 3e-320, 7e-315]) });
    // σ₂ = 2⁻¹⁰⁷⁵ rounds to 0: u₂ follows the null-space sign convention, not the paired one.
    const wide = [0, 0, 0, 1, 0, 1, 0, 2047.99951171875, 0, 0, 0, 0, 0, 0, 0, 0];
    assertValidSvd({ rows: 4, cols: 4, data: Float64Array.from(wide.map((v) => v * 2 ** -600 * 2 ** -464)) });
    fc.assert(fc.property(smallMatrix, fc.integer({ min: 1040, max: 1070 }), (a, e) => {
      const tiny = { ...a, data: a.data.map((v) => v * 2 ** -600 * 2 ** (600 - e)) };
      if (tiny.data.every((v) => v === 0)) return;
      assertValidSvd(tiny);
    }), { numRuns: 100 });
  });

  it('rank-k products of thin factors: numerical rank k and a valid decomposition', () => {
    fc.assert(fc.property(dim, dim, fc.integer({ min: 1, max: 23 }), seed, (m, n, k, s) => {
      fc.pre(k < Math.min(m, n));
      const a = multiply(uniformMatrix(m, k, s), uniformMatrix(k, n, s + 1));
      const r = assertValidSvd(a, `rank ${k} ${m}×${n}`);
      assert.equal(numericalRank(r.s, m, n), k);
      // Null-space singular values are round-off: a small multiple of ε·σ₁.
      for (let i = k; i < r.s.length; i++) assert.ok(r.s[i] <= 4 * Math.max(m, n) * EPS * r.s[0]);
    }), { numRuns: 150 });
  });

  it('scaling by 2^e scales σ exactly and leaves U and V bit-identical', () => {
    fc.assert(fc.property(dim, dim, seed, fc.integer({ min: -900, max: 900 }), (m, n, s, e) => {
      const a = uniformMatrix(m, n, s);
      const scaled = { rows: m, cols: n, data: a.data.map((v) => v * 2 ** e) };
      const r = svd(a), rs = svd(scaled);
      assert.deepEqual(rs.s, r.s.map((v) => v * 2 ** e));
      assert.deepEqual(rs.U.data, r.U.data);
      assert.deepEqual(rs.V.data, r.V.data);
      assertValidSvd(scaled);
    }), { numRuns: 60 });
  });

  it('Aᵀ has the same singular values as A', () => {
    fc.assert(fc.property(dim, dim, seed, (m, n, s) => {
      const a = uniformMatrix(m, n, s);
      const r = svd(a), rt = svd(transpose(a));
      for (let i = 0; i < r.s.length; i++) assert.ok(Math.abs(r.s[i] - rt.s[i]) <= 8 * EPS * Math.max(m, n) * r.s[0]);
    }), { numRuns: 80 });
  });

  it('symmetricEigen(AᵀA) gives σ² (then zeros when m < n)', () => {
    fc.assert(fc.property(dim, dim, seed, (m, n, s) => {
      const a = uniformMatrix(m, n, s);
      const { s: sv } = svd(a);
      const { values } = symmetricEigen(multiplyTransposeA(a, a));
      const tol = 16 * EPS * Math.max(m, n) * sv[0] * sv[0];
      for (let i = 0; i < n; i++) {
        const expected = i < sv.length ? sv[i] * sv[i] : 0;
        assert.ok(Math.abs(values[i] - expected) <= tol, `λ${i} = ${values[i]} vs σ² = ${expected}`);
      }
    }), { numRuns: 100 });
  });
});
