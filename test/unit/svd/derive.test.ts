import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { deriveSvd } from '../../../src/core/svd/derive';
import { svdFromText } from '../../../src/core/topics';

const opts = { precision: 4, exactForms: true };
const r2 = Math.SQRT2;
const r3 = Math.sqrt(3);
const r6 = Math.sqrt(6);

function close(actual: number[], expected: number[], tol = 1e-12) {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `entry ${i}: ${a} vs ${expected[i]}`));
}
const col = (M: number[][], j: number) => M.map((r) => r[j]);
const step = (d: ReturnType<typeof deriveSvd>['derivation'], id: string) => {
  const s = d.steps.find((x) => x.id === id);
  assert.ok(s, `no step ${id} in ${d.steps.map((x) => x.id).join(', ')}`);
  return s;
};

function assertFactorisation(A: number[][], json: ReturnType<typeof deriveSvd>['json'], tol = 1e-12) {
  const m = A.length;
  const n = A[0].length;
  const { U, V, singularValues: s } = json;
  assert.equal(U.length, m);
  assert.equal(U[0].length, m);
  assert.equal(V.length, n);
  assert.equal(V[0].length, n);
  const scale = Math.max(1, Math.hypot(...A.flat()));
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let t = 0; t < s.length; t++) x += U[i][t] * s[t] * V[j][t];
      assert.ok(Math.abs(x - A[i][j]) <= tol * scale, `UΣVᵀ(${i},${j}) = ${x}, A = ${A[i][j]}`);
    }
  for (const [M, k] of [[U, m], [V, n]] as const)
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        const d = M.reduce((acc, row) => acc + row[a] * row[b], 0);
        assert.ok(Math.abs(d - (a === b ? 1 : 0)) <= tol, `orthogonality (${a},${b}) = ${d}`);
      }
  for (let i = 1; i < s.length; i++) assert.ok(s[i - 1] >= s[i] && s[i] >= 0, 'descending and non-negative');
}

describe('SVD derivation: the assignment matrix A = [[1,1],[1,0],[0,1]]', () => {
  const A = [[1, 1], [1, 0], [0, 1]];
  const { derivation, json } = deriveSvd({ values: A }, opts);

  it('reports the shape, rank and singular values √3 and 1', () => {
    assert.equal(json.rows, 3);
    assert.equal(json.cols, 2);
    assert.equal(json.rank, 2);
    close(json.singularValues, [r3, 1]);
  });

  it('gives the errata vectors under the documented sign convention', () => {
    close(col(json.V, 0), [1 / r2, 1 / r2]);
    close(col(json.V, 1), [-1 / r2, 1 / r2]);
    close(col(json.U, 0), [2 / r6, 1 / r6, 1 / r6]);
    close(col(json.U, 1), [0, -1 / r2, 1 / r2]);
    close(col(json.U, 2), [-1 / r3, 1 / r3, 1 / r3]);
  });

  it('forms AᵀA (not I·A) and states eigenvalues 3 and 1, not √3', () => {
    assert.match(step(derivation, 'gram').tex, /\\begin\{bmatrix\} 2 & 1 \\\\ 1 & 2 \\end\{bmatrix\}/);
    const eig = step(derivation, 'eigenvalues');
    assert.match(eig.text, /λ₁ = 3, λ₂ = 1/);
    assert.doesNotMatch(eig.text, /λ₁ = √3/);
  });

  it('writes the characteristic polynomial λ² − 4λ + 3', () => {
    assert.match(step(derivation, 'charpoly').tex, /\\lambda\^\{2\} - 4\\lambda \+ 3/);
  });

  it('shows σ₁ = √3 in exact form in the text and the TeX', () => {
    const s = step(derivation, 'singular-values');
    assert.match(s.text, /σ₁ = √3 ≈ 1\.7321/);
    assert.match(s.text, /σ₂ = 1/);
    assert.match(s.tex, /\\sigma_\{1\} = \\sqrt\{3\},/);
  });

  it('derives v from (AᵀA − 3I)v = 0, u from Av/σ, and completes U by Gram–Schmidt', () => {
    assert.ok(derivation.steps.some((s) => s.id === 'v-1' && /λ = 3/.test(s.text)));
    assert.ok(derivation.steps.some((s) => s.id === 'u-1'));
    const complete = step(derivation, 'complete-u');
    assert.match(complete.text, /u₃ = \(−1\/√3, 1\/√3, 1\/√3\)/);
  });

  it('explains that compression comes only from truncation, with Eckart–Young checked', () => {
    const t = step(derivation, 'truncation');
    assert.match(t.text, /19 numbers, against 6/);
    const interactive = derivation.interactive;
    assert.ok(interactive?.type === 'svd-truncation');
    const levels = interactive.levels;
    assert.deepEqual(levels.map((l) => l.storage), [6, 12]);
    close([levels[0].eckartYoung, levels[0].direct], [1, 1]);
    close([levels[1].eckartYoung, levels[1].direct], [0, 0]);
  });

  it('passes the JSON contract through the text front end', () => {
    const out = svdFromText('[[1,1],[1,0],[0,1]]');
    assert.deepEqual(Object.keys(out.json), ['kind', 'rows', 'cols', 'rank', 'singularValues', 'U', 'V', 'steps']);
    assert.ok(out.json.steps.every((s) => typeof s.title === 'string' && typeof s.tex === 'string' && typeof s.text === 'string'));
  });
});

describe('SVD derivation: shapes and degenerate cases', () => {
  const cases: Array<[string, number[][]]> = [
    ['wide 2×3', [[1, 1, 0], [1, 0, 1]]],
    ['square 2×2', [[3, 0], [4, 5]]],
    ['rank-deficient 3×3', [[1, 2, 3], [2, 4, 6], [1, 1, 1]]],
    ['repeated singular values (identity)', [[1, 0], [0, 1]]],
    ['1×3 row', [[1, 2, 2]]],
    ['3×1 column', [[2], [0], [1]]],
    ['1×1', [[-5]]],
    ['zero 2×3', [[0, 0, 0], [0, 0, 0]]],
    ['4×4 with quadratic eigenvalues', [[4, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 1], [0, 0, 1, 1]]],
    ['decimal entries', [[0.5, -1.25], [2.5, 0.1], [3, 7]]],
  ];
  for (const [name, A] of cases) {
    it(`${name}: factorises, orthonormal, descending`, () => {
      const { json, derivation } = deriveSvd({ values: A }, opts);
      assertFactorisation(A, json);
      assert.ok(derivation.steps.length >= 4);
      for (const s of derivation.steps) {
        assert.ok(s.title.length > 0 && s.text.length > 0 && s.tex.length > 0, `empty field in ${s.id}`);
        assert.doesNotMatch(s.tex + s.text, /NaN|undefined|Infinity/);
      }
    });
  }

  it('says so for a zero matrix', () => {
    const { derivation, json } = deriveSvd({ values: [[0, 0], [0, 0]] }, opts);
    assert.equal(json.rank, 0);
    assert.ok(derivation.warnings.some((w) => /zero matrix/.test(w)));
  });

  it('explains a repeated eigenvalue', () => {
    const { derivation } = deriveSvd({ values: [[2, 0], [0, 2], [0, 0]] }, opts);
    assert.ok(derivation.steps.some((s) => /any orthonormal basis/.test(s.text)));
  });

  it('1×1: σ = |a| and signs consistent', () => {
    const { json } = deriveSvd({ values: [[-5]] }, opts);
    close(json.singularValues, [5]);
    assert.equal(json.U[0][0] * 5 * json.V[0][0], -5);
  });

  it('summarises a large matrix instead of deriving it by hand', () => {
    const A = Array.from({ length: 30 }, (_, i) => Array.from({ length: 20 }, (_, j) => Math.sin(i * 7 + j * 3) + (i === j ? 2 : 0)));
    const { derivation, json } = deriveSvd({ values: A }, opts);
    assertFactorisation(A, json, 1e-11);
    assert.ok(derivation.steps.some((s) => s.id === 'leading-vectors'));
    assert.ok(derivation.steps.length < 10);
  });
});

describe('SVD derivation: properties on random matrices', () => {
  const entry = fc.integer({ min: -9, max: 9 });
  const matrix = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([m, n]) => fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

  it('reconstructs, is orthogonal and ordered (integer matrices, incl. rank-deficient)', () => {
    fc.assert(
      fc.property(matrix, (A) => {
        assertFactorisation(A, deriveSvd({ values: A }, opts).json, 1e-10);
      }),
      { numRuns: 150 },
    );
  });

  it('handles rank-1 outer products exactly', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.array(entry, { minLength: 1, maxLength: 4 }), (a, b) => {
        const A = a.map((x) => b.map((y) => x * y));
        const { json } = deriveSvd({ values: A }, opts);
        assertFactorisation(A, json, 1e-10);
        const nonzero = a.some((x) => x !== 0) && b.some((y) => y !== 0);
        assert.equal(json.rank, nonzero ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });
});
