import assert from 'node:assert/strict';
import fc from 'fast-check';
import { QuadNumber, Rational } from '../../../src/core/exact';
import { quad } from './arbitraries';

describe('exact/QuadNumber (Q(√d))', () => {
  it('normalises the radicand: 3√8 = 6√2, √9 folds into the rational part', () => {
    const x = QuadNumber.of(1n, 3n, 8n);
    assert.equal(x.d, 2n);
    assert.ok(x.b.equals(6n));
    const y = QuadNumber.of(1n, 1n, 9n);
    assert.ok(y.isRational() && y.a.equals(4n));
  });

  it('multiplies and divides exactly: (1 + √2)(1 − √2) = −1, 1/(1 + √2) = √2 − 1', () => {
    const x = QuadNumber.of(1n, 1n, 2n);
    assert.ok(x.mul(x.conjugate()).equals(-1n));
    assert.ok(QuadNumber.rational(1n).div(x).equals(QuadNumber.of(-1n, 1n, 2n)));
  });

  it('knows the exact sign even when a and b√d nearly cancel', () => {
    // Convergents of √2 alternate: 3363/2378 is above it, 47321/33461 below (by 3e-10).
    assert.equal(QuadNumber.of(Rational.of(-3363, 2378), 1n, 2n).sign(), -1);
    const tiny = QuadNumber.of(Rational.of(-47321, 33461), 1n, 2n);
    assert.equal(tiny.sign(), 1);
    // toNumber goes through the conjugate, so even the size is right, not just the sign.
    assert.ok(Math.abs(tiny.toNumber() / (Math.SQRT2 - 47321 / 33461) - 1) < 1e-5);
  });

  it('refuses to mix two different fields', () => {
    assert.throws(() => QuadNumber.of(0n, 1n, 2n).add(QuadNumber.of(0n, 1n, 3n)), RangeError);
    // A rational adopts the other field.
    assert.equal(QuadNumber.rational(3n).add(QuadNumber.of(0n, 1n, 3n)).d, 3n);
  });

  it('formats a + b√d', () => {
    assert.equal(QuadNumber.of(Rational.of(37, 2), Rational.of(1, 2), 565n).toText(), '(37 + √565)/2');
    assert.equal(QuadNumber.of(Rational.of(37, 2), Rational.of(-1, 2), 565n).toTex(), '\\frac{37 - \\sqrt{565}}{2}');
    assert.equal(QuadNumber.of(Rational.of(-37, 2), Rational.of(-1, 2), 565n).toText(), '\u2212(37 + √565)/2');
    assert.equal(QuadNumber.of(1n, -2n, 3n).toText(), '1 \u2212 2√3');
  });

  for (const d of [2n, 3n, 5n, 565n]) {
    it(`satisfies field identities in Q(√${d}) (fast-check)`, () => {
      fc.assert(
        fc.property(quad(d), quad(d), quad(d), (x, y, z) => {
          assert.ok(x.add(y).equals(y.add(x)));
          assert.ok(x.mul(y).equals(y.mul(x)));
          assert.ok(x.mul(y.add(z)).equals(x.mul(y).add(x.mul(z))));
          assert.ok(x.sub(y).add(y).equals(x));
          assert.ok(x.mul(x.conjugate()).isRational());
          if (!y.isZero()) assert.ok(x.div(y).mul(y).equals(x));
          assert.equal(x.sub(x).isZero(), true);
          const numeric = x.toNumber() * y.toNumber();
          assert.ok(Math.abs(x.mul(y).toNumber() - numeric) <= 1e-9 * Math.max(1, Math.abs(numeric)));
        }),
        { numRuns: 300 },
      );
    });
  }
});
