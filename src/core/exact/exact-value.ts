/**
 * Closed forms a student writes in SVD/PCA derivations:
 *   rational      3, 1/2
 *   quadratic     a + b√d: √3, 1/√2, 2/√6, (37 + √565)/2
 *   nested        c·√(a + b√d) that does not denest: √((37 + √565)/2)
 * Every constructor here returns the canonical form, so two ExactValues are
 * equal exactly when `exactEquals` says so.
 */
import { gcdBig, lcmBig, squarefreeDecompose } from './bigint';
import { Rational, type RationalInput } from './rational';
import { QuadNumber } from './quadratic-field';
import { formatQuadratic, formatRational, TEX, TEXT, type Notation, type SurdStyle } from './notation';

export type ExactValue =
  | { kind: 'rational'; rational: Rational }
  /** quad.b ≠ 0 */
  | { kind: 'quadratic'; quad: QuadNumber }
  /** coef·√radicand; radicand = A + B√d with integers, B ≠ 0, gcd(A, B) squarefree, positive, not a square in Q(√d). */
  | { kind: 'nested'; coef: Rational; radicand: QuadNumber };

export type { SurdStyle };

export function exactFrom(x: RationalInput | QuadNumber | ExactValue): ExactValue {
  if (x instanceof QuadNumber) return x.isRational() ? { kind: 'rational', rational: x.a } : { kind: 'quadratic', quad: x };
  if (typeof x === 'object' && 'kind' in x) return x;
  return { kind: 'rational', rational: Rational.from(x) };
}

/** The value as an element of Q(√d), or null for nested radicals. */
export function toQuad(v: ExactValue): QuadNumber | null {
  if (v.kind === 'rational') return QuadNumber.rational(v.rational);
  return v.kind === 'quadratic' ? v.quad : null;
}

export function value(v: ExactValue): number {
  if (v.kind === 'rational') return v.rational.toNumber();
  if (v.kind === 'quadratic') return v.quad.toNumber();
  return v.coef.toNumber() * Math.sqrt(v.radicand.toNumber());
}

export function exactNeg(v: ExactValue): ExactValue {
  if (v.kind === 'rational') return { kind: 'rational', rational: v.rational.neg() };
  if (v.kind === 'quadratic') return { kind: 'quadratic', quad: v.quad.neg() };
  return { kind: 'nested', coef: v.coef.neg(), radicand: v.radicand };
}

export function exactEquals(x: ExactValue, y: ExactValue): boolean {
  if (x.kind === 'rational' && y.kind === 'rational') return x.rational.equals(y.rational);
  if (x.kind === 'quadratic' && y.kind === 'quadratic') return x.quad.d === y.quad.d && x.quad.equals(y.quad);
  if (x.kind === 'nested' && y.kind === 'nested')
    return x.coef.equals(y.coef) && x.radicand.d === y.radicand.d && x.radicand.equals(y.radicand);
  return false;
}

/** √(p/q) = (s/q)√f with pq = s²f, f squarefree. */
export function sqrtRational(r: RationalInput): QuadNumber {
  const x = Rational.from(r);
  if (x.sign() < 0) throw new RangeError(`√ of a negative number (${x.toText()})`);
  const { square, free } = squarefreeDecompose(x.num * x.den);
  return QuadNumber.of(0n, Rational.of(square, x.den), free === 0n ? 1n : free);
}

/**
 * √v in simplest form: √(4/3) = 2/√3; √(3 + 2√2) = 1 + √2 (denested whenever
 * the result lies in the same field Q(√d)); otherwise a canonical nested radical.
 * Throws for negative v and for √ of a nested radical (fourth roots).
 */
export function sqrtExact(v: RationalInput | QuadNumber | ExactValue): ExactValue {
  const q = toQuad(exactFrom(v));
  if (q === null) throw new RangeError('√ of a nested radical is not supported');
  if (q.sign() < 0) throw new RangeError(`√ of a negative number (${q.toText()})`);
  if (q.isRational()) return exactFrom(sqrtRational(q.a));
  return exactFrom(denest(q) ?? canonicalNested(Rational.ONE, q));
}

/**
 * √(a + b√d) = √x ± √y with x, y = (a ± √(a² − b²d))/2, when a² − b²d is a
 * rational square; kept only if √x ± √y stays inside Q(√d). This is also
 * exactly the test for q being a square in Q(√d).
 */
function denest(q: QuadNumber): QuadNumber | null {
  const n = q.norm();
  if (n.sign() < 0 || q.a.sign() < 0) return null;
  const root = sqrtRational(n);
  if (!root.isRational()) return null;
  const sx = sqrtRational(q.a.add(root.a).div(2n));
  const sy = sqrtRational(q.a.sub(root.a).div(2n));
  const inField = (s: QuadNumber) => s.isRational() || s.d === q.d;
  if (!inField(sx) || !inField(sy)) return null;
  const result = q.b.sign() > 0 ? sx.add(sy) : sx.sub(sy);
  return result.mul(result).equals(q) ? result : null;
}

/** coef·√q rewritten as c·√(A + B√d) with integer A, B and squarefree gcd(A, B). */
function canonicalNested(coef: Rational, q: QuadNumber): ExactValue {
  // q = (A + B√d)/C, so √q = √(AC + BC√d)/C.
  const c = lcmBig(q.a.den, q.b.den);
  const bigA = (q.a.num * c) / q.a.den;
  const bigB = (q.b.num * c) / q.b.den;
  const { square } = squarefreeDecompose(gcdBig(bigA * c, bigB * c));
  const s2 = square * square;
  return {
    kind: 'nested',
    coef: coef.mul(Rational.of(square, c)),
    radicand: QuadNumber.of(Rational.of((bigA * c) / s2), Rational.of((bigB * c) / s2), q.d),
  };
}

/** TeX; `style` picks 1/√2 (student, default) or √2/2 (rationalized). */
export function toTex(v: ExactValue, style: SurdStyle = 'student'): string {
  return format(v, style, TEX);
}

/** Unicode text: √3, 1/√2, (37 + √565)/2, −1/√3, √((37 + √565)/2). */
export function toText(v: ExactValue, style: SurdStyle = 'student'): string {
  return format(v, style, TEXT);
}

function format(v: ExactValue, style: SurdStyle, n: Notation): string {
  if (v.kind === 'rational') return formatRational(v.rational, n);
  if (v.kind === 'quadratic') return formatQuadratic(v.quad.a, v.quad.b, v.quad.d, style, n);
  // Move the coefficient's denominator under the root, as σ = √λ is written: √((37 + √565)/2).
  const den = v.coef.den;
  const inner = v.radicand.div(den * den);
  const innerText = formatQuadratic(inner.a, inner.b, inner.d, 'rationalized', n);
  const sign = v.coef.sign() < 0 ? n.minus : '';
  const p = v.coef.num < 0n ? -v.coef.num : v.coef.num;
  return sign + (p === 1n ? '' : p.toString()) + n.sqrt(innerText);
}
