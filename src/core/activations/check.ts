/**
 * Finite-difference check of every activation's f′ against its f.
 *
 * A plain central difference has error h²f‴/6 + ε|f|/h, so at best ~1e-11
 * for h ≈ 1e-5 and worse where f‴ is large. Richardson extrapolation,
 * (4D(h/2) − D(h))/3, cancels the h² term, leaving O(h⁴) truncation; with
 * h = 1e-3 both that and the rounding term ε|f|/h stay near 1e-12, well
 * inside the 1e-8 the tests demand. The stencil must not straddle a point
 * where f is not smooth, so points within 2h of a breakpoint are skipped.
 */
import { getActivation, resolveParams } from './table';
import type { ActivationParams, CanonicalName } from './types';

export const DEFAULT_STEP = 1e-3;

/** Richardson-extrapolated central difference of f at x. */
export function richardsonDerivative(f: (x: number) => number, x: number, h = DEFAULT_STEP): number {
  const central = (s: number) => (f(x + s) - f(x - s)) / (2 * s);
  return (4 * central(h / 2) - central(h)) / 3;
}

export interface FiniteDifferenceReport {
  name: CanonicalName;
  params: ActivationParams;
  /** max |f′(x) − Richardson difference| over the checked points. */
  maxError: number;
  worstX: number;
  checked: number;
  /** The breakpoints whose neighbourhoods were skipped. */
  excluded: number[];
}

export interface CheckOptions {
  from?: number;
  to?: number;
  /** Grid points on [from, to]; a few far-out points (±15, ±30) are always added to exercise the tails. */
  points?: number;
  h?: number;
}

export function checkActivation(name: CanonicalName, given: ActivationParams = {}, options: CheckOptions = {}): FiniteDifferenceReport {
  const { from = -10, to = 10, points = 1601, h = DEFAULT_STEP } = options;
  const spec = getActivation(name);
  const p = resolveParams(name, given);
  const excluded = spec.breakpoints(p);
  const xs = [-30, -15, 15, 30];
  for (let i = 0; i < points; i++) xs.push(from + ((to - from) * i) / (points - 1));
  let maxError = 0;
  let worstX = NaN;
  let checked = 0;
  for (const x of xs) {
    if (excluded.some((b) => Math.abs(x - b) <= 2 * h)) continue;
    const err = Math.abs(spec.df(x, p) - richardsonDerivative((t) => spec.f(t, p), x, h));
    checked++;
    if (!(err <= maxError)) {
      maxError = err;
      worstX = x;
    }
  }
  return { name: spec.name, params: p, maxError, worstX, checked, excluded };
}
