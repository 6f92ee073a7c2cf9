/**
 * Numerical edge cases of the SVD, end to end: the float SVD and the
 * derivation (panel, CLI JSON) against numpy.linalg.svd fixtures
 * (test/fixtures/linalg/gen-edge-cases.py). Singular values must agree to
 * max(m, n)·ε·σ₁ (LAPACK's own error bound, with a small factor), the factors
 * must reconstruct A and be orthogonal, the rank must be numpy's
 * matrix_rank, nothing may print Infinity or NaN, and where the answer is
 * limited by rounding the derivation must say so.
 */
import assert from 'node:assert/strict';
import { fromRows, numericalRank, svd } from '../../../src/core/linalg';
import { deriveSvd } from '../../../src/core/svd/derive';
import { svdFromText } from '../../../src/core/topics';
import { loadFixture } from '../linalg/helpers';

const EPS = Number.EPSILON;
const opts = { precision: 4, exactForms: true };

interface Case {
  name: string;
  rows: number;
  cols: number;
  data: number[];
  s: number[];
  rank: number;
  U: number[];
  V: number[];
  expect: 'ill' | 'noise' | 'exact' | 'scaled' | 'summary' | 'clean' | 'zero' | 'cluster';
}
const fixture = loadFixture<{ svd: Case[] }>('edge-cases.json');
const rowsOf = (c: Case) => Array.from({ length: c.rows }, (_, i) => c.data.slice(i * c.cols, (i + 1) * c.cols));

/** ‖A − UΣVᵀ‖_F / ‖A‖_F, ‖UᵀU − I‖_F and ‖VᵀV − I‖_F, computed on A/‖A‖ so 1e±300 entries neither overflow nor underflow. */
function residuals(A: number[][], U: number[][], s: number[], V: number[][]) {
  const m = A.length, n = A[0].length;
  const norm = Math.max(...A.flat().map(Math.abs)) || 1;
  let rec = 0, size = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let t = 0; t < s.length; t++) x += U[i][t] * (s[t] / norm) * V[j][t];
      rec += (A[i][j] / norm - x) ** 2;
      size += (A[i][j] / norm) ** 2;
    }
  const orth = (Q: number[][]) => {
    let e = 0;
    for (let a = 0; a < Q.length; a++) for (let b = 0; b < Q.length; b++) e += (Q.reduce((acc, r) => acc + r[a] * r[b], 0) - (a === b ? 1 : 0)) ** 2;
    return Math.sqrt(e);
  };
  return { rec: Math.sqrt(rec) / (Math.sqrt(size) || 1), orthU: orth(U), orthV: orth(V) };
}

function assertSingularValues(actual: ArrayLike<number>, c: Case, label: string) {
  const tol = 8 * EPS * Math.max(c.rows, c.cols) * (c.s[0] ?? 0);
  assert.equal(actual.length, c.s.length);
  for (let i = 0; i < c.s.length; i++) {
    assert.ok(Number.isFinite(actual[i]), `${label} σ${i + 1} = ${actual[i]}`);
    assert.ok(Math.abs(actual[i] - c.s[i]) <= tol, `${label} σ${i + 1} = ${actual[i]}, numpy ${c.s[i]} (tolerance ${tol})`);
  }
}

/** The whole outcome as JSON may not contain a non-finite number, nor print one in TeX or text. */
function assertNothingNonFinite(out: unknown, label: string) {
  const text = JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? `NONFINITE(${v})` : v));
  for (const bad of ['NONFINITE', 'NaN', 'Infinity', '\\infty \\times', 'undefined']) assert.ok(!text.includes(bad), `${label}: output contains ${bad}: …${text.slice(Math.max(0, text.indexOf(bad) - 80), text.indexOf(bad) + 40)}…`);
}

describe('SVD edge cases against numpy.linalg.svd', () => {
  for (const c of fixture.svd) {
    describe(c.name, () => {
      const A = rowsOf(c);

      it('the float SVD: σ to max(m, n)·ε·σ₁, numpy rank, reconstruction and orthogonality', () => {
        const r = svd(fromRows(A));
        assertSingularValues(r.s, c, 'svd');
        assert.equal(numericalRank(r.s, c.rows, c.cols), c.rank, 'numerical rank (numpy matrix_rank)');
        const rowsU = Array.from({ length: c.rows }, (_, i) => Array.from(r.U.data.subarray(i * c.rows, (i + 1) * c.rows)));
        const rowsV = Array.from({ length: c.cols }, (_, i) => Array.from(r.V.data.subarray(i * c.cols, (i + 1) * c.cols)));
        const res = residuals(A, rowsU, Array.from(r.s), rowsV);
        // Subnormal entries carry fewer than 53 bits, so their reconstruction is only as good as the input.
        const recTol = c.data.some((x) => x !== 0 && Math.abs(x) < 2 ** -1022) ? 1e-13 : 1e-14;
        assert.ok(res.rec <= recTol, `‖A − UΣVᵀ‖/‖A‖ = ${res.rec}`);
        assert.ok(res.orthU <= 1e-14 && res.orthV <= 1e-14, `orthogonality ${res.orthU}, ${res.orthV}`);
      });

      it('the derivation: same σ and rank, factors that reconstruct, no Infinity or NaN anywhere', () => {
        const out = deriveSvd({ values: A }, opts);
        assertSingularValues(out.json.singularValues, c, 'derivation');
        assert.equal(out.json.rank, c.rank, 'rank');
        assert.equal(out.derivation.interactive && 'rank' in out.derivation.interactive ? out.derivation.interactive.rank : -1, c.rank);
        const res = residuals(A, out.json.U, out.json.singularValues, out.json.V);
        assert.ok(res.rec <= 1e-13, `‖A − UΣVᵀ‖/‖A‖ = ${res.rec}`);
        assert.ok(res.orthU <= 1e-13 && res.orthV <= 1e-13, `orthogonality ${res.orthU}, ${res.orthV}`);
        assertNothingNonFinite(out, c.name);
        assertWarnings(c, out.derivation.warnings, out.derivation.steps.map((s) => s.id));
      });
    });
  }
});

function assertWarnings(c: Case, warnings: string[], stepIds: string[]) {
  const all = warnings.join('\n');
  const has = (re: RegExp) => assert.match(all, re, `${c.name}: warnings were ${JSON.stringify(warnings)}`);
  switch (c.expect) {
    case 'ill':
      has(/condition number is [\d.]+×10¹[⁴⁵]/);
      has(/squares it/);
      assert.ok(!stepIds.includes('gram'), 'the hand route (AᵀA) is not shown for an ill-conditioned float matrix');
      break;
    case 'noise':
      has(/(noise and counts? as zero|to working precision)/);
      has(/numerical rank/);
      break;
    case 'scaled':
      has(/The entries are of order 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+/);
      has(/(overflow|underflow)/);
      assert.ok(stepIds[0] === 'scale' && stepIds.includes('rescale'), `steps ${stepIds}`);
      break;
    case 'summary':
      assert.deepEqual(warnings, []);
      assert.ok(stepIds.includes('singular-values'));
      break;
    case 'zero':
      has(/zero matrix/);
      break;
    case 'cluster':
      has(/differ by only/);
      break;
    case 'exact':
      // Through deriveSvd without exact cells the input is float: the rank-deficiency is reported as such.
      has(/(noise|working precision)/);
      break;
    case 'clean':
      assert.deepEqual(warnings, [], `${c.name}: ${warnings}`);
      break;
  }
}

describe('SVD edge cases typed as text (exact rational cells)', () => {
  it('an exactly singular integer matrix keeps its exact derivation: σ₂ = 0 exactly, rank 1, no noise warning', () => {
    const out = svdFromText('[[1, 2], [2, 4]]');
    assert.deepEqual(out.json.singularValues.map((x) => x), [out.json.singularValues[0], 0]);
    assert.ok(Math.abs(out.json.singularValues[0] - 5) <= 5 * EPS * 2);
    assert.equal(out.json.rank, 1);
    assert.deepEqual(out.derivation.warnings, []);
    assert.ok(out.derivation.steps.some((s) => s.id === 'charpoly' && /\\lambda\^2 - 25\\lambda/.test(s.tex)), 'λ² − 25λ');
  });

  it('a rank-deficient 4×4 and duplicate rows: exact zeros, not 1e-16', () => {
    for (const [text, rank] of [['[[1,2,3,4],[2,4,6,8],[1,0,1,0],[3,2,4,4]]', 3], ['[[1,2,3],[1,2,3],[4,5,6]]', 2]] as const) {
      const out = svdFromText(text);
      assert.equal(out.json.rank, rank, text);
      assert.ok(out.json.singularValues.slice(rank).every((x) => x === 0), `${text}: ${out.json.singularValues}`);
      assert.deepEqual(out.derivation.warnings, [], text);
      assert.ok(out.derivation.steps.some((s) => s.id === 'gram'), 'hand route kept');
    }
  });

  it('1×1 [[0]] and [[-3]]: σ = 0 (zero-matrix note) and σ = 3 with u = −1', () => {
    const zero = svdFromText('[[0]]');
    assert.deepEqual(zero.json.singularValues, [0]);
    assert.equal(zero.json.rank, 0);
    assert.match(zero.derivation.warnings.join(), /zero matrix/);
    const neg = svdFromText('[[-3]]');
    assert.deepEqual(neg.json.singularValues, [3]);
    assert.deepEqual([neg.json.U[0][0] * 3 * neg.json.V[0][0]], [-3]);
    assert.deepEqual(neg.derivation.warnings, []);
  });

  it('entries 1e300: exact derivation of B = A/10³⁰⁰ (λ² − 30λ + 4), scaled back, warning about AᵀA overflowing', () => {
    const out = svdFromText('[[1e300, 2e300], [3e300, 4e300]]');
    assertNothingNonFinite(out, '1e300');
    assert.match(out.derivation.warnings.join(), /too large to square: AᵀA would overflow/);
    const ids = out.derivation.steps.map((s) => s.id);
    assert.equal(ids[0], 'scale');
    assert.ok(out.derivation.steps.some((s) => s.id === 'charpoly' && s.tex.includes('\\lambda^2 - 30\\lambda + 4')), 'exact polynomial of B');
    assert.ok(out.derivation.steps.some((s) => s.id === 'gram' && s.title === 'Form BᵀB'));
    // √(15 ± √221)·1e300, numpy: 5.464985704219043e300, 3.659662e299.
    assert.ok(Math.abs(out.json.singularValues[0] / 5.464985704219043e300 - 1) < 4 * EPS);
    assert.ok(Math.abs(out.json.singularValues[1] / 3.6596619062625746e299 - 1) < 1e-14);
  });

  it('subnormal entries 1e-310: no hang in exact arithmetic, derivation on B = A·10³¹⁰, warning about underflow', () => {
    const out = svdFromText('[[1e-310, 2e-310], [3e-310, 4e-310]]');
    assert.match(out.derivation.warnings.join(), /squares underflow/);
    assert.ok(Math.abs(out.json.singularValues[0] / 5.464985704219043e-310 - 1) < 1e-13);
    assertNothingNonFinite(out, '1e-310');
    const check = out.derivation.steps.find((s) => s.id === 'verify')!;
    assert.ok(check.tex.includes('10^{-310}'), 'the reconstruction is shown as 10⁻³¹⁰·[…], not as zeros');
  });

  it('mixed 1 and 1e-310 (rationals too large for exact arithmetic) finishes quickly on the numeric route', () => {
    const out = svdFromText('[[1, 1e-310], [0, 1]]');
    assert.deepEqual(out.json.singularValues, [1, 1]);
    assert.equal(out.json.rank, 2);
  });

  it('a rational matrix whose smallest σ is below the float tolerance: exact rank 2, numerical rank 1, said so', () => {
    const out = svdFromText('[[1, 1], [1, 1.00000000000000000001]]');
    assert.equal(out.json.rank, 1);
    assert.match(out.derivation.warnings.join('\n'), /(exact arithmetic A has rank 2|working precision|noise)/);
  });

  it('cond 1e15–1e17 typed as decimals: numpy σ to ε·σ₁, and the derivation says what rounding decided', () => {
    for (const c of fixture.svd.filter((x) => /^cond 1e1[567] \(2×2/.test(x.name))) {
      const [a, b, , d] = c.data;
      const out = svdFromText(`[[${a}, ${b}], [${b}, ${d}]]`);
      assertSingularValues(out.json.singularValues, c, c.name);
      assert.equal(out.json.rank, c.rank, c.name);
      const all = out.derivation.warnings.join('\n');
      if (c.rank === 2) {
        // κ ≈ 1e15: the hand route cannot resolve σ₂, so the summary is shown and says why.
        assert.match(all, /condition number is [\d.]+×10¹⁴/);
        assert.match(all, /AᵀA squares its condition number/);
        assert.ok(!out.derivation.steps.some((st) => st.id === 'gram'));
      } else {
        // Exactly, the typed matrix is invertible; in floating point σ₂ is below max(m, n)·ε·σ₁.
        assert.match(all, /In exact arithmetic A has rank 2, but its smallest non-zero singular value is below the floating-point tolerance/);
      }
      assertNothingNonFinite(out, c.name);
    }
  });
});
