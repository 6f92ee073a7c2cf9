import assert from 'node:assert/strict';
import fc from 'fast-check';
import { QuadNumber, Rational, exactEquals, exactFrom, sqrtExact, toTex, toText, value, type ExactValue } from '../../../src/core/exact';

const surd = (b: Rational, d: bigint): ExactValue => exactFrom(QuadNumber.of(0n, b, d));
const half = (a: number, b: number, d: number) => QuadNumber.of(Rational.of(a, 2), Rational.of(b, 2), d);

describe('exact/ExactValue', () => {
  it('writes surds in the course style by default and rationalised on request', () => {
    const cases: Array<[ExactValue, string, string, string]> = [
      [surd(Rational.ONE, 3n), '√3', '\\sqrt{3}', '√3'],
      [surd(Rational.of(1, 2), 2n), '1/√2', '\\frac{1}{\\sqrt{2}}', '√2/2'],
      [surd(Rational.of(1, 3), 6n), '2/√6', '\\frac{2}{\\sqrt{6}}', '√6/3'],
      [surd(Rational.of(-1, 3), 3n), '\u22121/√3', '-\\frac{1}{\\sqrt{3}}', '\u2212√3/3'],
      [surd(Rational.of(2), 3n), '2√3', '2\\sqrt{3}', '2√3'],
      // √2/3 has no integer k/√2 form, so it stays rationalised.
      [surd(Rational.of(1, 3), 2n), '√2/3', '\\frac{\\sqrt{2}}{3}', '√2/3'],
    ];
    for (const [v, text, tex, rationalized] of cases) {
      assert.equal(toText(v), text);
      assert.equal(toTex(v), tex);
      assert.equal(toText(v, 'rationalized'), rationalized);
    }
  });

  it('writes (a ± b√d)/c and rationals', () => {
    assert.equal(toText(exactFrom(half(37, 1, 565))), '(37 + √565)/2');
    assert.equal(toTex(exactFrom(half(37, -1, 565))), '\\frac{37 - \\sqrt{565}}{2}');
    assert.equal(toText(exactFrom(Rational.of(-3, 4))), '\u22123/4');
    assert.equal(toTex(exactFrom(7n)), '7');
  });

  describe('sqrtExact', () => {
    it('simplifies √ of rationals: √12 = 2√3, √(4/3) = 2/√3, √(9/4) = 3/2', () => {
      assert.equal(toText(sqrtExact(12n)), '2√3');
      assert.equal(toText(sqrtExact(Rational.of(4, 3))), '2/√3');
      assert.equal(toText(sqrtExact(Rational.of(4, 3)), 'rationalized'), '2√3/3');
      assert.equal(toText(sqrtExact(Rational.of(9, 4))), '3/2');
      assert.equal(toText(sqrtExact(0n)), '0');
    });

    it('denests within the field: √(3 + 2√2) = 1 + √2, √((3 + √5)/2) = (1 + √5)/2, √(3 − 2√2) = √2 − 1', () => {
      assert.equal(toText(sqrtExact(QuadNumber.of(3n, 2n, 2n))), '1 + √2');
      assert.equal(toText(sqrtExact(half(3, 1, 5))), '(1 + √5)/2');
      assert.equal(toText(sqrtExact(QuadNumber.of(3n, -2n, 2n))), '\u22121 + √2');
      assert.equal(toText(sqrtExact(QuadNumber.of(6n, 4n, 2n))), '2 + √2');
    });

    it('keeps a nested radical when it does not denest, written as σ = √λ is', () => {
      const sigma = sqrtExact(half(37, 1, 565));
      assert.equal(sigma.kind, 'nested');
      assert.equal(toText(sigma), '√((37 + √565)/2)');
      assert.equal(toTex(sigma), '\\sqrt{\\frac{37 + \\sqrt{565}}{2}}');
      assert.ok(Math.abs(value(sigma) - Math.sqrt((37 + Math.sqrt(565)) / 2)) < 1e-14);
      assert.equal(toText(sqrtExact(QuadNumber.of(3n, 1n, 5n))), '√(3 + √5)');
      assert.equal(toText(sqrtExact(QuadNumber.of(12n, 4n, 5n))), '2√(3 + √5)');
    });

    it('is canonical: equal values give equal structures', () => {
      // √((37 + √565)/2) and ½√(74 + 2√565) are the same number.
      const a = sqrtExact(half(37, 1, 565));
      const b = sqrtExact(QuadNumber.of(Rational.of(74, 4), Rational.of(2, 4), 565n));
      assert.ok(exactEquals(a, b));
    });

    it('refuses negative arguments', () => {
      assert.throws(() => sqrtExact(-1n), RangeError);
      assert.throws(() => sqrtExact(QuadNumber.of(1n, -1n, 2n)), RangeError);
    });

    it('squares back to its argument (fast-check)', () => {
      const arb = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(2n, 3n, 5n, 6n, 565n));
      fc.assert(
        fc.property(arb, ([a, b, c, d]) => {
          // Squares of elements of Q(√d) always denest back into Q(√d).
          const x = QuadNumber.of(Rational.of(a, c), Rational.of(b, c), d);
          const root = sqrtExact(x.mul(x));
          assert.notEqual(root.kind, 'nested');
          assert.ok(Math.abs(value(root) - Math.abs(x.toNumber())) <= 1e-12 * Math.max(1, Math.abs(x.toNumber())));
          // Any positive element: the √ squares back (numerically, for nested forms).
          if (x.sign() > 0) {
            const r = sqrtExact(x);
            assert.ok(Math.abs(value(r) ** 2 - x.toNumber()) <= 1e-12 * Math.max(1, x.toNumber()));
          }
        }),
        { numRuns: 400 },
      );
    });
  });
});
