/**
 * Real roots of a squarefree rational polynomial, isolated with a Sturm
 * sequence and refined by bisection on exact rationals. No floating point is
 * involved until the final midpoint, so clustered or large roots are as
 * reliable as simple ones.
 */
import { gcdBig, lcmBig } from './bigint';
import { Rational } from './rational';
import { degree, derivative, divMod, type Poly } from './polynomial';

/** p times a positive constant so all coefficients are integers: same signs everywhere. */
function integerMultiple(p: Poly): bigint[] {
  const scale = p.reduce((l, c) => lcmBig(l, c.den), 1n);
  const ints = p.map((c) => (c.num * scale) / c.den);
  const g = ints.reduce((acc, c) => gcdBig(acc, c), 0n) || 1n;
  return ints.map((c) => c / g);
}

/**
 * sign p(num/den) from den^n·p(num/den) = Σ aᵢ num^(n−i) denⁱ, in bigints only:
 * bisection evaluates thousands of times, and reducing fractions at every step dominated.
 */
function signAt(p: bigint[], x: Rational): -1 | 0 | 1 {
  let acc = 0n;
  let denPower = 1n;
  for (let i = 0; i < p.length; i++) {
    acc = acc * x.num + p[i] * denPower;
    denPower *= x.den;
  }
  return acc < 0n ? -1 : acc > 0n ? 1 : 0;
}

/** A root known to lie in (lo, hi]; `exact` is set once a bisection point hits it. */
export interface RootInterval {
  lo: Rational;
  hi: Rational;
  exact?: Rational;
}

function sturmSequence(p: Poly): bigint[][] {
  const seq = [p, derivative(p)];
  while (degree(seq[seq.length - 1]) > 0) {
    const { remainder } = divMod(seq[seq.length - 2], seq[seq.length - 1]);
    if (remainder.length === 0) break;
    seq.push(remainder.map((c) => c.neg()));
  }
  return seq.map(integerMultiple);
}

function signChanges(seq: bigint[][], x: Rational): number {
  let changes = 0;
  let last = 0;
  for (const p of seq) {
    const s = signAt(p, x);
    if (s !== 0) {
      if (last !== 0 && s !== last) changes++;
      last = s;
    }
  }
  return changes;
}

/** Cauchy's bound: every root satisfies |x| < 1 + max |aᵢ/a₀|. */
function rootBound(p: Poly): Rational {
  let max = Rational.ZERO;
  for (const c of p.slice(1)) {
    const r = c.div(p[0]).abs();
    if (r.compare(max) > 0) max = r;
  }
  return max.add(1n);
}

/** Disjoint intervals, ascending, one per distinct real root of squarefree p. */
export function isolateRealRoots(p: Poly): RootInterval[] {
  if (degree(p) < 1) return [];
  const seq = sturmSequence(p);
  const bound = rootBound(p);
  const out: RootInterval[] = [];
  const split = (lo: Rational, hi: Rational, vLo: number, vHi: number): void => {
    const count = vLo - vHi;
    if (count === 0) return;
    if (count === 1) {
      out.push({ lo, hi });
      return;
    }
    const mid = lo.add(hi).div(2n);
    const vMid = signChanges(seq, mid);
    split(lo, mid, vLo, vMid);
    split(mid, hi, vMid, vHi);
  };
  const lo = bound.neg();
  split(lo, bound, signChanges(seq, lo), signChanges(seq, bound));
  return out;
}

/** Halve the interval until hi − lo ≤ width (or the root is hit exactly). */
export function refine(p: Poly, root: RootInterval, width: Rational): void {
  if (root.exact) return;
  const ints = integerMultiple(p);
  const hiSign = signAt(ints, root.hi);
  if (hiSign === 0) {
    root.exact = root.hi;
    return;
  }
  while (root.hi.sub(root.lo).compare(width) > 0) {
    const mid = root.lo.add(root.hi).div(2n);
    const s = signAt(ints, mid);
    if (s === 0) {
      root.exact = mid;
      return;
    }
    // A simple root: p changes sign there, so the side matching sign(p(hi)) lies above it.
    if (s === hiSign) root.hi = mid;
    else root.lo = mid;
  }
}

export function midpoint(root: RootInterval): Rational {
  return root.exact ?? root.lo.add(root.hi).div(2n);
}

/** Refine to ~70 significant bits and return the nearest double. */
export function rootValue(p: Poly, root: RootInterval): number {
  const scale = Rational.ONE.add(root.lo.abs().compare(root.hi.abs()) > 0 ? root.lo.abs() : root.hi.abs());
  refine(p, root, scale.mul(Rational.of(1n, 1n << 70n)));
  return midpoint(root).toNumber();
}

/**
 * The rational with the smallest denominator in [lo, hi] (Stern–Brocot descent).
 * If an interval narrower than 1/L² holds a root p/q with q ≤ L, it is this one.
 */
export function simplestRational(lo: Rational, hi: Rational): Rational {
  if (lo.sign() <= 0 && hi.sign() >= 0) return Rational.ZERO;
  if (hi.sign() < 0) return simplestRational(hi.neg(), lo.neg()).neg();
  const floor = Rational.of(lo.num / lo.den);
  if (lo.isInteger()) return lo;
  if (floor.add(1n).compare(hi) <= 0) return floor.add(1n);
  // lo and hi share the integer part: recurse on the reciprocals of the fractional parts.
  return floor.add(simplestRational(hi.sub(floor).inverse(), lo.sub(floor).inverse()).inverse());
}
