/**
 * The two output notations (TeX and Unicode text) behind one interface, so
 * every closed form is laid out by a single function and the TeX and text
 * renderings cannot drift apart.
 */
import { absBig, lcmBig } from './bigint';
import { Rational } from './rational';

export interface Notation {
  minus: string;
  /** Binary operator with spaces: ` + `, ` − ` / ` - `. */
  plus: string;
  binaryMinus: string;
  sqrt(radicand: string): string;
  /** `compound` marks a numerator with an operator (needs parentheses in text). */
  frac(num: string, den: string, compound: boolean): string;
  /** coefficient times √…, e.g. 2√3. */
  times(coef: string, factor: string): string;
}

export const TEX: Notation = {
  minus: '-',
  plus: ' + ',
  binaryMinus: ' - ',
  sqrt: (x) => `\\sqrt{${x}}`,
  frac: (n, d) => `\\frac{${n}}{${d}}`,
  times: (c, f) => c + f,
};

export const TEXT: Notation = {
  minus: '\u2212',
  plus: ' + ',
  binaryMinus: ' \u2212 ',
  sqrt: (x) => (/^[0-9]+$/.test(x) ? `√${x}` : `√(${x})`),
  frac: (n, d, compound) => (compound ? `(${n})/${d}` : `${n}/${d}`),
  times: (c, f) => c + f,
};

/** `student` writes 1/√2, 2/√6 (as normalising a vector gives them); `rationalized` writes √2/2, √6/3. */
export type SurdStyle = 'student' | 'rationalized';

export function formatRational(r: Rational, n: Notation): string {
  return n === TEX ? r.toTex() : r.toText();
}

/** a + b√d laid out as a student would write it; d > 1 squarefree. */
export function formatQuadratic(a: Rational, b: Rational, d: bigint, style: SurdStyle, n: Notation): string {
  if (b.isZero()) return formatRational(a, n);
  if (a.isZero()) return formatSurd(b, d, style, n);
  // Common denominator: (A + B√d)/C with gcd(A, B, C) = 1 automatically.
  const c = lcmBig(a.den, b.den);
  let bigA = (a.num * c) / a.den;
  let bigB = (b.num * c) / b.den;
  const negateAll = c > 1n && bigA < 0n && bigB < 0n;
  if (negateAll) {
    bigA = -bigA;
    bigB = -bigB;
  }
  const root = n.sqrt(d.toString());
  const surdPart = absBig(bigB) === 1n ? root : n.times(absBig(bigB).toString(), root);
  const head = bigA < 0n ? n.minus + absBig(bigA).toString() : bigA.toString();
  const sum = head + (bigB < 0n ? n.binaryMinus : n.plus) + surdPart;
  if (c === 1n) return sum;
  return (negateAll ? n.minus : '') + n.frac(sum, c.toString(), true);
}

/** b√d alone: √3, 2√3, 1/√2 or √2/2, −1/√3. */
export function formatSurd(b: Rational, d: bigint, style: SurdStyle, n: Notation): string {
  const sign = b.sign() < 0 ? n.minus : '';
  const p = absBig(b.num);
  const q = b.den;
  const root = n.sqrt(d.toString());
  if (q === 1n) return sign + (p === 1n ? root : n.times(p.toString(), root));
  // p√d/q = (p·d/q)/√d: the student form when p·d/q is an integer.
  if (style === 'student' && (p * d) % q === 0n) return sign + n.frac(((p * d) / q).toString(), root, false);
  const top = p === 1n ? root : n.times(p.toString(), root);
  return sign + n.frac(top, q.toString(), false);
}
