/**
 * Rank-k compression of an image's channel matrices and the figures that
 * judge it: storage, relative Frobenius error (measured and by Eckart–Young),
 * PSNR, and the ranks that keep 90/95/99% of the energy.
 */
import { MdlError } from '../errors';
import { frobeniusNorm, type Mat, type PanelProductsFactory } from '../linalg';
import { eckartYoungError, truncatedStorage } from '../svd/truncation';
import { forEachRankKRow } from './rows';
import { leadingTriplets } from './factorize';
import type { ChannelFactors, ImageChannels, ImageFactors } from './types';

/** Triplets kept per channel when the caller does not say: enough for the slider and most energy ranks. */
export const DEFAULT_K_MAX = 100;

export interface CompressionReport {
  width: number;
  height: number;
  mode: 'gray' | 'rgb';
  rank: number;
  kMax: number;
  /** Numbers stored: original m·n per channel; compressed k(m+n+1) per channel. */
  storage: { original: number; compressed: number; ratio: number };
  /** ‖A − A_k‖_F / ‖A‖_F measured on the (unclamped) reconstruction; channels pooled for RGB. */
  relativeError: number;
  /** The same by Eckart–Young, √(Σ_{i>k} σᵢ²)/‖A‖_F. */
  eckartYoungError: number;
  /** 'tail': summed from the σᵢ with i > k; 'energy': √(‖A‖_F² − Σ_{i≤k} σᵢ²), exact but needing no tail σ. */
  eckartYoungFrom: 'tail' | 'energy';
  /** dB, peak 255, on the rounded and clamped 8-bit images; null when they are identical (infinite PSNR). */
  psnr: number | null;
  /** Smallest k with Σ_{i≤k}σᵢ² ≥ p·‖A‖_F²; null when it lies beyond the singular values computed. */
  energyRanks: { p90: number | null; p95: number | null; p99: number | null };
  approximate: boolean;
}

/** Factorise every channel, keeping kMax triplets (default max(k, 100), at most min(m, n)). */
export function factorizeImage(image: ImageChannels, kMax: number): ImageFactors {
  return imageFactors(image, kMax, image.channels.map((a) => factorizeChannel(a, kMax)));
}

/** One channel's leading kMax triplets and ‖A‖_F²: the unit of work a thread pool can share out. */
export function factorizeChannel(a: Mat, kMax: number, products?: PanelProductsFactory): ChannelFactors {
  return { ...leadingTriplets(a, kMax, products), frobeniusSq: frobeniusNorm(a) ** 2 };
}

export function imageFactors(image: ImageChannels, kMax: number, channels: ChannelFactors[]): ImageFactors {
  return { width: image.width, height: image.height, mode: image.mode, kMax, channels };
}

export function compressImage(
  image: ImageChannels,
  k: number,
  options: { kMax?: number } = {},
): { factors: ImageFactors; report: CompressionReport } {
  const p = Math.min(image.width, image.height);
  checkRank(k, p, 'rank');
  const kMax = options.kMax ?? Math.min(p, Math.max(k, DEFAULT_K_MAX));
  checkRank(kMax, p, 'kMax');
  if (kMax < k) throw new MdlError('invalid-argument', `kMax (${kMax}) must be at least the rank k (${k}).`);
  const factors = factorizeImage(image, kMax);
  return { factors, report: measureCompression(image, factors, k) };
}

function checkRank(k: number, p: number, what: string): void {
  if (!Number.isInteger(k) || k < 1 || k > p) {
    throw new MdlError('invalid-argument', `The ${what} must be a whole number from 1 to ${p} (the shorter side), not ${k}.`);
  }
}

/** All figures for rank k from factors already computed (so a slider need not refactorise). */
export function measureCompression(image: ImageChannels, factors: ImageFactors, k: number): CompressionReport {
  checkRank(k, factors.kMax, 'rank');
  const m = factors.height;
  const n = factors.width;
  const c = factors.channels.length;
  let totalSq = 0, diffSq = 0, eySq = 0, squaredByteError = 0;
  let fromTail = true;
  factors.channels.forEach((f, idx) => {
    const a = image.channels[idx].data;
    totalSq += f.frobeniusSq;
    // One pass per row: the exact error and the 8-bit error together, no dense A_k.
    forEachRankKRow(f, k, (i, row) => {
      const base = i * n;
      for (let j = 0; j < n; j++) {
        const x = a[base + j];
        const y = row[j];
        diffSq += (x - y) * (x - y);
        const e = toByte(x) - toByte(y);
        squaredByteError += e * e;
      }
    });
    if (f.allSingularValues) eySq += eckartYoungError(f.allSingularValues, k) ** 2;
    else {
      fromTail = false;
      eySq += Math.max(0, f.frobeniusSq - sumSquares(f.s, k));
    }
  });
  const norm = Math.sqrt(totalSq);
  const mse = squaredByteError / (c * m * n);
  return {
    width: n,
    height: m,
    mode: factors.mode,
    rank: k,
    kMax: factors.kMax,
    storage: storageFigures(k, m, n, c),
    relativeError: norm === 0 ? 0 : Math.sqrt(diffSq) / norm,
    eckartYoungError: norm === 0 ? 0 : Math.sqrt(eySq) / norm,
    eckartYoungFrom: fromTail ? 'tail' : 'energy',
    psnr: psnrFromMse(mse),
    energyRanks: { p90: energyRank(factors, 0.9), p95: energyRank(factors, 0.95), p99: energyRank(factors, 0.99) },
    approximate: factors.channels.some((f) => f.approximate),
  };
}

export function storageFigures(k: number, m: number, n: number, channels: number) {
  const original = channels * m * n;
  const compressed = channels * truncatedStorage(k, m, n);
  return { original, compressed, ratio: original / compressed };
}

/** PSNR = 10·log₁₀(255² / MSE), in dB; null for MSE = 0. */
export function psnrFromMse(mse: number): number | null {
  return mse === 0 ? null : 10 * Math.log10((255 * 255) / mse);
}

/** Round and clamp to 0..255: what an 8-bit file would hold. */
// (x + 0.5) | 0 rounds like Math.round for 0 < x < 255 and is several times faster in the per-pixel loops.
export const toByte = (x: number) => (x <= 0 ? 0 : x >= 255 ? 255 : (x + 0.5) | 0);


function sumSquares(s: ArrayLike<number>, k: number): number {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += s[i] * s[i];
  return sum;
}

/** Cumulative energy Σ_{i≤k}σᵢ²/‖A‖_F² for k = 1..(σ known), channels pooled. */
export function cumulativeEnergy(factors: ImageFactors): number[] {
  const values = factors.channels.map((f) => f.allSingularValues ?? f.s);
  const len = Math.min(...values.map((v) => v.length));
  const total = factors.channels.reduce((t, f) => t + f.frobeniusSq, 0);
  const out: number[] = [];
  let acc = 0;
  for (let i = 0; i < len; i++) {
    for (const v of values) acc += v[i] * v[i];
    out.push(total === 0 ? 1 : Math.min(1, acc / total));
  }
  return out;
}

/** Smallest k whose cumulative energy reaches `fraction`; null if not within the σ computed. */
export function energyRank(factors: ImageFactors, fraction: number): number | null {
  // A hair of slack so that "100% of the energy" at full rank is not lost to rounding.
  const k = cumulativeEnergy(factors).findIndex((e) => e >= fraction - 1e-12);
  return k < 0 ? null : k + 1;
}
