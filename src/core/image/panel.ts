/**
 * Everything the image panel needs, computed once per image in the worker:
 * the derivation steps and the factors as compact typed arrays for the live
 * rank slider. The factors are kept (per image) so that saving a rank-k
 * picture does not repeat the SVD.
 */
import type { Derivation } from '../derivation';
import type { ImagePayload } from './payload';
import { decodeImage, encodePng, type Inflate } from './codec';
import { toChannels } from './channels';
import { energyRank, factorizeImage, measureCompression } from './compress';
import { deriveImage } from './derive';
import { rankOneLayers, reconstruct } from './reconstruct';
import type { ImageChannels, ImageFactors, ImageMode } from './types';

export interface ImageRequest {
  bytes: Uint8Array;
  fileName: string;
  mode: ImageMode;
  /** Rank shown first. */
  k: number;
  /** Components to compute; the panel can ask for more. */
  kMax: number;
  maxSide: number;
}

export interface ImagePanelData {
  derivation: Derivation;
  title: string;
  payload: ImagePayload;
}

const LAYERS_SHOWN = 4;
/** The layers are shown as thumbnails (about 100 px); 256 px keeps them sharp on high-density screens. */
const LAYER_SIDE = 256;

export function imagePanelData(req: ImageRequest): { data: ImagePanelData; factors: ImageFactors } {
  const image = imageChannelsFor(req);
  const factors = factorizeImage(image, componentsFor(req, image));
  return { data: panelDataFrom(req, image, factors), factors };
}

/** Step 1: decode, convert to channels and downscale. */
export function imageChannelsFor(req: ImageRequest, inflate?: Inflate): ImageChannels {
  return toChannels(decodeImage(req.bytes, req.fileName, inflate), req.mode, req.maxSide);
}

/** How many triplets to compute: as asked, but never more than the shorter side. */
export function componentsFor(req: ImageRequest, image: ImageChannels): number {
  return Math.max(1, Math.min(req.kMax, image.width, image.height));
}

/** Step 3, after the factorisation (done here or shared out by the caller): derivation and payload. */
export function panelDataFrom(req: ImageRequest, image: ImageChannels, factors: ImageFactors): ImagePanelData {
  const k = Math.min(req.k, factors.kMax);
  const report = measureCompression(image, factors, k);
  const derivation = deriveImage(image, factors, report, req.fileName);
  const payload: ImagePayload = {
    fileName: req.fileName,
    width: image.width,
    height: image.height,
    mode: image.mode,
    kMax: factors.kMax,
    k,
    original: reconstructOriginal(image),
    channels: factors.channels.map((c) => ({
      sigma: Float64Array.from(c.s.subarray(0, factors.kMax)),
      U: columnsFirst(c.U.data, c.U.rows, c.U.cols, factors.kMax),
      V: columnsFirst(c.V.data, c.V.rows, c.V.cols, factors.kMax),
      frobeniusSq: c.frobeniusSq,
    })),
    approximate: factors.channels.some((c) => c.approximate),
    energyRanks: { p90: energyRank(factors, 0.9), p95: energyRank(factors, 0.95), p99: energyRank(factors, 0.99) },
    layers: rankOneLayers(factors, Math.min(LAYERS_SHOWN, factors.kMax), LAYER_SIDE).map((l) => ({ index: l.index, width: l.width, height: l.height, rgba: l.rgba })),
  };
  const title = `SVD · ${req.fileName.split(/[\\/]/).pop()} (${image.width}×${image.height}${image.mode === 'rgb' ? ', RGB' : ''})`;
  return { derivation, title, payload };
}

/** The rank-k picture as PNG bytes, from factors computed earlier. */
export function rankKPng(factors: ImageFactors, k: number): Uint8Array {
  return encodePng(factors.width, factors.height, reconstruct(factors, Math.min(k, factors.kMax)));
}

/**
 * The matrix the SVD saw, rounded to bytes, one byte per pixel and channel
 * (grey: 1, RGB: 3, interleaved). Not RGBA: for a 1024² grey picture that is
 * 1 MiB to send instead of 4, and the webview expands it once.
 */
function reconstructOriginal(image: ImageChannels): Uint8Array {
  const { width, height, channels } = image;
  const c = channels.length;
  const out = new Uint8Array(width * height * c);
  for (let ch = 0; ch < c; ch++) {
    const data = channels[ch].data;
    for (let p = 0; p < width * height; p++) out[p * c + ch] = clampByte(data[p]);
  }
  return out;
}

/** Row-major rows×cols → Float32 rows×kMax (the first kMax columns), as the protocol promises. */
function columnsFirst(data: Float64Array, rows: number, cols: number, kMax: number): Float32Array {
  const out = new Float32Array(rows * kMax);
  for (let i = 0; i < rows; i++) for (let j = 0; j < kMax; j++) out[i * kMax + j] = data[i * cols + j];
  return out;
}

const clampByte = (x: number) => (x <= 0 ? 0 : x >= 255 ? 255 : Math.round(x));
