import assert from 'node:assert/strict';
import fc from 'fast-check';
import { QuadNumber, Rational, exactFrom, recognize, sqrtExact, toText, type ExactValue } from '../../../src/core/exact';
import { genericDouble } from './arbitraries';

const text = (v: ExactValue | null) => (v === null ? null : toText(v));

describe('exact/recognize', () => {
  it('recognises the course values from doubles alone', () => {
    assert.equal(text(recognize(Math.sqrt(3))), '√3');
    assert.equal(text(recognize(1 / Math.sqrt(2))), '1/√2');
    assert.equal(text(recognize(Math.SQRT1_2)), '1/√2');
    assert.equal(text(recognize(2 / Math.sqrt(6))), '2/√6');
    assert.equal(text(recognize(1 / Math.sqrt(3))), '1/√3');
    assert.equal(text(recognize(-1 / Math.sqrt(3))), '\u22121/√3');
    assert.equal(text(recognize(3)), '3');
    assert.equal(text(recognize(-0.75)), '\u22123/4');
    assert.equal(text(recognize(0.1 + 0.2)), '3/10');
    assert.equal(text(recognize(1e-14)), '0');
  });

  it('recognises (a ± b√d)/c for the discriminants in hand, and √ of them', () => {
    const radicands = [565];
    assert.equal(text(recognize((37 + Math.sqrt(565)) / 2, { radicands })), '(37 + √565)/2');
    assert.equal(text(recognize((37 - Math.sqrt(565)) / 2, { radicands })), '(37 − √565)/2');
    assert.equal(text(recognize((9 - Math.sqrt(565)) / 22, { radicands })), '(9 − √565)/22');
    assert.equal(text(recognize(Math.sqrt((37 + Math.sqrt(565)) / 2), { radicands })), '√((37 + √565)/2)');
    // Without the radicand the eigenvalue is not guessed.
    assert.equal(recognize((37 + Math.sqrt(565)) / 2), null);
    // A non-squarefree discriminant is reduced: 8 → √2.
    assert.equal(text(recognize(1 + Math.SQRT2, { radicands: [8] })), '1 + √2');
  });

  it('tolerates the rounding noise of a numeric decomposition', () => {
    assert.equal(text(recognize(Math.sqrt(3) * (1 + 3e-15))), '√3');
    assert.equal(text(recognize(0.7071067811865476)), '1/√2');
    assert.equal(text(recognize(2.9999999999999996)), '3');
  });

  it('rejects truncated and generic floats', () => {
    for (const x of [0.7071067, 1.2345678912, 1.7320508, 3.14159, Math.PI, Math.E, 0.123456789, 2.718281828459045]) {
      assert.equal(recognize(x, { radicands: [2, 3, 5, 565] }), null, String(x));
    }
    assert.equal(recognize(NaN), null);
    assert.equal(recognize(Infinity), null);
  });

  it('respects the options', () => {
    assert.equal(text(recognize(1 / 1999)), null);
    assert.equal(text(recognize(1 / 1999, { maxDenominator: 2000 })), '1/1999');
    // Relative error 3e-10 is within the default tolerance 1e-9; 3e-8 is not, unless loosened.
    assert.equal(text(recognize(1 / 3 + 1e-10)), '1/3');
    assert.equal(recognize(1 / 3 + 1e-8), null);
    assert.equal(text(recognize(1 / 3 + 1e-8, { tolerance: 1e-6 })), '1/3');
    assert.equal(recognize(Math.sqrt(3) + 1e-14, { tolerance: 1e-15 }), null);
    assert.equal(recognize(12 * Math.sqrt(3), { maxRadicand: 100 })?.kind, 'quadratic');
    assert.equal(recognize(Math.sqrt(101), { maxRadicand: 100 }), null);
  });

  it('round-trips randomly generated simple closed forms (fast-check)', () => {
    const simpleRational = fc.tuple(fc.integer({ min: -200, max: 200 }), fc.integer({ min: 1, max: 60 })).map(([p, q]) => exactFrom(Rational.of(p, q)));
    const simpleSurd = fc
      .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.boolean())
      .map(([p, q, neg]) => {
        const root = sqrtExact(Rational.of(p, q));
        return neg ? exactFrom(QuadNumber.of(0n, 0n, 2n).sub(toQuadOrThrow(root))) : root;
      });
    const simpleQuadratic = fc
      .tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: -3, max: 3 }).filter((b) => b !== 0), fc.integer({ min: 1, max: 12 }), fc.constantFrom(2, 3, 5, 565))
      .map(([a, b, c, d]) => ({ v: exactFrom(QuadNumber.of(Rational.of(a, c), Rational.of(b, c), d)), d }));
    fc.assert(
      fc.property(fc.oneof(simpleRational, simpleSurd), (v) => {
        assert.equal(text(recognize(valueOf(v))), toText(v));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(simpleQuadratic, ({ v, d }) => {
        assert.equal(text(recognize(valueOf(v), { radicands: [d] })), toText(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('essentially never recognises a generic double (10⁵ cases, 10⁴ more with radicands)', () => {
    const hits: number[] = [];
    fc.assert(fc.property(genericDouble, (x) => void (recognize(x) && hits.push(x))), { numRuns: 100_000 });
    fc.assert(fc.property(genericDouble, (x) => void (recognize(x, { radicands: [2, 565] }) && hits.push(x))), { numRuns: 10_000 });
    // Expected rate is ~1e-6 per call; allow one stray hit so the test is not flaky.
    assert.ok(hits.length <= 1, `false positives: ${hits.slice(0, 10).map((x) => `${x} → ${text(recognize(x, { radicands: [2, 565] }))}`).join(', ')}`);
  });
});

function toQuadOrThrow(v: ExactValue): QuadNumber {
  if (v.kind === 'nested') throw new Error('unexpected nested');
  return v.kind === 'rational' ? QuadNumber.rational(v.rational) : v.quad;
}

function valueOf(v: ExactValue): number {
  if (v.kind === 'rational') return v.rational.toNumber();
  if (v.kind === 'quadratic') {
    // Compute the way a numeric algorithm would, not through the exact code under test.
    return v.quad.a.toNumber() + v.quad.b.toNumber() * Math.sqrt(Number(v.quad.d));
  }
  throw new Error('unexpected nested');
}
