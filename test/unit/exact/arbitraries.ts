/** Shared fast-check generators for the exact-arithmetic tests. */
import fc from 'fast-check';
import { QuadNumber, Rational } from '../../../src/core/exact';

export const rational = (maxNum = 10n ** 6n, maxDen = 10n ** 4n): fc.Arbitrary<Rational> =>
  fc.tuple(fc.bigInt(-maxNum, maxNum), fc.bigInt(1n, maxDen)).map(([n, d]) => Rational.of(n, d));

export const quad = (d: bigint): fc.Arbitrary<QuadNumber> =>
  fc.tuple(rational(), rational()).map(([a, b]) => QuadNumber.of(a, b, d));

/**
 * Generic doubles: a uniformly random 53-bit mantissa at magnitudes 1e-2…1e4.
 * (fc.double is biased toward 0, ±1 and other special values, which *are* simple.)
 */
export const genericDouble: fc.Arbitrary<number> = fc
  // noBias: fast-check otherwise favours the bounds, and m = 2⁵³ − 1 gives 0.9999999999999999 (which *is* 1).
  .tuple(fc.noBias(fc.bigInt(1n, 2n ** 53n - 1n)), fc.noBias(fc.integer({ min: -2, max: 4 })), fc.boolean())
  .map(([m, exp, negative]) => (negative ? -1 : 1) * (Number(m) / 2 ** 53) * 10 ** exp)
  .filter((x) => Math.abs(x) > 1e-6);
