/**
 * Drawing for the PCA explorer: the scatter (points, mean, principal axes,
 * projections onto e₁) on equal axes, and the PC1 number line beneath it.
 * Every position comes from the host; this file only maps them to pixels
 * and tags each sample's marks with `data-sample` so pca.ts can link them.
 */
import { plot, dot, arrow, link, line, text, ruleY } from '@observablehq/plot';
import type { PcaScatter } from '../src/core/derivation';
import { baseOptions, withoutInlineStyle } from './plots';
import type { Palette } from './theme';

type Pt = [number, number];
export type Extent = { x: Pt; y: Pt };

export interface Frame extends Extent {
  width: number;
  height: number;
  /** Data units per pixel, the same on both axes. */
  unit: number;
}

/** A chart plus the pixel ↔ data mapping pca.ts needs for hit-testing and dragging. */
export interface Drawn {
  svg: SVGSVGElement;
  toPx: (p: Pt) => Pt;
  toData: (px: Pt) => Pt;
}

const MARGIN = { top: 24, right: 28, bottom: 44, left: 56 };
/** Beyond this the plot only gets bigger, not clearer. */
const MAX_WIDTH = 640;
const INNER_HEIGHT: Pt = [200, 440];
/** Up to this many samples, points and scores carry their number / value. */
const LABEL_POINTS = 12;
const LABEL_SCORES = 8;

/** Samples are drawn smaller as they get more numerous. */
export const pointRadius = (n: number) => (n <= 20 ? 6 : n <= 200 ? 4.5 : 3.5);

/** The smallest box holding everything drawn, padded so markers and labels stay inside. */
export function extentOf(spec: PcaScatter, points: Pt[]): Extent {
  const all: Pt[] = [...points, ...(spec.feet ?? []), ...(spec.mean ? [spec.mean] : []), ...(spec.axes ?? []).map((a) => a.to)];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const pad = ([lo, hi]: Pt, other: number): Pt => {
    const span = hi - lo || other || 1;
    return [lo - 0.1 * span, hi + 0.1 * span];
  };
  const x: Pt = [Math.min(...xs), Math.max(...xs)];
  const y: Pt = [Math.min(...ys), Math.max(...ys)];
  return { x: pad(x, y[1] - y[0]), y: pad(y, x[1] - x[0]) };
}

/** True when `inner` lies inside `outer` and still fills a good part of it (otherwise refit). */
export function fitsSnugly(inner: Extent, outer: Extent): boolean {
  const within = (a: Pt, b: Pt) => a[0] >= b[0] && a[1] <= b[1] && a[1] - a[0] >= 0.55 * (b[1] - b[0]);
  return within(inner.x, outer.x) && within(inner.y, outer.y);
}

/**
 * Domains and size with one data unit the same length on both axes, so the
 * principal axes (perpendicular in the data) look perpendicular.
 */
export function equalAspect(extent: Extent, availableWidth: number): Frame {
  const width = Math.max(240, Math.min(availableWidth, MAX_WIDTH));
  const innerW = width - MARGIN.left - MARGIN.right;
  const dx = extent.x[1] - extent.x[0];
  const dy = extent.y[1] - extent.y[0];
  const innerH = Math.max(INNER_HEIGHT[0], Math.min(INNER_HEIGHT[1], (innerW * dy) / dx));
  const unit = Math.max(dx / innerW, dy / innerH);
  const around = ([lo, hi]: Pt, px: number): Pt => [(lo + hi) / 2 - (unit * px) / 2, (lo + hi) / 2 + (unit * px) / 2];
  return { x: around(extent.x, innerW), y: around(extent.y, innerH), width, height: Math.round(innerH) + MARGIN.top + MARGIN.bottom, unit };
}

function frameOptions(frame: { width: number; height: number }, palette: Palette) {
  return { ...baseOptions(frame.width, frame.height, palette), ...MARGIN };
}

/** Tags the i-th element of each mark group with data-sample="i". */
function tagSamples(svg: Element, ...groups: string[]): void {
  for (const g of groups) svg.querySelectorAll(`g.${g} > *`).forEach((el, i) => el.setAttribute('data-sample', String(i)));
}

function withScales(svg: SVGSVGElement): Drawn {
  const chart = svg as SVGSVGElement & { scale(name: 'x' | 'y'): { apply(v: number): number; invert?(v: number): number } | undefined };
  const x = chart.scale('x')!;
  const y = chart.scale('y')!;
  return {
    svg,
    toPx: ([a, b]) => [x.apply(a), y.apply(b)],
    toData: ([a, b]) => [x.invert!(a), y.invert!(b)],
  };
}

/** Axis labels with subscript digits (e1√λ1 → e₁√λ₁), whatever the host sent. */
export const subscriptDigits = (label: string) => label.replace(/(?<=[A-Za-zλσ])\d+/g, (d) => [...d].map((c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]).join(''));

export function drawScatter(spec: PcaScatter, points: Pt[], frame: Frame, palette: Palette): Drawn {
  const n = points.length;
  const r = pointRadius(n);
  const [pointColour, e1Colour, e2Colour] = palette.series;
  const axisColour = (i: number) => (i === 0 ? e1Colour : e2Colour);
  const segments = (spec.feet ?? []).slice(0, n).map((foot, i) => ({ from: points[i], to: foot }));
  // e₁'s whole line through the mean, so the feet visibly sit on one line.
  const e1 = spec.axes?.[0];
  const pc1Line: Pt[] = [];
  if (e1 && spec.mean) {
    const [ux, uy] = [e1.to[0] - e1.from[0], e1.to[1] - e1.from[1]];
    const reach = (frame.x[1] - frame.x[0] + frame.y[1] - frame.y[0]) / Math.max(1e-300, Math.hypot(ux, uy));
    pc1Line.push([spec.mean[0] - reach * ux, spec.mean[1] - reach * uy], [spec.mean[0] + reach * ux, spec.mean[1] + reach * uy]);
  }
  const axisLabels = (spec.axes ?? []).map((a, i) => {
    // Place each label just beyond its arrowhead, in pixels (equal aspect: y is flipped, nothing else).
    const [dx, dy] = [a.to[0] - a.from[0], -(a.to[1] - a.from[1])];
    const len = Math.hypot(dx, dy) || 1;
    const [ox, oy] = [(16 * dx) / len, (16 * dy) / len];
    return text([a], {
      x: (d: typeof a) => d.to[0],
      y: (d: typeof a) => d.to[1],
      text: (d: typeof a) => subscriptDigits(d.label),
      dx: ox,
      dy: oy,
      textAnchor: ox > 6 ? 'start' : ox < -6 ? 'end' : 'middle',
      fill: axisColour(i),
      fontWeight: 600,
      fontSize: 12,
      stroke: palette.background,
      strokeWidth: 4,
      paintOrder: 'stroke',
    });
  });
  const description =
    spec.space === 'data'
      ? `${n} samples of ${spec.xLabel} against ${spec.yLabel}, with the mean, the principal axes scaled by the square root of their eigenvalues, and each sample's projection onto the first axis.`
      : `${n} samples' scores on the first principal component against the second.`;
  const svg = plot({
    ...frameOptions(frame, palette),
    ariaLabel: spec.space === 'data' ? 'Scatter plot of the data with its principal axes' : 'Scores on PC1 against PC2',
    ariaDescription: description,
    x: { domain: frame.x, label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', grid: true },
    y: { domain: frame.y, label: spec.yLabel, labelArrow: 'none', grid: true },
    marks: [
      spec.space === 'scores' ? ruleY([0], { strokeOpacity: 0.35 }) : null,
      pc1Line.length ? line(pc1Line, { stroke: e1Colour, strokeOpacity: 0.45, strokeDasharray: '8,5', clip: true }) : null,
      link(segments, { x1: (d: (typeof segments)[number]) => d.from[0], y1: (d: (typeof segments)[number]) => d.from[1], x2: (d: (typeof segments)[number]) => d.to[0], y2: (d: (typeof segments)[number]) => d.to[1], stroke: palette.muted, strokeDasharray: '3,3', strokeWidth: 1.25, className: 'pca-projections' }),
      spec.feet ? dot(spec.feet.slice(0, n), { x: '0', y: '1', r: n <= 20 ? 3.5 : 2, fill: palette.background, stroke: e1Colour, strokeWidth: 1.5, className: 'pca-feet' }) : null,
      dot(points, { x: '0', y: '1', r, fill: pointColour, stroke: palette.background, strokeWidth: n <= 200 ? 1.5 : 1, className: 'pca-points' }),
      n <= LABEL_POINTS
        ? text(points, { x: '0', y: '1', text: (_: Pt, i: number) => String(i + 1), dx: r + 3, dy: -(r + 5), textAnchor: 'start', fill: palette.foreground, fontSize: 11, stroke: palette.background, strokeWidth: 3, paintOrder: 'stroke', className: 'pca-point-labels' })
        : null,
      // Axes and mean on top: among hundreds of points they would otherwise disappear.
      ...(spec.axes ?? []).map((a, i) =>
        arrow([a], { x1: (d: typeof a) => d.from[0], y1: (d: typeof a) => d.from[1], x2: (d: typeof a) => d.to[0], y2: (d: typeof a) => d.to[1], stroke: axisColour(i), strokeWidth: 2.5, headLength: 10 }),
      ),
      ...axisLabels,
      spec.mean ? dot([spec.mean], { x: '0', y: '1', symbol: 'plus', r: 7, stroke: palette.foreground, strokeWidth: 2.5, className: 'pca-mean' }) : null,
      spec.mean ? text([spec.mean], { x: '0', y: '1', text: () => 'x̄', dx: -9, dy: 11, textAnchor: 'end', fill: palette.foreground, fontSize: 13, fontStyle: 'italic', stroke: palette.background, strokeWidth: 3, paintOrder: 'stroke' }) : null,
    ],
  }) as SVGSVGElement;
  withoutInlineStyle(svg);
  svg.classList.add('pca-scatter');
  // Not an image: its points are focusable buttons, which an image's children cannot be.
  svg.setAttribute('role', 'group');
  tagSamples(svg, 'pca-points', 'pca-projections', 'pca-feet', 'pca-point-labels');
  return withScales(svg);
}

/**
 * PC1 scores on a line, at the scatter's scale where they fit, so a
 * distance along e₁ above is the same length here.
 */
export function drawNumberLine(scores: number[], frame: Frame, palette: Palette): Drawn {
  const innerW = frame.width - MARGIN.left - MARGIN.right;
  const widest = Math.max(0, ...scores.map(Math.abs));
  const half = Math.max((frame.unit * innerW) / 2, widest * 1.08 || 1);
  const r = Math.min(pointRadius(scores.length), 5);
  const data = scores.map((s, i) => ({ s, i }));
  // Values alternate above the line (in score order) when neighbours would overlap.
  const byScore = [...data].sort((a, b) => a.s - b.s);
  const pxPerUnit = innerW / (2 * half);
  const raised = new Set<number>();
  byScore.forEach((d, k) => {
    const prev = byScore[k - 1];
    if (prev && !raised.has(prev.i) && (d.s - prev.s) * pxPerUnit < 44) raised.add(d.i);
  });
  const label = (rows: typeof data, dy: number) =>
    text(rows, { x: 's', y: 0, text: (d: (typeof data)[number]) => formatScore(d.s), dy, fill: palette.foreground, fontSize: 11, fontVariant: 'tabular-nums' });
  const svg = plot({
    ...frameOptions({ width: frame.width, height: scores.length <= LABEL_SCORES ? 96 : 72 }, palette),
    marginTop: scores.length <= LABEL_SCORES ? 36 : 12,
    marginBottom: 36,
    ariaLabel: 'PC1 scores on a number line',
    ariaDescription: `${scores.length} scores, the signed distance of each sample from the mean along e₁.`,
    x: { domain: [-half, half], label: 'PC1 score  (distance from x̄ along e₁)', labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: [-1, 1], axis: null },
    marks: [
      ruleY([0], { stroke: palette.series[1], strokeWidth: 2, strokeOpacity: 0.8 }),
      text([0], { x: 0, y: 0, text: () => 'x̄', dx: -8, dy: -9, textAnchor: 'end', fill: palette.muted, fontStyle: 'italic', fontSize: 12 }),
      dot([0], { x: 0, y: 0, symbol: 'plus', r: 5, stroke: palette.foreground, strokeWidth: 2 }),
      // Many scores overlap: translucent dots show where they crowd.
      scores.length <= 50
        ? dot(data, { x: 's', y: 0, r, fill: palette.series[0], stroke: palette.background, strokeWidth: 1.5, className: 'pca-scores' })
        : dot(data, { x: 's', y: 0, r: 3.5, fill: palette.series[0], fillOpacity: 0.45, className: 'pca-scores' }),
      scores.length <= LABEL_SCORES ? label(data.filter((d) => !raised.has(d.i)), -(r + 8)) : null,
      scores.length <= LABEL_SCORES ? label(data.filter((d) => raised.has(d.i)), -(r + 22)) : null,
    ],
  }) as SVGSVGElement;
  withoutInlineStyle(svg);
  svg.classList.add('pca-number-line');
  tagSamples(svg, 'pca-scores');
  return withScales(svg);
}

const MINUS = '\u2212';

/** Compact numbers for labels: at most two decimals, no trailing zeros, a real minus sign. */
export function formatScore(x: number): string {
  const s = Math.abs(x).toFixed(2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return x < 0 && s !== '0' ? MINUS + s : s;
}
