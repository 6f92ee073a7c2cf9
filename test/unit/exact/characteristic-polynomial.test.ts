import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Rational,
  characteristicPolynomial,
  determinant,
  evaluatePolynomial,
  polynomialToTex,
  polynomialToText,
  matrixMultiply,
  transpose,
} from '../../../src/core/exact';

const texts = (coeffs: Rational[]) => coeffs.map((c) => c.toString());

/** det(λI − A) in floating point by Gaussian elimination with partial pivoting. */
function numericCharPoly(a: number[][], lambda: number): number {
  const m = a.map((row, i) => row.map((v, j) => (i === j ? lambda - v : -v)));
  let det = 1;
  for (let c = 0; c < m.length; c++) {
    let p = c;
    for (let r = c + 1; r < m.length; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (m[p][c] === 0) return 0;
    if (p !== c) [m[p], m[c], det] = [m[c], m[p], -det];
    det *= m[c][c];
    for (let r = c + 1; r < m.length; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k < m.length; k++) m[r][k] -= f * m[c][k];
    }
  }
  return det;
}

describe('exact/characteristicPolynomial', () => {
  it('gives λ² − 4λ + 3 for [[2,1],[1,2]] and λ² − 37λ + 201 for [[14,−11],[−11,23]]', () => {
    const p = characteristicPolynomial([[2, 1], [1, 2]]);
    assert.deepEqual(texts(p), ['1', '-4', '3']);
    assert.equal(polynomialToTex(p), '\\lambda^2 - 4\\lambda + 3');
    assert.equal(polynomialToText(p), 'λ² − 4λ + 3');
    const q = characteristicPolynomial([[14, -11], [-11, 23]]);
    assert.equal(polynomialToTex(q), '\\lambda^2 - 37\\lambda + 201');
    assert.equal(polynomialToText(q), 'λ² − 37λ + 201');
  });

  it('computes AᵀA exactly first, as the derivation does', () => {
    const a = [[1, 2], [3, 4], [5, 6]];
    const ata = matrixMultiply(transpose(a), a);
    assert.deepEqual(ata.map((r) => r.map(String)), [['35', '44'], ['44', '56']]);
    assert.equal(polynomialToText(characteristicPolynomial(ata)), 'λ² − 91λ + 24');
  });

  it('supports det(A − λI) for odd sizes (sign flips)', () => {
    const a = [[2, 0, 0], [0, 3, 0], [0, 0, 5]];
    assert.equal(polynomialToText(characteristicPolynomial(a)), 'λ³ − 10λ² + 31λ − 30');
    assert.equal(polynomialToText(characteristicPolynomial(a, 'A-lambdaI')), '−λ³ + 10λ² − 31λ + 30');
  });

  it('handles rational entries and writes fractional coefficients', () => {
    const p = characteristicPolynomial([[Rational.of(1, 2), 0], [0, Rational.of(1, 3)]]);
    assert.equal(polynomialToTex(p), '\\lambda^2 - \\frac{5}{6}\\lambda + \\frac{1}{6}');
    assert.equal(polynomialToText(p), 'λ² − (5/6)λ + 1/6');
  });

  it('matches det(λI − A) at random λ for random 3×3 and 4×4 integer matrices', () => {
    const matrix = (n: number) => fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(fc.oneof(matrix(3), matrix(4)), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 7 }), (a, num, den) => {
        const p = characteristicPolynomial(a);
        assert.equal(p.length, a.length + 1);
        // Exact: compare with an exact determinant at a rational λ.
        const lambda = Rational.of(num, den);
        const shifted = a.map((row, i) => row.map((v, j) => (i === j ? lambda.sub(v) : Rational.of(-v))));
        assert.ok(evaluatePolynomial(p, lambda).equals(determinant(shifted)));
        // Numeric: compare with floating-point elimination at a random real λ.
        const x = num / den + 0.123;
        const exactAtX = p.reduce((acc, c) => acc * x + c.toNumber(), 0);
        const numeric = numericCharPoly(a, x);
        assert.ok(Math.abs(exactAtX - numeric) <= 1e-9 * Math.max(1, Math.abs(numeric)), `${exactAtX} vs ${numeric}`);
      }),
      { numRuns: 200 },
    );
  });

  it('has trace and determinant in the expected places', () => {
    const a = [[4, 1, 0, 2], [1, 3, 1, 0], [0, 1, 2, 1], [2, 0, 1, 5]];
    const p = characteristicPolynomial(a);
    assert.ok(p[1].equals(-14n)); // −trace
    assert.ok(p[4].equals(determinant(a))); // (−1)⁴ det A
  });
});
