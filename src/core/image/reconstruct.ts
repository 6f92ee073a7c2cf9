/** Turning factors back into pictures: the rank-k image and its individual rank-one layers. */
import { MdlError } from '../errors';
import type { Mat } from '../linalg';
import { forEachRankKRow } from './rows';
import { toByte } from './compress';
import type { ImageFactors } from './types';

/** A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ per channel, rounded and clamped into 8-bit RGBA (alpha 255). */
export function reconstruct(factors: ImageFactors, k: number): Uint8Array {
  if (!Number.isInteger(k) || k < 0 || k > factors.kMax) {
    throw new MdlError('invalid-argument', `The rank must be a whole number from 0 to ${factors.kMax}, not ${k}.`);
  }
  const n = factors.width;
  const out = new Uint8Array(factors.width * factors.height * 4);
  factors.channels.forEach((f, c) => {
    const targets = factors.channels.length === 1 ? [0, 1, 2] : [c];
    forEachRankKRow(f, k, (i, row) => {
      for (const target of targets) for (let j = 0, p = i * n * 4 + target; j < n; j++, p += 4) out[p] = toByte(row[j]);
    });
  });
  for (let p = 3; p < out.length; p += 4) out[p] = 255;
  return out;
}

export interface RankOneLayer {
  /** 1-based: layer i is σᵢuᵢvᵢᵀ. */
  index: number;
  /** σᵢ per channel. */
  sigma: number[];
  /** Display scale: byte = 128 + 127·value/scale, so mid-grey is zero. */
  scale: number;
  /** The picture's size: the image's, or smaller when `maxSide` asked for a thumbnail. */
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * The first `count` layers σᵢuᵢvᵢᵀ as pictures. A layer has negative entries
 * and is small next to A, so it is shown around mid-grey (128 = 0) and
 * stretched to its own largest magnitude, shared by the channels so colours
 * keep their balance.
 *
 * With `maxSide`, each layer is an area-averaged thumbnail. A layer is an
 * outer product, so the average over a block of pixels is σ·(mean of u over the
 * block's rows)·(mean of v over its columns): the thumbnail is exact and costs
 * only its own pixels. (The panel shows layers small; full-size ones were 16 MB
 * of a 1024² picture's message to the webview.)
 */
export function rankOneLayers(factors: ImageFactors, count: number, maxSide = Infinity): RankOneLayer[] {
  const layers: RankOneLayer[] = [];
  const block = Math.max(1, Math.ceil(Math.max(factors.width, factors.height) / maxSide));
  const m = Math.ceil(factors.height / block);
  const n = Math.ceil(factors.width / block);
  for (let t = 0; t < Math.min(count, factors.kMax); t++) {
    // The largest |σuᵢvⱼ| is σ·max|u|·max|v|: no need to build the layer to find its scale.
    const columns = factors.channels.map((f) => ({ u: blockMeans(column(f.U, t, f.s[t]), block), v: blockMeans(column(f.V, t, 1), block) }));
    const scale = Math.max(...columns.map((c) => maxAbs(c.u) * maxAbs(c.v)));
    const s = scale || 1;
    const rgba = new Uint8Array(m * n * 4);
    for (let c = 0; c < 3; c++) {
      const { u, v } = columns[columns.length === 1 ? 0 : c];
      for (let i = 0; i < m; i++) {
        const ui = (127 * u[i]) / s;
        let p = i * n * 4 + c;
        // Uint8ClampedArray-style rounding inline: this loop runs for every pixel of every layer.
        for (let j = 0; j < n; j++, p += 4) {
          const x = 128 + ui * v[j];
          rgba[p] = x <= 0 ? 0 : x >= 255 ? 255 : (x + 0.5) | 0;
        }
      }
    }
    for (let p = 3; p < rgba.length; p += 4) rgba[p] = 255;
    layers.push({ index: t + 1, sigma: factors.channels.map((f) => f.s[t]), scale, width: n, height: m, rgba });
  }
  return layers;
}

/** Means of consecutive runs of `block` entries (the last run may be shorter). */
function blockMeans(x: Float64Array, block: number): Float64Array {
  if (block === 1) return x;
  const out = new Float64Array(Math.ceil(x.length / block));
  for (let b = 0; b < out.length; b++) {
    const end = Math.min(x.length, (b + 1) * block);
    let sum = 0;
    for (let i = b * block; i < end; i++) sum += x[i];
    out[b] = sum / (end - b * block);
  }
  return out;
}

/** Column t of a row-major matrix, times `factor`. */
function column(M: Mat, t: number, factor: number): Float64Array {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) out[i] = factor * M.data[i * M.cols + t];
  return out;
}

function maxAbs(x: Float64Array): number {
  let best = 0;
  for (let i = 0; i < x.length; i++) best = Math.max(best, Math.abs(x[i]));
  return best;
}

