/** The image panel's data, shared by the worker (which builds it) and the webview (which draws it). */

/**
 * What the image panel draws. Typed arrays cross postMessage without becoming
 * JSON number lists; U and V are Float32 (plenty for 8-bit pixels).
 */
export interface ImagePayload {
  fileName: string;
  width: number;
  height: number;
  mode: 'gray' | 'rgb';
  /** Components computed per channel. */
  kMax: number;
  /** Rank shown first. */
  k: number;
  /** The (possibly downscaled) matrix A as bytes: width×height×1 for grey, ×3 (R, G, B interleaved) for RGB. */
  original: Uint8Array;
  /** One entry per channel (1 for gray, 3 for RGB). */
  channels: Array<{ sigma: Float64Array; U: Float32Array; V: Float32Array; frobeniusSq: number }>;
  /** True when the factors come from the randomized SVD (the tail is approximate). */
  approximate: boolean;
  /** Smallest k reaching 90/95/99% of ‖A‖_F² (null when beyond kMax). */
  energyRanks: { p90: number | null; p95: number | null; p99: number | null };
  /** The first rank-1 layers σᵢuᵢvᵢᵀ as RGBA pictures around mid-grey, area-averaged to at most 256 px a side. */
  layers: Array<{ index: number; width: number; height: number; rgba: Uint8Array }>;
}
