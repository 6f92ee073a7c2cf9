/** Pieces shared by the three optimisation derivations: number format, loss plots, start points. */
import type { PlotSpec, Series } from '../derivation';
import type { DisplayOptions } from '../display';
import { MdlError } from '../errors';
import { SigFigs } from './format';

/** One more significant digit than the configured decimal places: 4 → 1.2346, 0.00012346. */
export const sigFigs = (options: DisplayOptions) => new SigFigs(options.precision + 1);

/** Multi-series loss plot; log scale when every value is positive, non-finite points dropped (the webview requires finite data). */
export function lossPlot(title: string, xLabel: string, series: Series[], yLabel = 'loss'): PlotSpec {
  const clean = series.map((s) => {
    const keep = s.x.map((_, i) => i).filter((i) => Number.isFinite(s.x[i]) && Number.isFinite(s.y[i]));
    return { name: s.name, x: keep.map((i) => s.x[i]), y: keep.map((i) => s.y[i]) };
  });
  const positive = clean.every((s) => s.y.every((v) => v > 0));
  return { type: 'line', title, xLabel, yLabel, yScale: positive ? 'log' : 'linear', series: clean };
}

/** Start point as an array in `variables` order; an object is read by name. */
export function startVector(start: number[] | Record<string, number>, variables: readonly string[]): number[] {
  const values = Array.isArray(start) ? start : variables.map((v) => (start as Record<string, number>)[v]);
  if (values.length !== variables.length) {
    throw new MdlError('invalid-argument', `The start point has ${values.length} coordinates; the objective has ${variables.length} (${variables.join(', ')}).`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new MdlError('invalid-argument', `The start value for ${variables[i]} must be a finite number.`);
  });
  return values;
}

/** Variables of a start object, sorted by name (the JSON contract orders θ this way). */
export function sortedKeys(start: Record<string, number>): string[] {
  return Object.keys(start).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
