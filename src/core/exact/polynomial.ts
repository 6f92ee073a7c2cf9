/**
 * Polynomials with rational coefficients, stored highest degree first:
 * [1, -4, 3] is λ² − 4λ + 3 (the order students write them in). The zero
 * polynomial is []. All functions return trimmed arrays (no leading zeros).
 */
import { lcmBig, gcdBig } from './bigint';
import { Rational, type RationalInput } from './rational';
import { formatRational, TEX, TEXT, type Notation } from './notation';

export type Poly = Rational[];

export function toPoly(coeffs: readonly RationalInput[]): Poly {
  return trim(coeffs.map((c) => Rational.from(c)));
}

function trim(p: Poly): Poly {
  let i = 0;
  while (i < p.length && p[i].isZero()) i++;
  return p.slice(i);
}

export const degree = (p: Poly): number => p.length - 1;

export function evaluate(p: Poly, x: RationalInput): Rational {
  const rx = Rational.from(x);
  return p.reduce((acc, c) => acc.mul(rx).add(c), Rational.ZERO);
}

export function evaluateNumber(p: Poly, x: number): number {
  return p.reduce((acc, c) => acc * x + c.toNumber(), 0);
}

export function derivative(p: Poly): Poly {
  const n = degree(p);
  return trim(p.slice(0, n).map((c, i) => c.mul(n - i)));
}

export function subtract(a: Poly, b: Poly): Poly {
  const n = Math.max(a.length, b.length);
  const at = (p: Poly, i: number) => p[i - (n - p.length)] ?? Rational.ZERO;
  return trim(Array.from({ length: n }, (_, i) => at(a, i).sub(at(b, i))));
}

export function multiply(a: Poly, b: Poly): Poly {
  if (a.length === 0 || b.length === 0) return [];
  const out = Array.from({ length: a.length + b.length - 1 }, () => Rational.ZERO);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = out[i + j].add(x.mul(y)))));
  return trim(out);
}

export function divMod(a: Poly, b: Poly): { quotient: Poly; remainder: Poly } {
  if (b.length === 0) throw new RangeError('Polynomial division by zero');
  let rem = [...a];
  const quotient: Rational[] = [];
  while (rem.length >= b.length) {
    const factor = rem[0].div(b[0]);
    quotient.push(factor);
    rem = rem.slice(1).map((c, i) => (i < b.length - 1 ? c.sub(factor.mul(b[i + 1])) : c));
  }
  return { quotient: trim(quotient), remainder: trim(rem) };
}

export function monic(p: Poly): Poly {
  return p.length === 0 ? p : p.map((c) => c.div(p[0]));
}

export function gcd(a: Poly, b: Poly): Poly {
  while (b.length > 0) [a, b] = [b, divMod(a, b).remainder];
  return monic(a);
}

/**
 * Yun's squarefree factorisation: p = lead · Π factorᵢ^i with every factor
 * monic, squarefree and pairwise coprime. This is how repeated eigenvalues
 * such as (λ − 2)² get their multiplicity exactly.
 */
export function squarefreeFactors(p: Poly): Array<{ factor: Poly; multiplicity: number }> {
  const out: Array<{ factor: Poly; multiplicity: number }> = [];
  if (degree(p) < 1) return out;
  const dp = derivative(p);
  const a0 = gcd(p, dp);
  let b = divMod(p, a0).quotient;
  let c = divMod(dp, a0).quotient;
  let d = subtract(c, derivative(b));
  for (let i = 1; degree(b) >= 1; i++) {
    const a = gcd(b, d);
    if (degree(a) >= 1) out.push({ factor: a, multiplicity: i });
    b = divMod(b, a).quotient;
    c = divMod(d, a).quotient;
    d = subtract(c, derivative(b));
  }
  return out;
}

/** Integer coefficients with gcd 1 and positive lead, same roots. */
export function primitiveInteger(p: Poly): bigint[] {
  const scale = p.reduce((l, c) => lcmBig(l, c.den), 1n);
  let ints = p.map((c) => (c.num * scale) / c.den);
  const g = ints.reduce((acc, c) => gcdBig(acc, c), 0n);
  ints = ints.map((c) => c / g);
  return ints[0] < 0n ? ints.map((c) => -c) : ints;
}

/** `\lambda^2 - 4\lambda + 3`; `variable` is inserted verbatim as TeX. */
export function polynomialToTex(coeffs: readonly RationalInput[], variable = '\\lambda'): string {
  return formatPoly(toPoly(coeffs), variable, TEX);
}

/** `λ² − 4λ + 3`. */
export function polynomialToText(coeffs: readonly RationalInput[], variable = 'λ'): string {
  return formatPoly(toPoly(coeffs), variable, TEXT);
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function formatPoly(p: Poly, variable: string, n: Notation): string {
  if (p.length === 0) return '0';
  const deg = degree(p);
  const terms: string[] = [];
  p.forEach((c, i) => {
    if (c.isZero()) return;
    const power = deg - i;
    const abs = c.abs();
    const varPart = power === 0 ? '' : power === 1 ? variable : variable + powerSuffix(power, n);
    // In text a fractional coefficient needs parentheses before the variable: (5/6)λ, but 1/6 alone.
    let coef = abs.isInteger() || n === TEX || power === 0 ? formatRational(abs, n) : `(${abs.toText()})`;
    if (power > 0 && abs.equals(1n)) coef = '';
    const body = coef + varPart;
    if (terms.length === 0) terms.push((c.sign() < 0 ? n.minus : '') + body);
    else terms.push((c.sign() < 0 ? n.binaryMinus : n.plus) + body);
  });
  return terms.join('');
}

/** A factor in parentheses as it appears in a factorised form: (λ − 3), λ, (λ² − 2). */
export function factorToString(p: Poly, variable: string, n: Notation, multiplicity: number): string {
  const body = formatPoly(p, variable, n);
  const wrapped = p.length === 2 && p[1].isZero() && p[0].equals(1n) ? body : `(${body})`;
  return multiplicity === 1 ? wrapped : wrapped + powerSuffix(multiplicity, n);
}

/** ^2 / ^{12} in TeX, ² / ¹² in text. */
function powerSuffix(k: number, n: Notation): string {
  if (n === TEX) return k < 10 ? `^${k}` : `^{${k}}`;
  return [...String(k)].map((ch) => SUPERSCRIPT[+ch]).join('');
}
