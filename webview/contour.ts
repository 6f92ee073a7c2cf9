/**
 * Level sets of an objective (Plot's contour mark over the host's grid) with
 * the optimiser paths on top, revealed by the step slider (runChart.ts).
 * The axes stay on the grid: a diverging path is cut at its edge.
 */
import { plot, contour, dot, identity, text } from '@observablehq/plot';
import type { ContourPlot } from '../src/core/optim/types';
import { formatNumber } from './format';
import { baseOptions, withoutInlineStyle } from './plots';
import { runFigure, type RunBase } from './runChart';
import { rgb, type Palette } from './theme';

const MAX_WIDTH = 680;

const isNums = (a: unknown, n?: number): a is number[] => Array.isArray(a) && (n === undefined || a.length === n) && a.every((v) => typeof v === 'number' && Number.isFinite(v));

/** The protocol guard checks only the tag; check everything drawn from. */
export function checkContour(spec: ContourPlot): void {
  const { x, y, z, thresholds, paths, markers } = spec;
  const ok =
    isNums(x) && x.length >= 2 && isNums(y) && y.length >= 2 &&
    Array.isArray(z) && z.length === y.length && z.every((row) => isNums(row, x.length)) &&
    isNums(thresholds) && thresholds.length >= 1 && thresholds.every((v, i) => i === 0 || v > thresholds[i - 1]) &&
    (spec.zScale === 'linear' || (spec.zScale === 'log' && thresholds[0] > 0)) &&
    [spec.title, spec.xLabel, spec.yLabel].every((s) => typeof s === 'string') &&
    Array.isArray(paths) && paths.every((p) => typeof p?.name === 'string' && isNums(p.x) && isNums(p.y, p.x.length)) &&
    (markers === undefined || (Array.isArray(markers) && markers.every((m) => typeof m?.name === 'string' && isNums([m.x, m.y]))));
  if (!ok) throw new Error('malformed contour plot');
}

/** `a` moved towards `b` by `f`, as a colour Plot and canvas accept. */
function mix(a: string, b: string, f: number): string {
  const [p, q] = [rgb(a), rgb(b)];
  return `rgb(${p.map((v, i) => Math.round(v + (q[i] - v) * f)).join(', ')})`;
}

/** Markers by meaning: where the run starts, where it should end, where it must not. */
function symbolFor(name: string): string {
  if (/start/i.test(name)) return 'circle';
  if (/saddle/i.test(name)) return 'times';
  if (/minim|least squares|optimum|target/i.test(name)) return 'star';
  return 'diamond';
}

function drawBase(spec: ContourPlot, width: number, palette: Palette): RunBase {
  const { x, y, z, thresholds } = spec;
  const w = Math.min(width, MAX_WIDTH);
  const height = Math.round(Math.max(280, Math.min(440, w * 0.68)));
  // The grid's values sit at cell centres for Plot, so its box reaches half a cell past the outer points.
  const hx = (x[x.length - 1] - x[0]) / (x.length - 1) / 2;
  const hy = (y[y.length - 1] - y[0]) / (y.length - 1) / 2;
  const log = spec.zScale === 'log';
  // Low levels fade into the background so the valley, where the paths go, stays quiet.
  const strength = palette.highContrast ? 0.42 : 0.3;
  const markers = spec.markers ?? [];
  const halo = { stroke: palette.background, strokeWidth: 3, paintOrder: 'stroke' };
  const svg = plot({
    ...baseOptions(w, height, palette),
    ariaLabel: spec.title,
    ariaDescription: `Level sets of f over ${spec.xLabel} from ${x[0]} to ${x[x.length - 1]} and ${spec.yLabel} from ${y[0]} to ${y[y.length - 1]}, ${thresholds.length} levels${log ? ' spaced logarithmically' : ''}, with the paths of ${spec.paths.map((p) => p.name).join(', ') || 'no optimiser'}.`,
    x: { domain: [x[0], x[x.length - 1]], label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: [y[0], y[y.length - 1]], label: spec.yLabel, labelArrow: 'none' },
    color: { type: log ? 'log' : 'linear', domain: [thresholds[0], thresholds[thresholds.length - 1]], range: [mix(palette.background, palette.foreground, 0.04), mix(palette.background, palette.foreground, strength)], interpolate: 'rgb' },
    marks: [
      contour(z.flat(), {
        width: x.length,
        height: y.length,
        x1: x[0] - hx,
        x2: x[x.length - 1] + hx,
        y1: y[0] - hy,
        y2: y[y.length - 1] + hy,
        // The grid is dense and already in row order (row 0 at y[0]); no resampling.
        value: identity,
        interpolate: 'none',
        thresholds,
        // 'value' here is each level's threshold (the value channel above is the grid).
        fill: 'value',
        stroke: palette.foreground,
        strokeOpacity: palette.highContrast ? 0.55 : 0.28,
        strokeWidth: 0.75,
        clip: true,
        className: 'contour-levels',
      }),
      dot(markers, { x: 'x', y: 'y', symbol: (m: (typeof markers)[number]) => symbolFor(m.name), r: 6, stroke: palette.foreground, strokeWidth: 2, fill: (m: (typeof markers)[number]) => (symbolFor(m.name) === 'circle' ? palette.background : palette.foreground), clip: true, className: 'contour-markers' }),
      text(markers, { x: 'x', y: 'y', text: 'name', dx: 9, dy: -9, textAnchor: 'start', fill: palette.foreground, fontSize: 11, clip: true, ...halo }),
    ],
  }) as SVGSVGElement;
  withoutInlineStyle(svg);
  svg.classList.add('contour-plot');
  return { svg, before: svg.querySelector('g.contour-markers'), top: null };
}

export function contourFigure(spec: ContourPlot, precision: number): HTMLElement {
  const lengths = spec.paths.map((p) => p.x.length);
  const max = Math.max(1, ...lengths);
  const fmt = (v: number) => formatNumber(v, Math.min(precision, 4));
  const within = (v: number, axis: number[]) => v >= axis[0] && v <= axis[axis.length - 1];
  const inGrid = (x: number, y: number) => within(x, spec.x) && within(y, spec.y);
  const levels = spec.thresholds;
  const lo = formatNumber(levels[0], 2, 'show');
  const hi = formatNumber(levels[levels.length - 1], 2, 'show');
  return runFigure({
    title: spec.title,
    note: `${levels.length} level${levels.length === 1 ? '' : 's'} from ${lo} to ${hi}${spec.zScale === 'log' ? ', spaced logarithmically' : ''}; the stronger the shading, the higher the level.`,
    series: spec.paths,
    max,
    // The host subsampled each path to its own length; a path shows the same fraction of itself as the slider.
    counts: (t) => lengths.map((n) => (n === 0 ? 0 : Math.max(1, Math.round((t * n) / max)))),
    style: (i, palette) => ({ colour: palette.series[i % palette.series.length], dash: '', dots: true }),
    drawBase: (width, palette) => drawBase(spec, width, palette),
    position: (t) => `t = ${t} of ${max}`,
    value: (s, k) => `(${fmt(s.x[k])}, ${fmt(s.y[k])})${inGrid(s.x[k], s.y[k]) ? '' : ', off the plot'}`,
  });
}
