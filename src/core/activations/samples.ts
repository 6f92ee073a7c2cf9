/**
 * f and f′ sampled on an interval, for plots. Kept apart from render.ts so
 * the worker's derivations do not pull MathJax into their bundle.
 */
import { MdlError } from '../errors';
import { getActivation, resolveParams } from './table';
import type { ActivationParams, CanonicalName } from './types';

export interface PlotSamples {
  x: number[];
  f: number[];
  df: number[];
}

export function samplePlot(name: CanonicalName, params: ActivationParams = {}, domain: [number, number] = [-5, 5], n = 201): PlotSamples {
  if (!(n >= 2) || !Number.isInteger(n)) throw new MdlError('invalid-argument', `Sample count must be an integer ≥ 2, not ${n}.`);
  const [a, b] = domain;
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) throw new MdlError('invalid-argument', `Plot domain [${a}, ${b}] must be finite with a < b.`);
  const spec = getActivation(name);
  const p = resolveParams(spec.name, params);
  const x = Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  return { x, f: x.map((t) => spec.f(t, p)), df: x.map((t) => spec.df(t, p)) };
}

