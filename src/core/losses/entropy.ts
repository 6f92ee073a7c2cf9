/**
 * Entropy, cross-entropy and KL divergence of discrete distributions, in
 * nats (natural log), with the convention 0·log 0 = 0. Inputs are validated
 * first: every entry finite and non-negative, the sum 1 within 1e-9.
 */
import { MdlError } from '../errors';

export const SUM_TOLERANCE = 1e-9;

/** Throws an MdlError naming the offending entry (1-based, as `cell`). */
export function validateDistribution(v: readonly number[], name: string): void {
  if (!Array.isArray(v) || v.length === 0) throw new MdlError('empty', `${name} must have at least one entry.`);
  v.forEach((x, i) => {
    const cell = { row: 1, col: i + 1 };
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new MdlError('non-finite', `${name}[${i + 1}] = ${x} is not a finite number.`, undefined, cell);
    if (x < 0) throw new MdlError('invalid-argument', `${name}[${i + 1}] = ${x} is negative; probabilities are ≥ 0.`, undefined, cell);
  });
  const total = v.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > SUM_TOLERANCE) throw new MdlError('invalid-argument', `${name} sums to ${total}, not 1 (tolerance ${SUM_TOLERANCE}).`);
}

/** H(p) = −Σ pᵢ log pᵢ. */
export function entropy(p: readonly number[]): number {
  return 0 - p.reduce((s, pi) => s + (pi > 0 ? pi * Math.log(pi) : 0), 0); // 0 − 0 is +0, where −0 would print as "−0"
}

/** H(p, q) = −Σ pᵢ log qᵢ; ∞ when some pᵢ > 0 has qᵢ = 0. */
export function crossEntropy(p: readonly number[], q: readonly number[]): number {
  return 0 - p.reduce((s, pi, i) => s + (pi > 0 ? pi * Math.log(q[i]) : 0), 0);
}

/**
 * KL(p‖q) = Σ pᵢ(log pᵢ − log qᵢ), summed term by term (not as H(p, q) − H(p),
 * which would make the identity check circular). The difference of logs,
 * not log(pᵢ/qᵢ): for a subnormal qᵢ the ratio overflows to ∞.
 */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  return p.reduce((s, pi, i) => s + (pi > 0 ? pi * (Math.log(pi) - Math.log(q[i])) : 0), 0);
}

export interface Decomposition {
  crossEntropy: number;
  entropy: number;
  kl: number;
  /** |H(p, q) − (H(p) + KL(p‖q))|; 0 when both sides are ∞. */
  residual: number;
  /** Entries where pᵢ > 0 but qᵢ = 0 (1-based): they make H(p, q) and KL infinite. */
  unsupported: number[];
}

/** H(p, q) = H(p) + KL(p‖q), each side computed independently. */
export function decompose(p: readonly number[], q: readonly number[]): Decomposition {
  validateDistribution(p, 'p');
  validateDistribution(q, 'q');
  if (p.length !== q.length) throw new MdlError('invalid-argument', `p has ${p.length} entries and q has ${q.length}; they must match.`);
  const ce = crossEntropy(p, q);
  const h = entropy(p);
  const kl = klDivergence(p, q);
  const residual = ce === Infinity && kl === Infinity ? 0 : Math.abs(ce - (h + kl));
  const unsupported = p.flatMap((pi, i) => (pi > 0 && q[i] === 0 ? [i + 1] : []));
  return { crossEntropy: ce, entropy: h, kl, residual, unsupported };
}
