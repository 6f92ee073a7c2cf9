/**
 * Guards for the hand route (AᵀA → characteristic polynomial → roots) on
 * matrices whose entries are extreme. The Gram matrix squares the entries and
 * its characteristic polynomial multiplies 2p of them, so entries near 1e±150
 * overflow or underflow double precision long before A itself does. Factoring
 * out a power of ten (A = 10ᵏ·B) keeps the derivation readable and exact:
 * U and V are those of B and σᵢ(A) = 10ᵏ·σᵢ(B).
 */
import { Rational, type RationalLike } from '../exact';
import { bitLength } from '../exact/bigint';

/** Factor out 10ᵏ once the largest entry reaches 10^±SCALE_FROM_DIGITS. */
const SCALE_FROM_DIGITS = 10;
/**
 * Exact arithmetic is skipped when a cell needs more bits than this in its
 * numerator or denominator: the polynomial root finder slows to seconds
 * (and worse) on such coefficients, and the numeric route is as accurate.
 */
export const MAX_EXACT_BITS = 64;

export interface DecimalScaling {
  /** A = 10ᵏ·B; 0 when no scaling is needed. */
  k: number;
  values: number[][];
  exact: RationalLike[][] | null;
  /** Why, in words a student understands; empty when k = 0. */
  reason: string;
}

export function decimalScaling(A: number[][], exact: RationalLike[][] | null, gramSize: number): DecimalScaling {
  const amax = Math.max(0, ...A.flat().map(Math.abs));
  if (amax === 0) return { k: 0, values: A, exact, reason: '' };
  const k = Math.floor(Math.log10(amax));
  if (Math.abs(k) < SCALE_FROM_DIGITS) return { k: 0, values: A, exact, reason: '' };
  const values = A.map((row) => row.map((x) => shiftDecimal(x, -k)));
  const ten = Rational.of(10n ** BigInt(Math.abs(k)));
  const scaled = exact ? exact.map((row) => row.map((c) => (k > 0 ? Rational.from(c).div(ten) : Rational.from(c).mul(ten)))) : null;
  return { k, values, exact: scaled, reason: scalingReason(amax, k, gramSize) };
}

/** x·10ˢ through the decimal text of x, so 2e-310 becomes exactly 2 (no overflow of 10ˢ itself). */
export function shiftDecimal(x: number, s: number): number {
  if (x === 0 || s === 0) return x;
  const [mantissa, exponent] = x.toExponential().split('e');
  return Number(`${mantissa}e${Number(exponent) + s}`);
}

function scalingReason(amax: number, k: number, p: number): string {
  const order = `10${superscript(k)}`;
  const big = k > 0;
  const square = amax * amax;
  const what =
    big && square === Infinity
      ? `they are too large to square: AᵀA would overflow (above 1.8×10³⁰⁸)`
      : !big && square < 2 ** -1022
        ? `their squares underflow: AᵀA would round to (nearly) zero`
        : Math.abs(2 * p * Math.log10(amax)) > 300
          ? `the characteristic polynomial multiplies ${2 * p} of them, which would ${big ? 'overflow' : 'underflow'} double precision`
          : `factoring out the scale keeps the numbers of the hand route readable`;
  return (
    `The entries are of order ${order}, and ${what}. So the hand derivation works on B = A/${order} and scales back at the end: ` +
    `A and B have the same U and V, and σᵢ(A) = ${order}·σᵢ(B).`
  );
}

export function superscript(k: number): string {
  return String(k).replace(/-/g, '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

/** Whether exact arithmetic on these cells stays fast (see MAX_EXACT_BITS). */
export function exactIsAffordable(cells: RationalLike[][]): boolean {
  return cells.every((row) => row.every((c) => bitLength(c.num) <= MAX_EXACT_BITS && bitLength(c.den) <= MAX_EXACT_BITS));
}

/** Rename the matrix A to `name` in a step's TeX and text (a standalone capital A only: not the A of "Any" or of a TeX command). */
export function renameMatrix(s: string, name: string): string {
  return s.replace(/(?<![A-Za-z\\])A(?![A-Za-z])/g, name);
}
