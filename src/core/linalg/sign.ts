/**
 * Sign convention for singular vectors and eigenvectors. Each is only defined
 * up to ±1 (more freedom still for repeated values), so derivations, snapshots
 * and the CLI would flicker between runs or libraries without a fixed choice.
 * Rule: the LAST entry whose magnitude exceeds 1e-9·‖x‖∞ is positive. The
 * relative threshold keeps round-off residue (1e-17 where the exact answer is 0)
 * from ever deciding the sign.
 */
const SIGNIFICANT = 1e-9;

/** True when x[start .. start+len) must be negated to satisfy the convention (never for a zero vector). */
export function needsFlip(x: Float64Array, start: number, len: number): boolean {
  let inf = 0;
  for (let i = 0; i < len; i++) inf = Math.max(inf, Math.abs(x[start + i]));
  if (!(inf > 0)) return false;
  const threshold = SIGNIFICANT * inf;
  for (let i = len - 1; i >= 0; i--) {
    const v = x[start + i];
    if (Math.abs(v) > threshold) return v < 0;
  }
  return false;
}

export function negateRange(x: Float64Array, start: number, len: number): void {
  for (let i = 0; i < len; i++) x[start + i] = -x[start + i];
}

/** A copy of v, negated if needed so its last significant entry is positive. */
export function canonicalSign(v: Float64Array): Float64Array {
  const out = v.slice();
  if (needsFlip(out, 0, out.length)) negateRange(out, 0, out.length);
  return out;
}
