/**
 * PNG encoding: 8-bit grey, RGB or RGBA (the smallest that holds the pixels
 * exactly), rows filtered with the usual minimum-sum-of-absolute-differences
 * choice, deflated by fflate.
 *
 * Written here rather than taken from upng-js, whose encoder sizes its output
 * as the raw pixels plus 100 bytes and silently drops whatever does not fit:
 * a small picture with a palette (an 8×8 icon) or one that does not compress
 * came out truncated, with no IEND.
 */
// Bundled as fflate's browser build (esbuild.mjs), so the worker bundle also starts in a Web Worker.
import { zlibSync } from 'fflate';
import { crc32 } from './png-chunks';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOUR_TYPE = { 1: 0, 3: 2, 4: 6 } as const; // bytes per pixel → PNG colour type

/** Lossless PNG of 8-bit RGBA pixels (rgba.length = 4·width·height, checked by the caller). */
export function pngFromRgba(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const bpp = channelsNeeded(rgba);
  const filtered = filterRows(packPixels(rgba, bpp), width, height, bpp);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, COLOUR_TYPE[bpp], 0, 0, 0], 8); // depth 8, colour type, deflate, adaptive filtering, no interlace
  const chunks = [pngChunk('IHDR', header), pngChunk('IDAT', zlibSync(filtered, { level: 6 })), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((s, c) => s + c.length, 0));
  out.set(SIGNATURE);
  let offset = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** 1 (grey, opaque), 3 (RGB, opaque) or 4 (RGBA): the fewest that keep every pixel exact. */
function channelsNeeded(rgba: Uint8Array): 1 | 3 | 4 {
  let grey = true;
  for (let p = 0; p < rgba.length; p += 4) {
    if (rgba[p + 3] !== 255) return 4;
    if (grey && (rgba[p] !== rgba[p + 1] || rgba[p] !== rgba[p + 2])) grey = false;
  }
  return grey ? 1 : 3;
}

function packPixels(rgba: Uint8Array, bpp: 1 | 3 | 4): Uint8Array {
  if (bpp === 4) return rgba;
  const out = new Uint8Array((rgba.length / 4) * bpp);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += bpp) {
    out[q] = rgba[p];
    if (bpp === 3) {
      out[q + 1] = rgba[p + 1];
      out[q + 2] = rgba[p + 2];
    }
  }
  return out;
}

/**
 * Each row gets the filter (None, Sub, Up, Average, Paeth) whose output bytes,
 * read as signed, have the smallest absolute sum: libpng's heuristic, which
 * tends to give deflate the longest runs.
 */
function filterRows(pixels: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * (stride + 1));
  const candidates = Array.from({ length: 5 }, () => new Uint8Array(stride));
  const zeros = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : zeros;
    let best = 0;
    let bestCost = Infinity;
    for (let type = 0; type < 5; type++) {
      const f = candidates[type];
      let cost = 0;
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? row[x - bpp] : 0;
        const b = up[x];
        const c = x >= bpp ? up[x - bpp] : 0;
        const predicted = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[x] - predicted) & 0xff;
        f[x] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = type;
      }
    }
    const at = y * (stride + 1);
    out[at] = best;
    out.set(candidates[best], at + 1);
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}
