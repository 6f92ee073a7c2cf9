/**
 * Charts of optimiser runs (level sets with paths, loss curves) with a step
 * slider. Plot draws the frame once per size or theme; the paths are our own
 * SVG on top, so moving the slider (60 times a second while playing) only
 * rewrites a few `d` attributes instead of redrawing the chart.
 */
import { h } from './dom';
import { liveChart } from './liveChart';
import { RunPlayback } from './playback';
import type { Palette } from './theme';

export interface RunSeries {
  name: string;
  x: number[];
  y: number[];
}

export interface TraceStyle {
  colour: string;
  dash: string;
  dots: boolean;
}

/**
 * A Plot chart (with its scales) drawn without the series. The series go
 * just below `before` (markers), their current points just below `top` (a
 * tip, which must stay readable); either null means on top.
 */
export interface RunBase {
  svg: SVGSVGElement;
  before: Element | null;
  top: Element | null;
}

export interface RunFigureOptions {
  title: string;
  /** A note under the title (e.g. how the levels are spaced). */
  note?: string;
  series: RunSeries[];
  max: number;
  /** Points of each series shown at slider position t (1…max). */
  counts: (t: number) => number[];
  style: (i: number, palette: Palette) => TraceStyle;
  drawBase: (width: number, palette: Palette) => RunBase;
  /** The readout beside the slider, e.g. "t = 40 of 1251". */
  position: (t: number) => string;
  /** A series' value at its last shown point `k`, for the legend. */
  value: (s: RunSeries, k: number) => string;
}

type Scale = { apply(v: number): number; range: number[] };
const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string> = {}, ...children: Element[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

const px = (v: number) => String(Math.round(v * 10) / 10);

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Liang–Barsky: the part of segment a→b inside the box, or null. Diverging
 * runs reach 1e30; clipping here keeps the geometry exact where a clip-path
 * would be handed coordinates the renderer cannot draw.
 */
function clip(ax: number, ay: number, bx: number, by: number, box: Box): [number, number, number, number] | null {
  if (![ax, ay, bx, by].every(Number.isFinite)) return null;
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  for (const [p, q] of [[-dx, ax - box.left], [dx, box.right - ax], [-dy, ay - box.top], [dy, box.bottom - ay]]) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return null;
  }
  return [ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy];
}

const inside = (x: number, y: number, b: Box) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;

/** One series as path pieces: piece i extends the drawing to point i, so any prefix joins into a valid path. */
function pieces(xs: number[], ys: number[], sx: Scale, sy: Scale, box: Box, r: number) {
  const line: string[] = [];
  const dots: string[] = [];
  const points: Array<[number, number]> = xs.map((x, i) => [sx.apply(x), sy.apply(ys[i])]);
  let penAt = -1; // index of the point the pen rests on, if any
  points.forEach(([x, y], i) => {
    dots.push(Number.isFinite(x) && Number.isFinite(y) && inside(x, y, box) ? `M${px(x - r)},${px(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0` : '');
    if (i === 0) {
      penAt = Number.isFinite(x) && Number.isFinite(y) && inside(x, y, box) ? 0 : -1;
      line.push(penAt === 0 ? `M${px(x)},${px(y)}` : '');
      return;
    }
    const c = clip(points[i - 1][0], points[i - 1][1], x, y, box);
    if (!c) {
      line.push('');
      penAt = -1;
      return;
    }
    const continues = penAt === i - 1 && c[0] === points[i - 1][0] && c[1] === points[i - 1][1];
    line.push(`${continues ? '' : `M${px(c[0])},${px(c[1])}`}L${px(c[2])},${px(c[3])}`);
    penAt = c[2] === x && c[3] === y ? i : -1;
  });
  return { line, dots, points };
}

interface Overlay {
  reveal(counts: number[]): void;
}

function drawOverlay(base: RunBase, series: RunSeries[], styles: TraceStyle[], palette: Palette): Overlay {
  const chart = base.svg as SVGSVGElement & { scale(name: 'x' | 'y'): Scale | undefined };
  const sx = chart.scale('x');
  const sy = chart.scale('y');
  if (!sx || !sy) return { reveal: () => undefined };
  const [left, right] = [...sx.range].sort((a, b) => a - b);
  const [top, bottom] = [...sy.range].sort((a, b) => a - b);
  const box = { left, right, top, bottom };
  const layer = svgEl('g', { class: 'run-layer', 'aria-hidden': 'true' });
  const drawn = series.map((s, i) => {
    const st = styles[i];
    const p = pieces(s.x, s.y, sx, sy, box, 1.75);
    const g = svgEl('g', { class: 'run-trace', 'data-series': String(i) });
    const path = svgEl('path', { class: 'run-path', fill: 'none', stroke: st.colour, 'stroke-width': '2', 'stroke-linejoin': 'round', 'stroke-linecap': 'round', ...(st.dash ? { 'stroke-dasharray': st.dash } : {}) });
    const dots = svgEl('path', { class: 'run-dots', fill: st.colour, 'fill-opacity': '0.75' });
    const head = svgEl('circle', { class: 'run-head', r: '4', fill: st.colour, stroke: palette.background, 'stroke-width': '1.5' });
    g.append(path, ...(st.dots ? [dots] : []));
    layer.append(g);
    return { p, path, dots, head };
  });
  const heads = svgEl('g', { class: 'run-heads', 'aria-hidden': 'true' }, ...drawn.map((d) => d.head));
  const place = (el: Element, below: Element | null) => (below?.parentNode ? below.parentNode.insertBefore(el, below) : base.svg.append(el));
  place(layer, base.before);
  // Current points above the markers: runs that end together on the minimum stay visible.
  place(heads, base.top);
  return {
    reveal(counts) {
      drawn.forEach(({ p, path, dots, head }, i) => {
        const n = Math.max(0, Math.min(counts[i] ?? 0, p.points.length));
        path.setAttribute('d', p.line.slice(0, n).join('') || 'M0,0');
        path.setAttribute('visibility', n > 1 ? 'visible' : 'hidden');
        dots.setAttribute('d', p.dots.slice(0, n).join('') || 'M0,0');
        const last = p.points[n - 1];
        const shown = last !== undefined && inside(last[0], last[1], box);
        head.setAttribute('visibility', shown ? 'visible' : 'hidden');
        if (shown) {
          head.setAttribute('cx', px(last[0]));
          head.setAttribute('cy', px(last[1]));
        }
      });
    },
  };
}

/** The legend doubles as the readout: each series' swatch, name and value at the slider's step. */
function runLegend(series: RunSeries[]) {
  const items = series.map((s) => {
    const swatch = svgEl('svg', { class: 'swatch', viewBox: '0 0 24 8', 'aria-hidden': 'true' });
    const stroke = svgEl('line', { x1: '0', y1: '4', x2: '24', y2: '4', 'stroke-width': '2' });
    const dot = svgEl('circle', { cx: '12', cy: '4', r: '2.5' });
    swatch.append(stroke, dot);
    const value = h('span', { class: 'run-value' });
    return { li: h('li', {}, swatch, h('span', { class: 'run-name', text: s.name }), value), stroke, dot, value };
  });
  return {
    list: h('ul', { class: 'plot-legend run-legend', attrs: { 'aria-label': 'Legend' } }, ...items.map((it) => it.li)),
    values: items.map((it) => it.value),
    paint(styles: TraceStyle[]) {
      items.forEach((it, i) => {
        it.stroke.setAttribute('stroke', styles[i].colour);
        if (styles[i].dash) it.stroke.setAttribute('stroke-dasharray', styles[i].dash);
        else it.stroke.removeAttribute('stroke-dasharray');
        it.dot.setAttribute('fill', styles[i].colour);
        it.dot.setAttribute('visibility', styles[i].dots ? 'visible' : 'hidden');
      });
    },
  };
}

export function runFigure(o: RunFigureOptions): HTMLElement {
  const legend = runLegend(o.series);
  const chart = h('div', { class: 'chart chart-step chart-run' });
  const position = h('output', { class: 'run-position', attrs: { 'aria-live': 'off' } });
  let t = o.max;
  let overlay: Overlay | undefined;
  const show = (next: number) => {
    t = next;
    const counts = o.counts(t);
    overlay?.reveal(counts);
    legend.values.forEach((el, i) => (el.textContent = counts[i] > 0 ? o.value(o.series[i], counts[i] - 1) : '—'));
    position.textContent = o.position(t);
  };
  const playback = o.max > 1 ? new RunPlayback(o.max, show, `Step of the run shown in “${o.title}”`) : undefined;
  liveChart(chart, (width, palette) => {
    const styles = o.series.map((_, i) => o.style(i, palette));
    legend.paint(styles);
    const base = o.drawBase(width, palette);
    overlay = drawOverlay(base, o.series, styles, palette);
    overlay.reveal(o.counts(t));
    return base.svg;
  });
  show(t);
  return h(
    'figure',
    { class: 'plot-figure run-figure' },
    h('figcaption', { class: 'plot-title', text: o.title }),
    o.note ? h('p', { class: 'plot-note', text: o.note }) : null,
    o.series.length ? legend.list : null,
    chart,
    playback ? h('div', { class: 'run-row' }, playback.element, position) : null,
  );
}
