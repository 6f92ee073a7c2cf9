/**
 * Matrix heatmaps on <canvas> (one pixel per entry scales to 500×500 where
 * an SVG cell per entry would not), on a diverging scale shared between
 * matrices so equal colours mean equal values.
 */
import { h } from './dom';
import { formatNumber } from './format';
import { rgb, type Palette } from './theme';

export const MAX_HEATMAP_HEIGHT = 320;
const MAX_CELL = 40;

type RGB = [number, number, number];

/** Value in [−limit, limit] → colour: negative end, a neutral near the background at 0, positive end. */
export function colourScale(palette: Palette, limit: number): (v: number) => RGB {
  const bg = rgb(palette.background);
  const fg = rgb(palette.foreground);
  const zero: RGB = [0, 1, 2].map((i) => bg[i] + (fg[i] - bg[i]) * 0.12) as RGB;
  const neg = rgb(palette.negative);
  const pos = rgb(palette.positive);
  return (v) => {
    const t = limit > 0 ? Math.max(-1, Math.min(1, v / limit)) : 0;
    const end = t < 0 ? neg : pos;
    const a = Math.abs(t);
    return [0, 1, 2].map((i) => Math.round(zero[i] + (end[i] - zero[i]) * a)) as RGB;
  };
}

export function largestMagnitude(...matrices: number[][][]): number {
  let m = 0;
  for (const matrix of matrices) for (const row of matrix) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

/** Cell size that fits `cols` across `width` and `rows` within the height limit. */
function cellSize(rows: number, cols: number, width: number): { w: number; h: number } {
  const w = Math.max(1, Math.min(MAX_CELL, Math.floor(width / cols)));
  return { w, h: Math.max(1, Math.min(w, Math.floor(MAX_HEATMAP_HEIGHT / rows))) };
}

export function drawHeatmap(matrix: number[][], name: string, width: number, palette: Palette, limit: number, precision: number): HTMLCanvasElement {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  const cell = cellSize(rows, cols, width);
  const label = `Heatmap of ${name}, ${rows} by ${cols}, colours from ${formatNumber(-limit, 2)} to ${formatNumber(limit, 2)}`;
  const canvas = h('canvas', { class: 'heatmap', attrs: { role: 'img', 'aria-label': label } });
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(cols * cell.w * dpr);
  canvas.height = Math.round(rows * cell.h * dpr);
  canvas.style.width = `${cols * cell.w}px`;
  canvas.style.height = `${rows * cell.h}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const colour = colourScale(palette, limit);
  // Paint one pixel per entry, then scale up without smoothing: sharp cells at any size.
  const image = new ImageData(cols, rows);
  matrix.forEach((row, r) =>
    row.forEach((v, c) => {
      const [red, green, blue] = colour(v);
      image.data.set([red, green, blue, 255], (r * cols + c) * 4);
    }),
  );
  const bitmap = document.createElement('canvas');
  bitmap.width = cols;
  bitmap.height = rows;
  bitmap.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  // Big cells read better with a hairline grid in the background colour.
  if (cell.w >= 12 && cell.h >= 12) {
    ctx.strokeStyle = palette.background;
    ctx.lineWidth = dpr;
    for (let c = 1; c < cols; c++) line(ctx, c * cell.w * dpr, 0, c * cell.w * dpr, canvas.height);
    for (let r = 1; r < rows; r++) line(ctx, 0, r * cell.h * dpr, canvas.width, r * cell.h * dpr);
  }
  // Hovering names the entry under the pointer.
  canvas.addEventListener('mousemove', (e) => {
    const c = Math.floor(e.offsetX / cell.w);
    const r = Math.floor(e.offsetY / cell.h);
    if (r >= 0 && r < rows && c >= 0 && c < cols) canvas.title = `${name}[${r + 1}, ${c + 1}] = ${formatNumber(matrix[r][c], precision)}`;
  });
  return canvas;
}

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** The shared colour key: a gradient bar labelled −limit, 0, +limit. */
export function drawScaleKey(palette: Palette, limit: number, width: number): HTMLElement {
  const steps = 64;
  const bar = h('canvas', { class: 'scale-bar', attrs: { 'aria-hidden': 'true' } });
  bar.width = steps;
  bar.height = 1;
  const ctx = bar.getContext('2d');
  const colour = colourScale(palette, limit);
  if (ctx) {
    const image = new ImageData(steps, 1);
    for (let i = 0; i < steps; i++) image.data.set([...colour(-limit + (2 * limit * i) / (steps - 1)), 255], i * 4);
    ctx.putImageData(image, 0, 0);
  }
  bar.style.width = `${Math.min(width, 240)}px`;
  const label = (v: number) => formatNumber(v, 2);
  return h(
    'div',
    { class: 'scale-key', attrs: { role: 'img', 'aria-label': `Colour scale from ${label(-limit)} to ${label(limit)}` } },
    bar,
    h('div', { class: 'scale-labels', attrs: { 'aria-hidden': 'true' } }, h('span', { text: label(-limit) }), h('span', { text: '0' }), h('span', { text: label(limit) })),
  );
}
