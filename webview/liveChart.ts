/**
 * Charts that redraw themselves: when their container changes width and when
 * VS Code changes theme (Plot and canvas need concrete colours, so a theme
 * change means drawing again with the new palette).
 */
import { onThemeChange, readPalette, type Palette } from './theme';

type Draw = (width: number, palette: Palette) => Node;

interface Chart {
  /** Zero-height strip that only tracks the width; watching the chart itself would loop when drawing changes its height. */
  ruler: HTMLElement;
  surface: HTMLElement;
  draw: Draw;
  /** Width last drawn at; 0 means "draw when next visible". */
  width: number;
}

/** Keyed by the chart's container. */
const charts = new Map<HTMLElement, Chart>();
const byRuler = new Map<Element, Chart>();
let palette: Palette | undefined;

function render(chart: Chart): void {
  palette ??= readPalette();
  try {
    chart.surface.replaceChildren(chart.draw(chart.width, palette));
  } catch (err) {
    console.warn('MDL Steps: could not draw a chart', err);
    chart.surface.replaceChildren(Object.assign(document.createElement('p'), { className: 'chart-error', textContent: 'This chart could not be drawn.' }));
  }
}

const resizeObserver = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const chart = byRuler.get(entry.target);
    const width = Math.floor(entry.contentRect.width);
    if (!chart || width === 0 || width === chart.width) continue;
    chart.width = width;
    render(chart);
  }
});

onThemeChange(() => {
  palette = readPalette();
  for (const chart of charts.values()) {
    // Charts in cached, detached steps are redrawn when they are shown again.
    if (chart.ruler.isConnected) render(chart);
    else chart.width = 0;
  }
});

/**
 * Draws into `container` once it is on the page and has a width, and again
 * on resize and theme change.
 */
export function liveChart(container: HTMLElement, draw: Draw): void {
  const chart: Chart = { ruler: document.createElement('div'), surface: document.createElement('div'), draw, width: 0 };
  chart.ruler.className = 'chart-ruler';
  chart.surface.className = 'chart-surface';
  container.replaceChildren(chart.ruler, chart.surface);
  charts.set(container, chart);
  byRuler.set(chart.ruler, chart);
  resizeObserver.observe(chart.ruler);
}

/** Redraws one chart now (e.g. the spectrum when k moves). */
export function redraw(container: HTMLElement, draw?: Draw): void {
  const chart = charts.get(container);
  if (!chart) return;
  if (draw) chart.draw = draw;
  if (chart.width) render(chart);
}

/** Drops every chart that is not on the page (called when a new derivation replaces the old one). */
export function forgetDetachedCharts(): void {
  for (const [container, chart] of [...charts]) {
    if (chart.ruler.isConnected) continue;
    charts.delete(container);
    byRuler.delete(chart.ruler);
    resizeObserver.unobserve(chart.ruler);
  }
}

export function currentPalette(): Palette {
  return (palette ??= readPalette());
}
