/** Turning factors back into pictures: the rank-k image and its individual rank-one layers. */
import { MdlError } from '../errors';
import type { Mat } from '../linalg';
import { rankK } from '../svd/truncation';
import { toByte } from './compress';
import type { ImageFactors } from './types';

/** A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ per channel, rounded and clamped into 8-bit RGBA (alpha 255). */
export function reconstruct(factors: ImageFactors, k: number): Uint8Array {
  if (!Number.isInteger(k) || k < 0 || k > factors.kMax) {
    throw new MdlError('invalid-argument', `The rank must be a whole number from 0 to ${factors.kMax}, not ${k}.`);
  }
  const planes = factors.channels.map((f) => rankK(f.U, f.s, f.V, k));
  return planesToRgba(planes, toByte);
}

export interface RankOneLayer {
  /** 1-based: layer i is σᵢuᵢvᵢᵀ. */
  index: number;
  /** σᵢ per channel. */
  sigma: number[];
  /** Display scale: byte = 128 + 127·value/scale, so mid-grey is zero. */
  scale: number;
  rgba: Uint8Array;
}

/**
 * The first `count` layers σᵢuᵢvᵢᵀ as pictures. A layer has negative entries
 * and is small next to A, so it is shown around mid-grey (128 = 0) and
 * stretched to its own largest magnitude, shared by the channels so colours
 * keep their balance.
 */
export function rankOneLayers(factors: ImageFactors, count: number): RankOneLayer[] {
  const layers: RankOneLayer[] = [];
  for (let t = 0; t < Math.min(count, factors.kMax); t++) {
    const planes = factors.channels.map((f) => layer(f.U, f.s[t], f.V, t));
    let scale = 0;
    for (const p of planes) for (const x of p.data) scale = Math.max(scale, Math.abs(x));
    const s = scale || 1;
    layers.push({
      index: t + 1,
      sigma: factors.channels.map((f) => f.s[t]),
      scale,
      rgba: planesToRgba(planes, (x) => toByte(128 + (127 * x) / s)),
    });
  }
  return layers;
}

/** σ·u_t·v_tᵀ, for column t of U and V. */
function layer(U: Mat, sigma: number, V: Mat, t: number): Mat {
  const m = U.rows, n = V.rows;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ui = sigma * U.data[i * U.cols + t];
    for (let j = 0; j < n; j++) out[i * n + j] = ui * V.data[j * V.cols + t];
  }
  return { rows: m, cols: n, data: out };
}

/** One plane → grey RGBA; three planes → RGB. Alpha is always opaque. */
function planesToRgba(planes: Mat[], toByteFn: (x: number) => number): Uint8Array {
  const size = planes[0].rows * planes[0].cols;
  const out = new Uint8Array(size * 4);
  for (let p = 0; p < size; p++) {
    for (let c = 0; c < 3; c++) out[4 * p + c] = toByteFn(planes[planes.length === 1 ? 0 : c].data[p]);
    out[4 * p + 3] = 255;
  }
  return out;
}
