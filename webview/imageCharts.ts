/**
 * The image panel's two charts (Observable Plot, theme colours): the singular
 * values on a log scale and the cumulative energy. The current k is an SVG
 * line placed with the chart's own x scale, so moving the slider moves the
 * line without drawing the chart again.
 */
import { plot, line, dot, ruleY, text } from '@observablehq/plot';
import { formatLogTick } from './format';
import { baseOptions, DASHES, withoutInlineStyle } from './plots';
import type { Palette } from './theme';

const HEIGHT = 220;
const MAX_WIDTH = 560;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface EnergyMark {
  label: string;
  k: number;
}

interface Scaled {
  scale?: (name: string) => { apply: (v: number) => number; range?: number[] } | undefined;
}

/** The chart plus a function that puts the k marker at rank k. */
export interface KChart {
  svg: Element;
  mark: (k: number) => void;
}

/** Vertical line (and label) at k, positioned through the chart's x scale. */
function kMarker(svg: Element, kMax: number): (k: number) => void {
  const scaled = svg as unknown as Scaled;
  const x = scaled.scale?.('x');
  const y = scaled.scale?.('y');
  if (!x || !y?.range) return () => undefined;
  const [y0, y1] = y.range;
  const group = document.createElementNS(SVG_NS, 'g');
  group.setAttribute('class', 'image-k-marker');
  group.setAttribute('aria-hidden', 'true');
  const rule = document.createElementNS(SVG_NS, 'line');
  rule.setAttribute('y1', String(Math.min(y0, y1)));
  rule.setAttribute('y2', String(Math.max(y0, y1)));
  const label = document.createElementNS(SVG_NS, 'text');
  // Inside the frame at the bottom: above the frame it collided with the y-axis label at small k.
  label.setAttribute('y', String(Math.max(y0, y1) - 6));
  group.append(rule, label);
  svg.append(group);
  return (k: number) => {
    const px = x.apply(k);
    rule.setAttribute('x1', String(px));
    rule.setAttribute('x2', String(px));
    const right = k <= kMax * 0.8;
    label.setAttribute('x', String(px + (right ? 4 : -4)));
    label.setAttribute('text-anchor', right ? 'start' : 'end');
    label.textContent = `k = ${k}`;
  };
}

const xAxis = (kMax: number) => ({ label: 'i (rank)', labelAnchor: 'center' as const, labelArrow: 'none' as const, grid: true, domain: [1, Math.max(2, kMax)], tickFormat: 'd' });

/** Powers of ten across the positive σ (Plot's default log ticks crowd the axis with unlabelled ones). */
function decades(sigmas: Float64Array[]): number[] {
  const positive = sigmas.flatMap((s) => Array.from(s).filter((v) => v > 0));
  if (!positive.length) return [1];
  // Only decades inside the data: ticks outside the domain would be drawn outside the frame.
  const lo = Math.ceil(Math.log10(Math.min(...positive)));
  const hi = Math.floor(Math.log10(Math.max(...positive)));
  return hi >= lo ? Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)) : [Math.min(...positive), Math.max(...positive)];
}

/** σᵢ for each channel on a log scale. */
export function spectrumChart(sigmas: Float64Array[], width: number, palette: Palette, k: number): KChart {
  const kMax = sigmas[0].length;
  const rgb = sigmas.length === 3;
  // Red, green, blue from VS Code's chart colours; grey images get the first colour.
  const colours = rgb ? [palette.series[4], palette.series[2], palette.series[0]] : [palette.series[0]];
  const names = rgb ? ['R', 'G', 'B'] : ['σ'];
  const series = sigmas.map((s, c) => ({
    colour: colours[c],
    dash: DASHES[c % DASHES.length],
    points: Array.from(s, (v, i) => ({ i: i + 1, v, name: names[c] })).filter((d) => d.v > 0),
  }));
  const svg = plot({
    ...baseOptions(Math.min(width, MAX_WIDTH), HEIGHT, palette),
    ariaLabel: 'Singular values',
    ariaDescription: `Singular values σ₁ to σ${kMax} on a log scale${rgb ? ', one line per colour channel' : ''}; the first k are kept.`,
    x: xAxis(kMax),
    y: { label: 'σᵢ (log scale)', labelArrow: 'none', type: 'log', grid: true, ticks: decades(sigmas), tickFormat: formatLogTick },
    marks: series.flatMap((s) => [
      line(s.points, { x: 'i', y: 'v', stroke: s.colour, strokeWidth: 1.8, strokeDasharray: s.dash || undefined }),
      kMax <= 60 ? dot(s.points, { x: 'i', y: 'v', fill: s.colour, r: 2.5 }) : null,
    ]),
  });
  const mark = kMarker(svg, kMax);
  mark(k);
  return { svg: withoutInlineStyle(svg), mark };
}

/** Σ_{i≤k} σᵢ² / ‖A‖_F² in percent, with the 90/95/99% ranks marked. */
export function energyChart(energy: number[], marks: EnergyMark[], width: number, palette: Palette, k: number): KChart {
  const kMax = energy.length;
  const points = energy.map((e, i) => ({ i: i + 1, e: 100 * e }));
  // Ranks that coincide (90% and 95% both at k = 1) share one dot and one label.
  const byK = new Map<number, string[]>();
  for (const m of marks) byK.set(m.k, [...(byK.get(m.k) ?? []), m.label]);
  const reached = [...byK].map(([k, labels]) => ({ k, label: labels.join(', '), e: 100 * energy[k - 1] }));
  const low = Math.max(0, Math.floor(Math.min(...points.map((d) => d.e)) / 10) * 10);
  const svg = plot({
    ...baseOptions(Math.min(width, MAX_WIDTH), HEIGHT, palette),
    ariaLabel: 'Cumulative energy',
    ariaDescription: `Share of ‖A‖_F² kept by the first k singular values, from ${points[0].e.toFixed(1)}% at k = 1 to ${points[kMax - 1].e.toFixed(1)}% at k = ${kMax}. ${reached.map((m) => `${m.label} at k = ${m.k}`).join('; ')}.`,
    x: xAxis(kMax),
    y: { label: 'energy kept (%)', labelArrow: 'none', grid: true, domain: [low, 100] },
    marks: [
      ruleY([90, 95, 99], { stroke: palette.muted, strokeDasharray: '3,3', strokeOpacity: 0.8 }),
      line(points, { x: 'i', y: 'e', stroke: palette.series[0], strokeWidth: 2 }),
      dot(reached, { x: 'k', y: 'e', fill: palette.series[1], stroke: palette.background, r: 4.5 }),
      text(reached, { x: 'k', y: 'e', text: (d: EnergyMark) => `${d.label}: k = ${d.k}`, dx: 8, dy: 10, textAnchor: 'start', fill: palette.foreground }),
    ],
  });
  const mark = kMarker(svg, kMax);
  mark(k);
  return { svg: withoutInlineStyle(svg), mark };
}
