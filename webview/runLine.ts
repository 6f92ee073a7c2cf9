/**
 * Loss curves of a run (loss per step or per epoch) with the step slider:
 * plots.ts draws the axes from all the data, so they stay put while the
 * curves grow; runChart.ts draws and reveals the curves.
 */
import type { PlotSpec } from '../src/core/derivation';
import { formatNumber } from './format';
import { DASHES, drawLine, withoutInlineStyle } from './plots';
import { runFigure } from './runChart';

type LinePlot = Extract<PlotSpec, { type: 'line' }>;

/** Below this many points a curve is a handful of values, not a run worth playing. */
const MIN_RUN_POINTS = 10;

/**
 * A curve over a run: x counts something (steps, epochs, gradients), so it
 * is made of whole numbers that only increase. Activation plots (x real) and
 * weight paths (x goes back and forth) are not.
 */
export function isRunCurve(spec: LinePlot): boolean {
  const increasing = (xs: number[]) => xs.every((v, i) => Number.isInteger(v) && v >= 0 && (i === 0 || v > xs[i - 1]));
  return spec.series.length > 0 && spec.series.every((s) => increasing(s.x)) && Math.max(...spec.series.map((s) => s.x.length)) >= MIN_RUN_POINTS;
}

/** How many of the ascending `xs` are at most `limit` (binary search; called every frame while playing). */
function countUpTo(xs: number[], limit: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function runLineFigure(spec: LinePlot, precision: number): HTMLElement {
  const log = spec.yScale === 'log';
  // As drawLine does: a log axis cannot show zero or negative values.
  const series = spec.series.map((s) => {
    const keep = s.x.map((_, j) => j).filter((j) => !log || s.y[j] > 0);
    return { name: s.name, x: keep.map((j) => s.x[j]), y: keep.map((j) => s.y[j]) };
  });
  const max = Math.max(...series.map((s) => s.x.length));
  const xs = series.flatMap((s) => s.x);
  const [first, last] = [Math.min(...xs), Math.max(...xs)];
  // Series are sampled differently (a run that stopped early, every 8th step…); the slider moves along x so all show the same step.
  const limit = (t: number) => (max <= 1 ? last : first + ((last - first) * (t - 1)) / (max - 1));
  const whole = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v)));
  return runFigure({
    title: spec.title,
    series,
    max,
    counts: (t) => series.map((s) => countUpTo(s.x, limit(t))),
    style: (i, palette) => ({ colour: palette.series[i % palette.series.length], dash: DASHES[i % DASHES.length], dots: !!spec.dots }),
    drawBase: (width, palette) => {
      const svg = withoutInlineStyle(drawLine(spec, width, palette, precision, false) as SVGSVGElement);
      const tip = svg.querySelector('g[aria-label="tip"]');
      return { svg, before: tip, top: tip };
    },
    position: (t) => `${spec.xLabel} ≤ ${whole(limit(t))} (t = ${t} of ${max})`,
    value: (s, k) => `${formatNumber(s.y[k], Math.min(precision, 4), 'show')} at ${whole(s.x[k])}`,
  });
}
