/**
 * Honest caveats for the SVD derivation, in words a student understands:
 * ill-conditioning, rank decided by rounding, when the hand route (AᵀA)
 * cannot be trusted (floating-point input only: rational input is derived exactly), and singular values too close to tell apart.
 * Numerical rank follows numpy.linalg.matrix_rank: σᵢ > max(m, n)·ε·σ₁.
 */
import { frobeniusNorm, type Mat } from '../linalg';
import { sub_ } from './vectors';

const EPS = Number.EPSILON;

const sci = (x: number) => x.toExponential(1).replace(/e\+?/, '×10^').replace(/\^(-?\d+)$/, (_, e: string) => sup(e));
const sup = (e: string) => e.replace(/-/g, '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
const plural = (k: number, one: string, many: string) => (k === 1 ? one : many);

/** Decimal digits that survive a relative error of ε·factor (at least 0). */
function digitsLeft(errorFactor: number): number {
  return Math.max(0, Math.round(-Math.log10(EPS * errorFactor)));
}

/**
 * @param exactZeros the zero singular values were proved zero in exact arithmetic (rational input),
 *   so they are not rounding noise and need no caveat.
 */
export function conditioningWarnings(s: number[], rank: number, m: number, n: number, A: Mat, exactZeros: boolean): string[] {
  const p = Math.min(m, n);
  if (p === 0) return [];
  if (s[0] === 0 || frobeniusNorm(A) === 0) {
    return ['A is the zero matrix: every singular value is 0 and the rank is 0. Any orthogonal U and V work; we show the identity.'];
  }
  const tol = Math.max(m, n) * EPS * s[0];
  const smallest = s[p - 1];
  const cond = s[0] / smallest;
  if (rank < p && smallest > 0) {
    const k = p - rank;
    return [
      `The condition number is ${sci(cond)}: the trailing ${plural(k, 'singular value is', `${k} singular values are`)} below the rounding level ` +
        `max(m, n)·ε·σ₁ = ${sci(tol)}, so ${plural(k, 'it is', 'they are')} noise and ${plural(k, 'counts', 'count')} as zero (numerical rank ${rank}, as numpy.linalg.matrix_rank counts it).`,
    ];
  }
  if (rank < p && !exactZeros) {
    const k = p - rank;
    return [
      `σ${sub_(p)} = 0 to working precision: A is singular as far as double precision can tell (numerical rank ${rank} < ${p}). ` +
        `If A is only nearly singular, its smallest ${plural(k, 'singular value is', 'singular values are')} below ε·σ₁ = ${sci(EPS * s[0])} and cannot be resolved.`,
    ];
  }
  if (rank === p && cond > 1e8) {
    const d = digitsLeft(cond);
    const digits = d === 0 ? 'may be wrong in every digit' : `carries only about ${d} correct ${plural(d, 'digit', 'digits')}`;
    return [`The condition number is ${sci(cond)}: the smallest singular value ${digits} (its error is up to ε·σ₁ = ${sci(EPS * s[0])}), and the matching singular vectors are just as uncertain.`];
  }
  return [];
}

/**
 * Why the hand route must not be shown, or null when it may. With exact (rational) arithmetic the
 * route is exact and always allowed. In floating point, AᵀA squares the condition number: its
 * smallest eigenvalues carry an absolute error of about ε·σ₁², so σ = √λ is off by ε·κ² relatively.
 */
export function handRouteRefusal(exact: boolean, s: number[], rank: number, precision: number): string | null {
  if (exact || rank === 0) return null;
  // Only the non-zero part matters: the route rounds eigenvalues below 1e-12·λ₁ to 0, as it should for noise.
  const cond = s[0] / s[rank - 1];
  if (EPS * cond * cond <= 10 ** -(precision + 2)) return null;
  const d = digitsLeft(cond * cond);
  const index = rank === s.length ? 'the condition number' : `σ₁/σ${sub_(rank)}`;
  return (
    `${index[0].toUpperCase()}${index.slice(1)} is ${sci(cond)}, and the entries are not all rational, so the hand route is not shown: forming AᵀA squares it to ${sci(cond * cond)}, ` +
    (d === 0
      ? `so the smallest eigenvalues of AᵀA would be pure rounding noise. `
      : `so the smallest singular value would keep only about ${d} correct ${plural(d, 'digit', 'digits')}. `) +
    'The singular values below come from the SVD computed on A directly (Householder bidiagonalisation and QR), which never forms AᵀA.'
  );
}

/** Exact arithmetic and the floating-point tolerance disagree about the rank (e.g. σ₂ = 10⁻²⁰·σ₁, exactly non-zero). */
export function rankMismatch(exactRank: number, numericRank: number, s: number[], m: number, n: number): string {
  const tol = Math.max(m, n) * EPS * (s[0] ?? 0);
  return exactRank > numericRank
    ? `In exact arithmetic A has rank ${exactRank}, but ${exactRank - numericRank === 1 ? 'its smallest non-zero singular value is' : 'its smallest non-zero singular values are'} below the floating-point tolerance ` +
        `max(m, n)·ε·σ₁ = ${sci(tol)}: the numerical rank, as numpy.linalg.matrix_rank counts it, is ${numericRank}.`
    : `The hand route found rank ${exactRank}, the floating-point SVD rank ${numericRank} (tolerance max(m, n)·ε·σ₁ = ${sci(tol)}); the reported rank is ${numericRank}.`;
}

/** Distinct but nearly equal singular values: their vectors are ill-determined (sensitivity ~ ε·σ₁/gap). */
export function clusterWarnings(s: number[], rank: number, m: number, n: number): string[] {
  const out: string[] = [];
  // Gaps at the rounding level mean "equal to working precision": a repeated value, which the derivation explains.
  const tol = Math.max(m, n) * EPS * (s[0] ?? 0);
  for (let i = 0; i + 1 < rank; i++) {
    const gap = s[i] - s[i + 1];
    if (gap > tol && gap < 1e-8 * s[0]) {
      out.push(
        `σ${sub_(i + 1)} and σ${sub_(i + 2)} differ by only ${sci(gap / s[0])}·σ₁. Their singular vectors are very sensitive: a change in A of that size can turn ` +
          `them anywhere within the plane they span, so any orthonormal pair in that plane is almost as good.`,
      );
    }
  }
  return out;
}
