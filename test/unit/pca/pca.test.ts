import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitPca, flipLargestPositive } from '../../../src/core/pca/compute';
import { derivePca, featureTex } from '../../../src/core/pca/derive';
import { fromRows, svd } from '../../../src/core/linalg';

const options = { precision: 4, exactForms: true, components: 1, denominator: 'n-1' as const };
const assignment = [[4, 11], [8, 4], [13, 5], [7, 14]];
const exactOf = (X: number[][]) => X.map((r) => r.map((x) => ({ num: BigInt(x), den: 1n })));

const near = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);

describe('PCA on the assignment data (X₁ = 4, 8, 13, 7; X₂ = 11, 4, 5, 14)', () => {
  const { derivation, json } = derivePca(
    { featureNames: ['X₁', 'X₂'], samples: assignment, exact: exactOf(assignment), orientation: 'features-as-rows' },
    options,
  );

  it('means, covariance with N − 1', () => {
    assert.deepEqual(json.mean, [8, 8.5]);
    assert.deepEqual(json.covariance, [[14, -11], [-11, 23]]);
  });

  it('characteristic polynomial λ² − 37λ + 201 (not + 20) and roots (37 ± √565)/2', () => {
    const charpoly = derivation.steps.find((s) => s.id === 'charpoly')!;
    assert.match(charpoly.tex, /\\lambda\^2 - 37\\lambda \+ 201/);
    const eig = derivation.steps.find((s) => s.id === 'eigenvalues')!;
    assert.match(eig.tex, /\\frac\{37 \+ \\sqrt\{565\}\}\{2\} \\approx 30\.3849/);
    assert.match(eig.text, /λ₂ = \(37 − √565\)\/2 ≈ 6\.6151/);
    near(json.eigenvalues[0], (37 + Math.sqrt(565)) / 2, 1e-12);
    near(json.eigenvalues[1], (37 - Math.sqrt(565)) / 2, 1e-12);
  });

  it('unit eigenvector ±(0.5574, −0.8303) and projections ±(−4.3052, 3.7361, 5.6928, −5.1238)', () => {
    const e1 = json.components[0];
    const sign = Math.sign(e1[0]) === 1 ? 1 : -1;
    near(sign * e1[0], 0.5574, 5e-5);
    near(sign * e1[1], -0.8303, 5e-5);
    const expected = [-4.3052, 3.7361, 5.6928, -5.1238];
    json.projections.forEach((z, i) => near(sign * z[0], expected[i], 5e-5, `sample ${i + 1}`));
  });

  it('explained variance ratio 82.12% for PC1', () => {
    near(json.explainedVarianceRatio[0], 30.3849 / 37, 1e-5);
    assert.match(derivation.steps.find((s) => s.id === 'explained')!.text, /82\.12%/);
  });

  it('reconstruction error matches √((N−1)·λ₂)', () => {
    const fit = fitPca(assignment, 1);
    near(fit.reconstructionError, Math.sqrt(3 * json.eigenvalues[1]), 1e-12);
  });

  it('the N denominator scales the covariance by (N−1)/N', () => {
    const fit = fitPca(assignment, 1, 'n');
    assert.deepEqual(fit.covariance, [[10.5, -8.25], [-8.25, 17.25]]);
  });

  it('scatter data: mean, axes scaled by √λ, projection feet on e₁', () => {
    const scatter = derivation.interactive;
    assert.ok(scatter && scatter.type === 'pca-scatter');
    assert.deepEqual(scatter.mean, [8, 8.5]);
    const axis = scatter.axes![0];
    near(Math.hypot(axis.to[0] - axis.from[0], axis.to[1] - axis.from[1]), Math.sqrt(json.eigenvalues[0]), 1e-12);
    assert.equal(scatter.feet!.length, 4);
    assert.ok(scatter.editable);
  });
});

describe('PCA edge cases', () => {
  it('one sample is an error that says why', () => {
    assert.throws(() => fitPca([[1, 2]], 1), /at least 2 samples/);
  });
  it('a constant feature gets a warning', () => {
    const { derivation } = derivePca({ featureNames: ['a', 'b'], samples: [[1, 5], [2, 5], [3, 5]], orientation: 'samples-as-rows' }, options);
    assert.ok(derivation.warnings.some((w) => /“b” is constant/.test(w)));
  });
  it('feature names become safe TeX', () => {
    assert.equal(featureTex('X₁'), 'X_{1}');
    assert.equal(featureTex('$X_2$'), 'X_{2}');
    assert.doesNotMatch(featureTex('\\href{javascript:alert(1)}{x}'), /\\href/);
  });
  it('the sign convention makes the largest loading positive', () => {
    assert.deepEqual(flipLargestPositive([0.5, -0.8]), [-0.5, 0.8]);
    assert.deepEqual(flipLargestPositive([0.6, 0.6]), [0.6, 0.6]);
  });
});

describe('PCA agrees with the SVD of the centred data (independent route)', () => {
  const dataset = fc
    .tuple(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 2, max: 6 }))
    .chain(([N, d]) => fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: d, maxLength: d }), { minLength: N, maxLength: N }));

  it('eigenvalues = σ²/(N−1), components = ±right singular vectors, projections zero-mean with variance λ', () => {
    fc.assert(
      fc.property(dataset, (X) => {
        const N = X.length;
        const d = X[0].length;
        const k = Math.min(2, d);
        const fit = fitPca(X, k);
        const { s, V } = svd(fromRows(fit.centred));
        const scale = Math.max(1, fit.eigenvalues[0]);
        for (let j = 0; j < d; j++) near(fit.eigenvalues[j], j < s.length ? s[j] ** 2 / (N - 1) : 0, 1e-9 * scale, `λ${j}`);
        // Components are orthonormal.
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++)
            near(fit.components[a].reduce((t, x, i) => t + x * fit.components[b][i], 0), a === b ? 1 : 0, 1e-10, 'orthonormal');
        for (let t = 0; t < k; t++) {
          const z = fit.projections.map((p) => p[t]);
          const mean = z.reduce((a, b) => a + b, 0) / N;
          near(mean, 0, 1e-9 * Math.sqrt(scale), 'zero mean');
          const variance = z.reduce((a, b) => a + b * b, 0) / (N - 1);
          near(variance, fit.eigenvalues[t], 1e-8 * scale, 'variance = λ');
          // Same axis as the SVD's right singular vector when the eigenvalue is well separated.
          const gap = Math.min(...fit.eigenvalues.filter((_, j) => j !== t).map((l) => Math.abs(l - fit.eigenvalues[t])));
          if (gap > 1e-6 * scale) {
            const vt = Array.from({ length: d }, (_, i) => V.data[i * V.cols + t]);
            const cos = Math.abs(vt.reduce((acc, x, i) => acc + x * fit.components[t][i], 0));
            near(cos, 1, 1e-6, 'same axis');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
