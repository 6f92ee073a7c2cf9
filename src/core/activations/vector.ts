/** Softmax and log-softmax as the vector functions they are, with their Jacobians. */
import { MdlError } from '../errors';

function checkLogits(z: readonly number[]): void {
  if (z.length === 0) throw new MdlError('empty', 'Softmax needs at least one logit.');
  const bad = z.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new MdlError('non-finite', `Logit ${bad + 1} is ${z[bad]}; softmax needs finite numbers.`, undefined, { row: 1, col: bad + 1 });
}

/** log Σ e^{zⱼ}, shifted by m = max z so every exponent is ≤ 0 and the largest term is 1. */
export function logSumExp(z: readonly number[]): number {
  checkLogits(z);
  const m = Math.max(...z);
  let s = 0;
  for (const v of z) s += Math.exp(v - m);
  return m + Math.log(s);
}

export function logSoftmax(z: readonly number[]): number[] {
  const lse = logSumExp(z);
  return z.map((v) => v - lse);
}

export function softmax(z: readonly number[]): number[] {
  checkLogits(z);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** J = diag(s) − ssᵀ: Jᵢⱼ = sᵢ(δᵢⱼ − sⱼ). */
export function softmaxJacobian(z: readonly number[]): number[][] {
  const s = softmax(z);
  return s.map((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj)));
}

/** J = I − 1sᵀ: ∂ log sᵢ/∂zⱼ = δᵢⱼ − sⱼ. */
export function logSoftmaxJacobian(z: readonly number[]): number[][] {
  const s = softmax(z);
  return s.map((_, i) => s.map((sj, j) => (i === j ? 1 : 0) - sj));
}
