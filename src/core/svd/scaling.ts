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
import type { NumberDisplay } from '../display';

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

/** The power of ten to factor out of matrices whose largest entry is `amax`; 0 for ordinary sizes. */
export function scaleExponent(amax: number): number {
  if (!(amax > 0) || !Number.isFinite(amax)) return 0;
  const k = Math.floor(Math.log10(amax));
  return Math.abs(k) < SCALE_FROM_DIGITS ? 0 : k;
}

export function decimalScaling(A: number[][], exact: RationalLike[][] | null, gramSize: number): DecimalScaling {
  const amax = Math.max(0, ...A.flat().map(Math.abs));
  const k = scaleExponent(amax);
  if (k === 0) return { k: 0, values: A, exact, reason: '' };
  const values = A.map((row) => row.map((x) => shiftDecimal(x, -k)));
  const ten = Rational.of(10n ** BigInt(Math.abs(k)));
  const scaled = exact ? exact.map((row) => row.map((c) => (k > 0 ? Rational.from(c).div(ten) : Rational.from(c).mul(ten)))) : null;
  return { k, values, exact: scaled, reason: scalingReason(amax, k, gramSize) };
}

/** "10^{k}\\,[M/10ᵏ]" for matrices of extreme scale, so 1e-310 entries do not print as 0; plain otherwise. */
export function scaledMatrixTex(rows: number[][], display: NumberDisplay): string {
  const k = scaleExponent(Math.max(0, ...rows.flat().map(Math.abs)));
  if (k === 0) return display.matrixTex(rows);
  return `10^{${k}}\\,${display.matrixTex(rows.map((r) => r.map((x) => shiftDecimal(x, -k))))}`;
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

/**
 * Rename the matrix A to `name` in a step's TeX and text: a standalone capital A ("A has", "AᵀA",
 * "AAᵀ", "Avᵢ"), but not the A of a word ("Assemble", "Any") or of a TeX command.
 */
export function renameMatrix(s: string, name: string): string {
  return s
    .replace(/(?<![A-Za-z\\])AA(?![A-Za-z])/g, name + name)
    .replace(/(?<![A-Za-z\\])A(?=$|[^A-Za-z]|[uv](?![a-z]))/g, name);
}
