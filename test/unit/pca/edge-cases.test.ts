/**
 * Numerical edge cases of PCA against numpy fixtures
 * (test/fixtures/linalg/gen-edge-cases.py; scikit-learn's conventions: N − 1,
 * largest |loading| positive): constant and duplicate data, d = 1, features
 * 1e300 apart, values whose squares overflow or underflow, and NaN/Infinity.
 * Eigenvalues must agree to d·ε·λ₁ (the eigensolver's error bound, with a
 * small factor), nothing may show Infinity or NaN, and what cannot be
 * computed is refused with a message that says why and what to do.
 */
import assert from 'node:assert/strict';
import { isMdlError } from '../../../src/core/errors';
import { fitPca } from '../../../src/core/pca/compute';
import { derivePca } from '../../../src/core/pca/derive';
import { pcaFromInput } from '../../../src/core/topics';
import { loadFixture } from '../linalg/helpers';

const EPS = Number.EPSILON;
const options = { precision: 4, exactForms: true, components: 1, denominator: 'n-1' as const };

interface Case {
  name: string;
  samples: number;
  features: number;
  data: number[];
  mean: number[];
  eigenvalues: number[];
  components: number[][];
}
const fixture = loadFixture<{ pca: Case[] }>('edge-cases.json');
const rowsOf = (c: Case) => Array.from({ length: c.samples }, (_, i) => c.data.slice(i * c.features, (i + 1) * c.features));
const derive = (X: number[][], k = 1) =>
  derivePca({ featureNames: X[0].map(() => ''), samples: X, orientation: 'samples-as-rows' }, { ...options, components: k });

function assertNothingNonFinite(out: unknown, label: string) {
  const text = JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? `NONFINITE(${v})` : v));
  for (const bad of ['NONFINITE', 'NaN', 'Infinity']) assert.ok(!text.includes(bad), `${label}: output contains ${bad}: …${text.slice(Math.max(0, text.indexOf(bad) - 80), text.indexOf(bad) + 40)}…`);
}

function assertRefused(fn: () => unknown, pattern: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isMdlError(e), `not an MdlError: ${e}`);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

describe('PCA edge cases against numpy', () => {
  for (const c of fixture.pca) {
    it(`${c.name}: means, eigenvalues to d·ε·λ₁, components (sign as scikit-learn), nothing non-finite`, () => {
      const X = rowsOf(c);
      const out = derive(X, c.features);
      const fit = fitPca(X, c.features);
      c.mean.forEach((m, j) => assert.ok(Math.abs(fit.mean[j] - m) <= 4 * EPS * Math.abs(m), `mean ${j}: ${fit.mean[j]} vs ${m}`));
      const tol = 8 * EPS * c.features * c.eigenvalues[0];
      c.eigenvalues.forEach((l, i) => assert.ok(Math.abs(out.json.eigenvalues[i] - l) <= tol, `λ${i + 1} = ${out.json.eigenvalues[i]}, numpy ${l}`));
      // A component is determined only when its eigenvalue is separated from the others beyond rounding.
      c.components.forEach((e, i) => {
        const gap = Math.min(...c.eigenvalues.filter((_, t) => t !== i).map((l) => Math.abs(l - c.eigenvalues[i])));
        if (gap <= 1e-8 * c.eigenvalues[0]) return;
        e.forEach((x, j) => assert.ok(Math.abs(fit.eigenvectors[i][j] - x) <= 1e-10, `e${i + 1}[${j}] = ${fit.eigenvectors[i][j]} vs ${x}`));
      });
      assertNothingNonFinite(out, c.name);
    });
  }

  it('a constant feature: variance 0, named in a warning; its axis is the last component', () => {
    const out = derive([[1, 5], [2, 5], [3, 5], [4, 5]], 2);
    assert.match(out.derivation.warnings.join(), /“x₂” is constant/);
    assert.deepEqual(out.json.eigenvalues, [5 / 3, 0]);
    assert.deepEqual(out.json.components[1].map(Math.abs), [0, 1]);
  });

  it('duplicate samples count twice (no special casing): numpy eigenvalues', () => {
    const out = derive([[1, 2], [1, 2], [3, 1], [3, 1], [0, 0]], 2);
    assert.deepEqual(out.derivation.warnings, []);
  });

  it('all samples identical: every feature constant, explained variance 0 (not NaN)', () => {
    const out = derive([[1, 2], [1, 2], [1, 2]]);
    assert.deepEqual(out.json.eigenvalues, [0, 0]);
    assert.deepEqual(out.json.explainedVarianceRatio, [0]);
    assertNothingNonFinite(out, 'identical samples');
  });

  it('N = 1: a clear error (the N − 1 denominator would be 0)', () => {
    assertRefused(() => derive([[1, 2]]), /at least 2 samples/);
    assertRefused(() => pcaFromInput({ text: '1 2', components: 1, transpose: false, edits: [] }), /at least 2 samples/);
  });

  it('d = 1: λ is the sample variance, e₁ = (1), 100% explained', () => {
    const out = derive([[1], [2], [4], [7]]);
    assert.ok(Math.abs(out.json.eigenvalues[0] - 7) <= 8 * EPS);
    assert.deepEqual(out.json.components, [[1]]);
    assert.deepEqual(out.json.explainedVarianceRatio, [1]);
  });

  it('features 1e150 apart: no overflowing characteristic polynomial, a warning that the small variance is below rounding', () => {
    const out = derive([[1e150, 1e-150], [2e150, 3e-150], [4e150, 2e-150], [3e150, 5e-150]], 2);
    const warnings = out.derivation.warnings.join('\n');
    assert.match(warnings, /characteristic polynomial multiplies 2 of them, which would overflow/);
    assert.match(warnings, /differ by a factor of about 10⁶⁰⁰: “x₂” varies by only about 1\.7e-150.*Standardise/s);
    assert.equal(out.derivation.steps.find((s) => s.id === 'charpoly')!.title, 'Eigenvalues of C (numerical)');
    assertNothingNonFinite(out, '1e150 apart');
  });

  it('values ~1e150 (variances ~1e300): right eigenvalues, no NaN from the characteristic polynomial', () => {
    const X = [[1, 2], [2, 3], [4, 1], [3, 5]].map((r) => r.map((x) => x * 1e150));
    const out = derive(X, 2);
    assertNothingNonFinite(out, '1e150');
    const ref = fixture.pca.find((c) => c.name.startsWith('values ~1e150'))!.eigenvalues;
    ref.forEach((l, i) => assert.ok(Math.abs(out.json.eigenvalues[i] / l - 1) < 1e-12, `λ${i + 1} = ${out.json.eigenvalues[i]} vs numpy ${l}`));
  });

  it('values ~1e200 whose squares overflow: refused, saying why and to divide by a power of ten', () => {
    const X = [[1, 2], [2, 3], [4, 1], [3, 5]].map((r) => r.map((x) => x * 1e200));
    assertRefused(() => derive(X), /Feature 1 spreads by about 1\.3e\+200, so its variance \(the square\) is beyond double precision.*Divide the data by a power of ten \(e\.g\. 1e200\)/);
  });

  it('values ~1e-200 whose squares underflow: the directions and ratios from exactly rescaled data, variances 0, said so; not "constant"', () => {
    const base = [[1, 2], [2, 3], [4, 1], [3, 5]];
    const ref = derive(base, 2);
    const out = derive(base.map((r) => r.map((x) => x * 1e-200)), 2);
    assert.deepEqual(out.json.eigenvalues, [0, 0]);
    out.json.components.forEach((e, i) => e.forEach((x, j) => assert.ok(Math.abs(x - ref.json.components[i][j]) < 1e-12, `e${i + 1}`)));
    out.json.explainedVarianceRatio.forEach((r, i) => assert.ok(Math.abs(r - ref.json.explainedVarianceRatio[i]) < 1e-12));
    out.json.projections.forEach((z, i) => z.forEach((x, t) => assert.ok(Math.abs(x / 1e-200 - ref.json.projections[i][t]) < 1e-10, `z${i}`)));
    const warnings = out.derivation.warnings.join('\n');
    assert.match(warnings, /variances \(squares\) fall below the smallest normal double/);
    assert.doesNotMatch(warnings, /constant/);
    assertNothingNonFinite(out, '1e-200');
  });

  it('a subnormal spread next to an ordinary constant feature: no overflow from rescaling', () => {
    const fit = fitPca([[0, 7], [0, 7], [0, 7], [-5e-324, 7]], 1);
    assert.deepEqual(fit.mean, [-0, 7].map((x, j) => (j === 0 ? fit.mean[0] : x)));
    assert.ok([...fit.eigenvalues, ...fit.components.flat(), ...fit.projections.flat(), ...fit.reconstruction.flat()].every(Number.isFinite));
    assert.deepEqual(fit.constantFeatures, [1]);
    assert.deepEqual(fit.components[0].map(Math.abs), [1, 0]);
  });

  it('one feature with a subnormal spread next to ordinary ones: computed, with a warning (not refused, not "constant")', () => {
    const out = derive([[0, 1], [0, 2], [-5e-324, 4]], 2);
    assert.deepEqual(out.json.eigenvalues.map((x) => x.toFixed(6)), ['2.333333', '0.000000']);
    const warnings = out.derivation.warnings.join('\n');
    assert.match(warnings, /“x₁” varies by only about 4\.9e-324.*rounding noise/s);
    assert.doesNotMatch(warnings, /constant/);
    assertNothingNonFinite(out, 'subnormal feature');
  });

  it('values near 1e308: the mean does not overflow (sums x/N); the variance is refused with its finite spread', () => {
    assertRefused(() => fitPca([[1e308, 1], [1.5e308, 2], [1.7e308, 4]], 1), /Feature 1 spreads by about 3\.6e\+307, so its variance/);
    const fit = fitPca([[1e308, 1], [1e308, 2], [1e308, 4]], 1);
    assert.deepEqual(fit.mean.slice(0, 1), [1e308]);
    assert.deepEqual(fit.constantFeatures, [0]);
  });

  it('NaN or Infinity in the data: a clear error naming the sample and the feature', () => {
    assertRefused(() => derive([[1, 2], [NaN, 3], [4, 1]]), /Sample 2, feature 1 is NaN/);
    assertRefused(() => derive([[1, 2], [3, Infinity], [4, 1]]), /Sample 2, feature 2 is Infinity/);
    assert.throws(() => fitPca([[1, 2], [3, -Infinity]], 1), (e: unknown) => isMdlError(e) && e.cell?.row === 2 && e.cell.col === 2);
    // Typed text is refused by the parser with the row and column.
    assertRefused(() => pcaFromInput({ text: 'a,b\n1,2\n3,Infinity\n4,1', components: 1, transpose: false, edits: [] }), /row 2, column 2/);
  });
});
