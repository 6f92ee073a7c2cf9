/**
 * Step plots (PlotSpec) drawn with Observable Plot in the current theme's colours.
 */
import { plot, line, dot, barY, ruleY, text, tip, pointer, pointerX } from '@observablehq/plot';
import type { PlotSpec, Series } from '../src/core/derivation';
import { h } from './dom';
import { formatLogTick, formatNumber } from './format';
import { liveChart } from './liveChart';
import type { Palette } from './theme';
import { contourFigure, checkContour } from './contour';
import { isRunCurve, runLineFigure } from './runLine';

export const PLOT_HEIGHT = 260;
/** Wider charts only stretch the same few points; beyond this they stop growing. */
const MAX_WIDTH = 760;
/** Series are told apart by dash pattern as well as colour (colour-blind readers, monochrome prints). */
export const DASHES = ['', '7,4', '2,3', '9,3,2,3'];
/** Plot's own stylesheet is replaced by `.mdl-plot` rules in styles.css (see `withoutInlineStyle`). */
const CLASS_NAME = 'mdl-plot';

const isNums = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
const isStrs = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

/** The protocol guard checks only the plot's tag; check the data before drawing it. */
function checkSpec(spec: PlotSpec): void {
  if (spec.type === 'line') {
    const ok = Array.isArray(spec.series) && spec.series.every((s: Series) => typeof s?.name === 'string' && isNums(s.x) && isNums(s.y) && s.x.length === s.y.length);
    if (!ok) throw new Error('malformed line plot');
  } else if (spec.type === 'contour') {
    checkContour(spec);
  } else if (spec.type === 'bar') {
    if (!isStrs(spec.labels) || !isNums(spec.values) || spec.labels.length !== spec.values.length) throw new Error('malformed bar plot');
  } else {
    throw new Error('unknown plot type');
  }
}

/**
 * Plot adds a <style> element to every chart; the CSP (rightly) refuses
 * inline styles, so it is removed before the chart reaches the page.
 */
export function withoutInlineStyle<T extends Element>(chart: T): T {
  chart.querySelectorAll('style').forEach((s) => s.remove());
  // A labelled chart is one picture to a screen reader (its label and description), not hundreds of unnamed marks.
  if (chart.localName === 'svg' && chart.hasAttribute('aria-label') && !chart.hasAttribute('role')) chart.setAttribute('role', 'img');
  return chart;
}

/** Common frame: theme colours, VS Code font, transparent background. */
export function baseOptions(width: number, height: number, palette: Palette) {
  return {
    width,
    height,
    className: CLASS_NAME,
    marginTop: 20,
    marginRight: 20,
    marginBottom: 44,
    marginLeft: 60,
    style: { color: palette.foreground, background: 'transparent' },
  };
}

/** Integer x values (iterations, indices) get integer ticks rather than 0.5, 1.0, 1.5… */
export function integerAxis(xs: number[]): { ticks?: number[]; tickFormat?: string } {
  const unique = [...new Set(xs)].sort((a, b) => a - b);
  if (!unique.every(Number.isInteger)) return {};
  return unique.length <= 16 ? { ticks: unique, tickFormat: 'd' } : { tickFormat: 'd' };
}

/** `withSeries` false draws only the frame and the tip (whose data still sets the axes), for runLine.ts to draw the series over. */
export function drawLine(spec: Extract<PlotSpec, { type: 'line' }>, width: number, palette: Palette, precision: number, withSeries = true): Element {
  const log = spec.yScale === 'log';
  const fmt = (v: number) => formatNumber(v, precision, 'show');
  // A log axis cannot show zero or negative values; they are left out rather than breaking the chart.
  const series = spec.series.map((s, i) => ({
    name: s.name,
    colour: palette.series[i % palette.series.length],
    dash: DASHES[i % DASHES.length],
    points: s.x.map((x, j) => ({ series: s.name, x, y: s.y[j] })).filter((d) => !log || d.y > 0),
  }));
  const all = series.flatMap((s) => s.points);
  const several = series.length > 1;
  return plot({
    ...baseOptions(Math.min(width, MAX_WIDTH), PLOT_HEIGHT, palette),
    ariaLabel: spec.title,
    ariaDescription: `Line chart of ${spec.yLabel} against ${spec.xLabel}${several ? ` for ${series.map((s) => s.name).join(', ')}` : ''}.`,
    x: { label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', grid: true, ...integerAxis(all.map((d) => d.x)) },
    y: log
      ? { label: spec.yLabel, labelArrow: 'none', type: 'log', grid: true, tickFormat: formatLogTick }
      : { label: spec.yLabel, labelArrow: 'none', grid: true, nice: true },
    marks: [
      log ? null : ruleY([0], { strokeOpacity: 0.4 }),
      // One mark per series, later ones on top: a dashed line over a solid one shows both.
      ...(withSeries ? series : []).flatMap((s) => [
        line(s.points, { x: 'x', y: 'y', stroke: s.colour, strokeWidth: 2, strokeDasharray: s.dash || undefined }),
        spec.dots ? dot(s.points, { x: 'x', y: 'y', fill: s.colour, r: 3.5 }) : null,
      ]),
      tip(all, pointerX({ x: 'x', y: 'y', title: (d: (typeof all)[number]) => `${several ? d.series + '\n' : ''}${spec.xLabel} = ${d.x}\n${spec.yLabel} = ${fmt(d.y)}` })),
    ],
  });
}

function drawBar(spec: Extract<PlotSpec, { type: 'bar' }>, width: number, palette: Palette, precision: number): Element {
  const data = spec.labels.map((label, i) => ({ label, value: spec.values[i] }));
  const fmt = (v: number) => formatNumber(v, Math.min(precision, 4));
  // Two bars do not need the whole panel.
  const barWidth = Math.min(width, MAX_WIDTH, 140 + 110 * data.length);
  return plot({
    ...baseOptions(barWidth, PLOT_HEIGHT, palette),
    ariaLabel: spec.title,
    ariaDescription: `Bar chart of ${spec.yLabel} by ${spec.xLabel}: ${data.map((d) => `${d.label} ${fmt(d.value)}`).join(', ')}.`,
    x: { label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', domain: spec.labels, padding: 0.3 },
    y: { label: spec.yLabel, labelArrow: 'none', grid: true, nice: true },
    marks: [
      barY(data, { x: 'label', y: 'value', fill: palette.series[0], rx: 2 }),
      ruleY([0], { strokeOpacity: 0.6 }),
      data.length <= 24 ? text(data, { x: 'label', y: 'value', text: (d: { value: number }) => fmt(d.value), dy: -7, lineAnchor: 'bottom', fontVariant: 'tabular-nums' }) : null,
      tip(data, pointer({ x: 'label', y: 'value', title: (d: { label: string; value: number }) => `${d.label}\n${spec.yLabel} = ${fmt(d.value)}` })),
    ],
  });
}

/** A legend in HTML (Plot's own would bring another inline stylesheet), with line samples matching the chart. */
function legend(names: string[]): { list: HTMLElement; paint: (palette: Palette) => void } {
  const svgNs = 'http://www.w3.org/2000/svg';
  const samples = names.map((_, i) => {
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('class', 'swatch');
    svg.setAttribute('viewBox', '0 0 24 8');
    svg.setAttribute('aria-hidden', 'true');
    const stroke = document.createElementNS(svgNs, 'line');
    for (const [k, v] of Object.entries({ x1: '0', y1: '4', x2: '24', y2: '4', 'stroke-width': '2' })) stroke.setAttribute(k, v);
    if (DASHES[i % DASHES.length]) stroke.setAttribute('stroke-dasharray', DASHES[i % DASHES.length]);
    svg.append(stroke);
    return { svg, stroke };
  });
  const list = h('ul', { class: 'plot-legend', attrs: { 'aria-label': 'Legend' } }, ...names.map((name, i) => h('li', {}, samples[i].svg, name)));
  const paint = (palette: Palette) => samples.forEach((s, i) => s.stroke.setAttribute('stroke', palette.series[i % palette.series.length]));
  return { list, paint };
}

/** A titled figure that draws `spec` now and again on resize or theme change. */
export function plotFigure(spec: PlotSpec, precision: number): HTMLElement {
  checkSpec(spec);
  // Optimiser runs get a step slider: level sets with paths, and loss curves over steps or epochs.
  if (spec.type === 'contour') return contourFigure(spec, precision);
  if (spec.type === 'line' && isRunCurve(spec)) return runLineFigure(spec, precision);
  const chart = h('div', { class: 'chart chart-step' });
  const key = spec.type === 'line' && spec.series.length > 1 ? legend(spec.series.map((s) => s.name)) : undefined;
  liveChart(chart, (width, palette) => {
    key?.paint(palette);
    const svg = spec.type === 'line' ? drawLine(spec, width, palette, precision) : drawBar(spec as Extract<PlotSpec, { type: 'bar' }>, width, palette, precision);
    return withoutInlineStyle(svg);
  });
  return h('figure', { class: 'plot-figure' }, h('figcaption', { class: 'plot-title', text: spec.title }), key?.list, chart);
}
