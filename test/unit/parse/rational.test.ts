import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as Q from '../../../src/core/parse/rational';
import { show } from './helpers';

const r = (num: bigint, den = 1n) => Q.rational(num, den)!;

describe('rational arithmetic (the exact half of entries)', () => {
  it('normalises sign and reduces', () => {
    assert.equal(show(r(6n, -8n)), '-3/4');
    assert.equal(show(r(0n, -5n)), '0');
    assert.equal(Q.rational(1n, 0n), null);
  });

  it('adds, multiplies and divides exactly', () => {
    assert.equal(show(Q.add(r(1n, 2n), r(1n, 3n))), '5/6');
    assert.equal(show(Q.sub(r(1n, 2n), r(1n, 2n))), '0');
    assert.equal(show(Q.mul(r(2n, 3n), r(9n, 4n))), '3/2');
    assert.equal(show(Q.div(r(1n, 2n), r(-1n, 4n))), '-2');
    assert.equal(Q.div(r(1n), r(0n)), null);
  });

  it('raises to integer and fractional powers when the result is rational', () => {
    assert.equal(show(Q.pow(r(2n, 3n), r(3n))), '8/27');
    assert.equal(show(Q.pow(r(2n), r(-2n))), '1/4');
    assert.equal(show(Q.pow(r(9n, 4n), r(1n, 2n))), '3/2');
    assert.equal(show(Q.pow(r(-27n), r(2n, 3n))), '9');
    assert.equal(Q.pow(r(2n), r(1n, 2n)), null);
    assert.equal(Q.pow(r(-4n), r(1n, 2n)), null);
    assert.equal(Q.pow(r(0n), r(-1n)), null);
    assert.equal(show(Q.pow(r(-1n), r(10n ** 30n + 1n))), '-1');
  });

  it('gives up (null) instead of building enormous numbers', () => {
    assert.equal(Q.pow(r(3n), r(100_000n)), null);
    assert.equal(Q.pow(r(10n), r(10n ** 20n)), null);
    const big = r(10n ** 2000n);
    assert.equal(Q.mul(big, big), null);
  });

  it('finds exact roots of perfect powers only', () => {
    assert.equal(show(Q.root(r(10n ** 40n), 2)), String(10n ** 20n));
    assert.equal(show(Q.root(r(-125n, 8n), 3)), '-5/2');
    assert.equal(Q.root(r(10n ** 40n + 1n), 2), null);
    assert.equal(Q.root(r(-1n), 2), null);
  });

  it('reads decimal literals exactly', () => {
    assert.equal(show(Q.decimalRational('125', 2, -3, false)), '1/800'); // 1.25e-3
    assert.equal(show(Q.decimalRational('5', 0, 3, true)), '-5000');
    assert.equal(show(Q.decimalRational('0', 4, 0, true)), '0');
    assert.equal(Q.decimalRational('1', 0, -100_000, false), null);
  });

  it('converts to the nearest double, even past the range of Number(bigint)', () => {
    assert.equal(Q.toNumber(r(1n, 3n)), 1 / 3);
    assert.equal(Q.toNumber(r(10n ** 400n, 10n ** 399n)), 10);
    assert.equal(Q.toNumber(r(1n, 10n ** 400n)), 0);
    assert.equal(Q.toNumber(r(10n ** 400n)), Infinity);
    assert.ok(Math.abs(Q.toNumber(r(2n ** 1100n + 1n, 2n ** 1000n)) - 2 ** 100) < 2 ** 50);
  });

  it('toNumber is exact division for safe integers (property)', () => {
    const safe = fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n });
    const positive = fc.bigInt({ min: 1n, max: 2n ** 53n });
    fc.assert(fc.property(safe, positive, (a, b) => Q.toNumber(r(a, b)) === Number(a) / Number(b) || (a === 0n && Q.toNumber(r(a, b)) === 0)));
  });

  it('bitLength is exact', () => {
    for (const [x, bits] of [[0n, 0], [1n, 1], [2n, 2], [255n, 8], [256n, 9], [-(2n ** 100n), 101]] as Array<[bigint, number]>) {
      assert.equal(Q.bitLength(x), bits, String(x));
    }
  });
});
