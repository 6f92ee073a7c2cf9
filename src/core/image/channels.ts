/**
 * From RGBA bytes to the matrices the SVD works on: one per channel,
 * height×width, values 0..255 as doubles.
 */
import { MdlError } from '../errors';
import type { Mat } from '../linalg';
import type { ImageChannels, ImageMode, RgbaImage } from './types';

/** Rec. 601 luma weights (as in JPEG and PIL's "L" mode): Y = 0.299 R + 0.587 G + 0.114 B. */
export const LUMA_601 = [0.299, 0.587, 0.114] as const;

/**
 * Split an RGBA picture into channel matrices, downscaling by area averaging
 * when its longer side exceeds maxSide (the SVD cost grows like m·n·min(m,n)).
 * Transparent pixels are composited over white first, so hidden colour under
 * alpha = 0 does not show up as structure in the matrix.
 */
export function toChannels(image: RgbaImage, mode: ImageMode, maxSide = 1024): ImageChannels {
  const { width, height, rgba } = image;
  if (!Number.isInteger(maxSide) || maxSide < 1) throw new MdlError('invalid-argument', `maxSide must be a positive integer, not ${maxSide}.`);
  const planes = mode === 'gray' ? [luma(rgba, width * height)] : colourPlanes(rgba, width * height);
  const longer = Math.max(width, height);
  if (longer <= maxSide) {
    return { width, height, mode, downscaled: false, channels: planes.map((data) => ({ rows: height, cols: width, data })) };
  }
  const w = Math.max(1, Math.round((width * maxSide) / longer));
  const h = Math.max(1, Math.round((height * maxSide) / longer));
  return {
    width: w,
    height: h,
    mode,
    downscaled: true,
    note: `downscaled from ${width}×${height} to ${w}×${h}`,
    channels: planes.map((data) => areaDownscale({ rows: height, cols: width, data }, h, w)),
  };
}

/** R, G and B over white: c·α + 255·(1 − α), α = A/255. */
function colourPlanes(rgba: Uint8Array, size: number): Float64Array[] {
  const r = new Float64Array(size), g = new Float64Array(size), b = new Float64Array(size);
  for (let p = 0, q = 0; p < size; p++, q += 4) {
    const alpha = rgba[q + 3] / 255, white = 255 * (1 - alpha);
    r[p] = rgba[q] * alpha + white;
    g[p] = rgba[q + 1] * alpha + white;
    b[p] = rgba[q + 2] * alpha + white;
  }
  return [r, g, b];
}

/** The luma of the colours over white, with the same arithmetic as colourPlanes (one pass, no planes kept). */
function luma(rgba: Uint8Array, size: number): Float64Array {
  const [wr, wg, wb] = LUMA_601;
  const y = new Float64Array(size);
  for (let p = 0, q = 0; p < size; p++, q += 4) {
    const alpha = rgba[q + 3] / 255, white = 255 * (1 - alpha);
    y[p] = wr * (rgba[q] * alpha + white) + wg * (rgba[q + 1] * alpha + white) + wb * (rgba[q + 2] * alpha + white);
  }
  return y;
}

/** Area averaging: each output pixel is the mean of the source area it covers (fractional pixels weighted). */
export function areaDownscale(a: Mat, rows: number, cols: number): Mat {
  const horizontal = boxWeights(a.cols, cols);
  const vertical = boxWeights(a.rows, rows);
  // Rows first (shrink width), then columns (shrink height): the box filter is separable.
  const tmp = new Float64Array(a.rows * cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (const [src, wgt] of horizontal[j]) sum += a.data[i * a.cols + src] * wgt;
      tmp[i * cols + j] = sum;
    }
  }
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (const [src, wgt] of vertical[i]) {
      for (let j = 0; j < cols; j++) out[i * cols + j] += tmp[src * cols + j] * wgt;
    }
  }
  return { rows, cols, data: out };
}

/** For each of `to` output cells, the source cells it covers and their weights (summing to 1). */
function boxWeights(from: number, to: number): Array<Array<[number, number]>> {
  const span = from / to;
  const out: Array<Array<[number, number]>> = [];
  for (let j = 0; j < to; j++) {
    const lo = j * span;
    const hi = (j + 1) * span;
    const cells: Array<[number, number]> = [];
    for (let s = Math.floor(lo); s < Math.min(from, Math.ceil(hi)); s++) {
      const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
      if (overlap > 0) cells.push([s, overlap / span]);
    }
    out.push(cells);
  }
  return out;
}
