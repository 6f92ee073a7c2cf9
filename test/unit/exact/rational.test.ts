import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational, add, compare, div, isZero, mul, neg, sub, toNumber, rationalToTex, rationalToText } from '../../../src/core/exact';
import { rational } from './arbitraries';

describe('exact/Rational', () => {
  it('is always reduced with a positive denominator', () => {
    const r = Rational.of(6n, -4n);
    assert.equal(r.num, -3n);
    assert.equal(r.den, 2n);
    assert.equal(Rational.of(0n, -7n).den, 1n);
  });

  it('accepts the parser shape { num, den } in every operation', () => {
    const half = { num: 1n, den: 2n };
    const third = { num: 2n, den: 6n };
    assert.equal(add(half, third).toString(), '5/6');
    assert.equal(sub(half, third).toString(), '1/6');
    assert.equal(mul(half, third).toString(), '1/6');
    assert.equal(div(half, third).toString(), '3/2');
    assert.equal(neg(half).toString(), '-1/2');
    assert.equal(compare(half, third), 1);
    assert.equal(isZero({ num: 0n, den: 5n }), true);
    assert.equal(toNumber(third), 1 / 3);
  });

  it('refuses floats and zero denominators', () => {
    assert.throws(() => Rational.of(0.5), RangeError);
    assert.throws(() => Rational.of(1n, 0n), RangeError);
    assert.throws(() => Rational.ONE.div(0n), RangeError);
  });

  it('writes TeX and Unicode text', () => {
    assert.equal(rationalToTex(Rational.of(1, 2)), '\\frac{1}{2}');
    assert.equal(rationalToTex(Rational.of(-3, 4)), '-\\frac{3}{4}');
    assert.equal(rationalToTex(Rational.of(-6, 2)), '-3');
    assert.equal(rationalToText(Rational.of(1, 2)), '1/2');
    assert.equal(rationalToText(Rational.of(-3, 4)), '\u22123/4');
    assert.equal(rationalToText(Rational.of(7)), '7');
  });

  it('converts huge numerators and denominators to the nearest double', () => {
    const big = Rational.of(10n ** 40n + 1n, 3n * 10n ** 40n);
    assert.equal(big.toNumber(), 1 / 3);
    assert.equal(Rational.of(1n, 10n ** 300n).toNumber(), 1e-300);
  });

  it('satisfies field identities (fast-check)', () => {
    fc.assert(
      fc.property(rational(), rational(), rational(), (a, b, c) => {
        assert.ok(a.add(b).mul(c).equals(a.mul(c).add(b.mul(c))));
        assert.ok(a.sub(b).add(b).equals(a));
        if (!b.isZero()) assert.ok(a.div(b).mul(b).equals(a));
        assert.equal(a.compare(b) + b.compare(a), 0);
      }),
      { numRuns: 500 },
    );
  });
});
