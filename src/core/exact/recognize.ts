/**
 * Turn a double back into the closed form it came from (√3, 2/√6,
 * (37 + √565)/2) — and refuse when it did not come from one.
 *
 * Any double is within 1e-9 of *some* fraction with denominator ≤ 1000 about
 * once in a thousand tries, so a plain tolerance test would dress up random
 * floats as fractions. Each family therefore also has a complexity-scaled
 * threshold: a form with denominator q (and surd coefficient b) must match
 * to within slack/q² (resp. slack/(q²(|b|+1)²)), slack = 1e-8 by default.
 * Summed over all forms this covers a fraction ~2e-7 of the real line per
 * family, so a random double is recognised about once in a million tries,
 * while honest values (computed to ~1e-15) of simple forms pass with many
 * digits to spare.
 */
import { Rational } from './rational';
import { QuadNumber } from './quadratic-field';
import { exactFrom, exactNeg, sqrtExact, sqrtRational, type ExactValue } from './exact-value';

export interface RecognizeOptions {
  /** Largest denominator tried for p/q and inside √(p/q) (default 1000). */
  maxDenominator?: number;
  /** d values for (a ± b√d)/c, e.g. the discriminants of the characteristic polynomial in hand. */
  radicands?: number[];
  /** Relative tolerance the form must reproduce x to (default 1e-9). */
  tolerance?: number;
  /** Largest squarefree m accepted in k√m forms (default 10 000). */
  maxRadicand?: number;
}

/** Below this |x| is 0. */
const ZERO_THRESHOLD = 1e-12;
/**
 * slack = SLACK_PER_TOLERANCE · tolerance scales every family's complexity
 * threshold and so its false-positive rate (≈ 20·slack per family: 2e-7 at the
 * default tolerance). A caller loosening the tolerance for noisy data accepts
 * proportionally more coincidences, but still only among the simplest forms.
 */
const SLACK_PER_TOLERANCE = 10;
/** Relative rounding error allowed for a few float operations (16 ulps). */
const FLOAT_SLACK = 2 ** -48;
/** Above 2⁵³ every double is an integer. */
const INTEGER_ONLY = 2 ** 53;

export function recognize(x: number, options: RecognizeOptions = {}): ExactValue | null {
  const maxDen = options.maxDenominator ?? 1000;
  const tol = options.tolerance ?? 1e-9;
  const maxRadicand = BigInt(options.maxRadicand ?? 10_000);
  if (!Number.isFinite(x)) return null;
  if (Math.abs(x) <= ZERO_THRESHOLD) return exactFrom(0n);
  if (Math.abs(x) >= INTEGER_ONLY) return exactFrom(BigInt(x));
  const slack = SLACK_PER_TOLERANCE * tol;
  const limit = (complexityBound: number) => Math.min(tol * Math.abs(x), complexityBound);

  const rational = closeRational(x, maxDen, (q) => limit(slack / (q * q)));
  if (rational) return exactFrom(rational);

  // ±√(p/q): recognise x² (the threshold is scaled back to x by dy = 2|x| dx).
  const y = x * x;
  const square = closeRational(y, maxDen, (q) => 2 * Math.abs(x) * limit(slack / (2 * Math.abs(x) * q * q)));
  if (square) {
    const root = sqrtRational(square);
    if (root.d <= maxRadicand) return x < 0 ? exactFrom(root.neg()) : exactFrom(root);
  }

  const radicands = normaliseRadicands(options.radicands ?? []);
  for (const d of radicands) {
    const q = closeQuadratic(x, d, maxDen, (c, b) => limit(slack / (c * c * (b + 1) * (b + 1))));
    if (q) return exactFrom(q);
  }
  // √((a ± b√d)/c), e.g. a singular value √λ of an irrational eigenvalue.
  for (const d of radicands) {
    const q = closeQuadratic(y, d, maxDen, (c, b) => 2 * Math.abs(x) * limit(slack / (2 * Math.abs(x) * c * c * (b + 1) * (b + 1))));
    if (q && q.sign() > 0) {
      const root = sqrtExact(q);
      return x < 0 ? exactNeg(root) : root;
    }
  }
  return null;
}

/** The double as the exact fraction it is (m/2^k). */
export function doubleToRational(x: number): Rational {
  let scaled = x;
  let k = 0n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    k++;
  }
  return Rational.of(BigInt(scaled), 1n << k);
}

/**
 * A convergent p/q of x's continued fraction with q ≤ maxDen and |x − p/q| ≤ threshold(q).
 * Only convergents can be that close (|x − p/q| < 1/(2q²) forces one, by Legendre).
 */
function closeRational(x: number, maxDen: number, threshold: (q: number) => number): Rational | null {
  const exact = doubleToRational(Math.abs(x));
  const limit = BigInt(maxDen);
  // Euclid on the exact fraction yields the partial quotients; h/k are the convergents.
  let [n, d] = [exact.num, exact.den];
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  while (d !== 0n) {
    const a = n / d;
    [n, d] = [d, n - a * d];
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > limit) return null;
    const q = Number(k1);
    const tolerance = threshold(q);
    // Cheap float screen first; the exact difference decides near the threshold.
    if (Math.abs(Math.abs(x) - Number(h1) / q) > 2 * tolerance + 1e-15 * Math.abs(x)) continue;
    const candidate = Rational.of(h1, k1);
    if (exact.sub(candidate).abs().toNumber() <= tolerance) return x < 0 ? candidate.neg() : candidate;
  }
  return null;
}

/**
 * (a + b√d)/c close to x with c ≤ maxDen, b ≠ 0. A pair (b, c) is only worth
 * trying while its threshold exceeds the float error of evaluating c·x − b√d
 * (past that a "match" would be rounding noise); thresholds shrink with |b|
 * and c, which bounds both. For each c, the b with frac(b√d) ≈ frac(c·x) are
 * found by binary search in the sorted fractional parts instead of a loop.
 */
function closeQuadratic(x: number, d: number, maxDen: number, threshold: (c: number, absB: number) => number): QuadNumber | null {
  const root = Math.sqrt(d);
  const worthTrying = (c: number, absB: number) => threshold(c, absB) >= FLOAT_SLACK * (Math.abs(x) + (absB * root) / c);
  let maxB = 0;
  while (worthTrying(1, maxB + 1)) maxB++;
  const fracs: Array<{ f: number; b: number }> = [];
  for (let b = -maxB; b <= maxB; b++) if (b !== 0) fracs.push({ f: fractional(b * root), b });
  fracs.sort((p, q) => p.f - q.f);
  for (let c = 1; c <= maxDen && worthTrying(c, 1); c++) {
    const t = fractional(c * x);
    // Widened by the rounding error of the fractional parts; the test below is the real check.
    const window = c * threshold(c, 1) + 1e-11 * (1 + c * Math.abs(x));
    const ranges = [[t - window, t + window]];
    // frac() is circular: near 0 or 1 also look at the other end.
    if (t - window < 0) ranges.push([t - window + 1, 1]);
    if (t + window > 1) ranges.push([0, t + window - 1]);
    for (const [lo, hi] of ranges) {
      for (let i = lowerBound(fracs, lo); i < fracs.length && fracs[i].f <= hi; i++) {
        const { b } = fracs[i];
        const a = Math.round(c * x - b * root);
        const error = Math.abs(c * x - a - b * root) / c;
        if (worthTrying(c, Math.abs(b)) && error <= threshold(c, Math.abs(b))) {
          return QuadNumber.of(Rational.of(a, c), Rational.of(b, c), BigInt(d));
        }
      }
    }
  }
  return null;
}

const fractional = (v: number) => v - Math.floor(v);

function lowerBound(sorted: Array<{ f: number }>, value: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].f < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Squarefree parts of the usable radicands (√8 is searched as √2), without repeats. */
function normaliseRadicands(radicands: number[]): number[] {
  const out = new Set<number>();
  for (const r of radicands) {
    if (!Number.isSafeInteger(r) || r < 2) continue;
    const d = sqrtRational(r).d;
    if (d > 1n) out.add(Number(d));
  }
  return [...out];
}
