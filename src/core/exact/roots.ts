/**
 * Exact roots of rational polynomials up to degree 6 (characteristic
 * polynomials of the small matrices students decompose): rational roots with
 * multiplicity, quadratic factors solved as (a ± b√d)/c, and anything left
 * (irreducible cubics and beyond) as numeric roots. Only real roots are
 * returned; symmetric PSD matrices have no others.
 */
import { Rational, type RationalInput } from './rational';
import { QuadNumber } from './quadratic-field';
import { exactFrom, sqrtRational, value, type ExactValue } from './exact-value';
import { formatRational, TEX, TEXT, type Notation } from './notation';
import {
  degree,
  divMod,
  factorToString,
  monic,
  primitiveInteger,
  squarefreeFactors,
  toPoly,
  type Poly,
} from './polynomial';
import { isolateRealRoots, refine, rootValue, simplestRational, type RootInterval } from './real-roots';

export interface PolynomialRoot {
  /** The root as a double (for exact roots, the nearest double to the exact value). */
  value: number;
  /** Closed form, or null when the root only has a numeric value (irreducible cubic and beyond). */
  exact: ExactValue | null;
  multiplicity: number;
}

export interface PolynomialSolution {
  /** Distinct real roots, largest first. */
  roots: PolynomialRoot[];
  /** Number of non-real roots counted with multiplicity (0 for symmetric matrices). */
  nonRealCount: number;
  /** Factorised over Q, e.g. `(\lambda - 3)(\lambda - 1)`; null when nothing factors. */
  factoredTex: string | null;
  factoredText: string | null;
}

interface RationalFactor {
  poly: Poly;
  multiplicity: number;
  roots: PolynomialRoot[];
}

export const MAX_DEGREE = 6;

/** `coeffs` highest degree first: [1, -4, 3] is λ² − 4λ + 3. */
export function solvePolynomialExact(
  coeffs: readonly RationalInput[],
  variable: { tex: string; text: string } = { tex: '\\lambda', text: 'λ' },
): PolynomialSolution {
  const p = toPoly(coeffs);
  if (p.length === 0) throw new RangeError('The zero polynomial has every number as a root');
  if (degree(p) > MAX_DEGREE) throw new RangeError(`Degree ${degree(p)} is above the supported ${MAX_DEGREE}`);
  const factors: RationalFactor[] = [];
  for (const { factor, multiplicity } of squarefreeFactors(p)) {
    for (const piece of splitSquarefree(factor)) factors.push({ ...piece, multiplicity });
  }
  const roots = factors
    .flatMap((f) => f.roots.map((r) => ({ ...r, multiplicity: f.multiplicity })))
    .sort((x, y) => y.value - x.value);
  const realCount = roots.reduce((n, r) => n + r.multiplicity, 0);
  // A single irreducible factor (λ² − 37λ + 201) has no factorised form worth showing.
  const factorable = factors.length > 1 || factors.some((f) => degree(f.poly) === 1 || f.multiplicity > 1);
  return {
    roots,
    nonRealCount: degree(p) - realCount,
    factoredTex: factorable ? factoredForm(p[0], factors, variable.tex, TEX) : null,
    factoredText: factorable ? factoredForm(p[0], factors, variable.text, TEXT) : null,
  };
}

/** Split a monic squarefree factor into linear, quadratic and leftover pieces over Q. */
function splitSquarefree(f: Poly): Array<{ poly: Poly; roots: PolynomialRoot[] }> {
  const pieces: Array<{ poly: Poly; roots: PolynomialRoot[] }> = [];
  const lead = primitiveInteger(f)[0];
  // Rational roots p/q have q | lead; in an interval narrower than 1/lead² only one such rational fits.
  const separation = Rational.of(1n, 2n * lead * lead);
  let rest = f;
  let intervals = isolateRealRoots(f);
  const irrational: RootInterval[] = [];
  for (const root of intervals) {
    refine(f, root, separation);
    const candidate = root.exact ?? simplestRational(root.lo, root.hi);
    const linear = [Rational.ONE, candidate.neg()];
    const { quotient, remainder } = divMod(rest, linear);
    if (candidate.den <= lead && remainder.length === 0) {
      rest = quotient;
      pieces.push({ poly: linear, roots: [exactRoot(exactFrom(candidate))] });
    } else irrational.push(root);
  }
  intervals = irrational;
  // Degree ≥ 4 without rational roots may still split into rational quadratics.
  while (degree(rest) >= 4) {
    const found = findQuadraticFactor(rest, f, intervals);
    if (!found) break;
    rest = divMod(rest, found.quadratic).quotient;
    intervals = intervals.filter((r) => !found.used.includes(r));
    pieces.push({ poly: found.quadratic, roots: solveQuadratic(found.quadratic) });
  }
  if (degree(rest) === 2) pieces.push({ poly: rest, roots: solveQuadratic(rest) });
  else if (degree(rest) >= 1) {
    pieces.push({ poly: rest, roots: intervals.map((r) => ({ value: rootValue(f, r), exact: null, multiplicity: 1 })) });
  }
  return pieces;
}

function exactRoot(exact: ExactValue): PolynomialRoot {
  return { value: value(exact), exact, multiplicity: 1 };
}

/** Real roots of monic x² + βx + γ as (−β ± √D)/2. */
function solveQuadratic(q: Poly): PolynomialRoot[] {
  const [, beta, gamma] = monic(q);
  const disc = beta.mul(beta).sub(gamma.mul(4n));
  if (disc.sign() < 0) return [];
  const root = sqrtRational(disc);
  const centre = QuadNumber.rational(beta.neg().div(2n));
  const half = root.div(2n);
  return [centre.add(half), centre.sub(half)].map((x) => exactRoot(exactFrom(x)));
}

/**
 * Try every pair of real roots as the roots of a rational quadratic factor.
 * By Gauss's lemma the factor is (αx² + βx + γ) with α | lead, so its
 * monic coefficients have denominators ≤ lead; the candidates are verified
 * by exact division, so a wrong guess costs nothing.
 */
function findQuadraticFactor(
  rest: Poly,
  squarefree: Poly,
  intervals: RootInterval[],
): { quadratic: Poly; used: RootInterval[] } | null {
  const lead = primitiveInteger(rest)[0];
  const scale = intervals.reduce((m, r) => (r.hi.abs().compare(m) > 0 ? r.hi.abs() : m), Rational.ONE);
  for (const r of intervals) refine(squarefree, r, Rational.of(1n, 8n * lead * lead).div(scale.add(1n)));
  for (let i = 0; i < intervals.length; i++) {
    for (let j = i + 1; j < intervals.length; j++) {
      const [x, y] = [intervals[i], intervals[j]];
      const sum = simplestRational(x.lo.add(y.lo), x.hi.add(y.hi));
      const products = [x.lo.mul(y.lo), x.lo.mul(y.hi), x.hi.mul(y.lo), x.hi.mul(y.hi)].sort((a, b) => a.compare(b));
      const product = simplestRational(products[0], products[3]);
      if (sum.den > lead || product.den > lead) continue;
      const quadratic = [Rational.ONE, sum.neg(), product];
      if (divMod(rest, quadratic).remainder.length === 0) return { quadratic, used: [x, y] };
    }
  }
  return null;
}

function factoredForm(lead: Rational, factors: RationalFactor[], variable: string, n: Notation): string {
  const rootOf = (f: RationalFactor) => f.roots[0]?.value ?? -Infinity;
  const ordered = [...factors].sort((a, b) => {
    // Linear factors first (largest root first), then the rest by degree.
    const da = degree(a.poly);
    const db = degree(b.poly);
    if (da === 1 && db === 1) return rootOf(b) - rootOf(a);
    return da - db;
  });
  const body = ordered.map((f) => factorToString(f.poly, variable, n, f.multiplicity)).join('');
  if (lead.equals(1n)) return body;
  if (lead.equals(-1n)) return n.minus + body;
  if (n === TEX || lead.isInteger()) return formatRational(lead, n) + body;
  return `(${lead.toText()})` + body;
}
