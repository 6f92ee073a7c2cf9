import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational, solvePolynomialExact, toTex, toText, value, type PolynomialSolution } from '../../../src/core/exact';

const summary = (s: PolynomialSolution) =>
  s.roots.map((r) => (r.exact ? toText(r.exact) : `≈${r.value.toFixed(6)}`) + (r.multiplicity > 1 ? `×${r.multiplicity}` : ''));

describe('exact/solvePolynomialExact', () => {
  it('λ² − 4λ + 3 → 3, 1 with factorisation (λ − 3)(λ − 1)', () => {
    const s = solvePolynomialExact([1, -4, 3]);
    assert.deepEqual(summary(s), ['3', '1']);
    assert.equal(s.factoredTex, '(\\lambda - 3)(\\lambda - 1)');
    assert.equal(s.factoredText, '(λ − 3)(λ − 1)');
    assert.deepEqual(s.roots.map((r) => r.value), [3, 1]);
  });

  it('λ² − 37λ + 201 → (37 ± √565)/2, largest first, no rational factorisation', () => {
    const s = solvePolynomialExact([1, -37, 201]);
    assert.deepEqual(summary(s), ['(37 + √565)/2', '(37 − √565)/2']);
    assert.equal(toTex(s.roots[0].exact!), '\\frac{37 + \\sqrt{565}}{2}');
    assert.ok(Math.abs(s.roots[0].value - (37 + Math.sqrt(565)) / 2) < 1e-12);
    assert.equal(s.factoredTex, null);
  });

  it('(λ − 2)²(λ − 5) → 5, 2 (multiplicity 2)', () => {
    const s = solvePolynomialExact([1, -9, 24, -20]);
    assert.deepEqual(summary(s), ['5', '2×2']);
    assert.equal(s.factoredTex, '(\\lambda - 5)(\\lambda - 2)^2');
    assert.equal(s.factoredText, '(λ − 5)(λ − 2)²');
  });

  it('λ³ − 6λ² + 11λ − 6 → 3, 2, 1', () => {
    const s = solvePolynomialExact([1, -6, 11, -6]);
    assert.deepEqual(summary(s), ['3', '2', '1']);
    assert.equal(s.factoredTex, '(\\lambda - 3)(\\lambda - 2)(\\lambda - 1)');
  });

  it('falls back to accurate numeric roots for an irreducible cubic (λ³ − 3λ + 1)', () => {
    const s = solvePolynomialExact([1, 0, -3, 1]);
    assert.equal(s.roots.length, 3);
    assert.ok(s.roots.every((r) => r.exact === null));
    // The roots are 2cos(2πk/9) for k = 1, 2, 4.
    const expected = [1, 2, 4].map((k) => 2 * Math.cos((2 * Math.PI * k) / 9)).sort((a, b) => b - a);
    s.roots.forEach((r, i) => assert.ok(Math.abs(r.value - expected[i]) < 1e-14, `${r.value} vs ${expected[i]}`));
    assert.equal(s.factoredTex, null);
  });

  it('mixes rational, quadratic and zero roots: λ(λ − 1)(λ² − 2)', () => {
    const s = solvePolynomialExact([1, -1, -2, 2, 0]);
    assert.deepEqual(summary(s), ['√2', '1', '0', '\u2212√2']);
    assert.equal(s.factoredText, '(λ − 1)λ(λ² − 2)');
  });

  it('splits a quartic with no rational roots into rational quadratics', () => {
    // (λ² − 5)(λ² − 4λ + 1): roots ±√5 and 2 ± √3
    const s = solvePolynomialExact([1, -4, -4, 20, -5]);
    assert.deepEqual(summary(s), ['2 + √3', '√5', '2 \u2212 √3', '\u2212√5']);
    assert.equal(s.factoredText, '(λ² − 5)(λ² − 4λ + 1)');
  });

  it('handles rational coefficients, rational roots with denominators and a repeated quadratic factor', () => {
    const s = solvePolynomialExact([Rational.of(1, 2), Rational.of(-5, 4), Rational.of(1, 2)]); // ½(λ − 2)(λ − ½)
    assert.deepEqual(summary(s), ['2', '1/2']);
    assert.equal(s.factoredText, '(1/2)(λ − 2)(λ − 1/2)');
    assert.equal(s.factoredTex, '\\frac{1}{2}(\\lambda - 2)(\\lambda - \\frac{1}{2})');
    const square = solvePolynomialExact([1, -74, 1771, -14874, 40401]); // (λ² − 37λ + 201)²
    assert.deepEqual(summary(square), ['(37 + √565)/2×2', '(37 − √565)/2×2']);
    assert.equal(square.factoredText, '(λ² − 37λ + 201)²');
  });

  it('reports non-real roots instead of returning them', () => {
    const s = solvePolynomialExact([1, 0, 1]);
    assert.equal(s.roots.length, 0);
    assert.equal(s.nonRealCount, 2);
  });

  it('finds every rational root of random products of linear factors (fast-check)', () => {
    const root = fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 1, max: 6 })).map(([n, d]) => Rational.of(n, d));
    fc.assert(
      fc.property(fc.array(root, { minLength: 1, maxLength: 6 }), (roots) => {
        let poly = [Rational.ONE];
        for (const r of roots) poly = [...poly, Rational.ZERO].map((c, i) => c.sub(i > 0 ? poly[i - 1].mul(r) : 0n));
        const s = solvePolynomialExact(poly);
        const found = s.roots.flatMap((x) => Array(x.multiplicity).fill(x.exact!.kind === 'rational' ? x.exact!.rational.toString() : '?'));
        const expected = [...roots].sort((a, b) => b.compare(a)).map((r) => r.toString());
        assert.deepEqual(found, expected);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the numeric value of each exact root', () => {
    for (const coeffs of [[1, -91, 24], [1, -3, 1], [2, 0, -3], [1, -10, 31, -30]]) {
      for (const r of solvePolynomialExact(coeffs).roots) {
        const residual = coeffs.reduce((acc, c) => acc * r.value + c, 0);
        assert.ok(Math.abs(residual) < 1e-9, `${coeffs}: ${r.value}`);
        if (r.exact) assert.equal(value(r.exact), r.value);
      }
    }
  });
});
