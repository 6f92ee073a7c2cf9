/** Hand-built PNGs (any colour type and bit depth) and small synthetic pictures for the image tests. */
import { deflateSync } from 'node:zlib';
import { pngChunk } from '../../../src/core/image/pngEncode';

const chunk = pngChunk;

/**
 * A PNG from raw scanline bytes (no filter). colorType: 0 grey, 2 RGB, 3 palette,
 * 4 grey+alpha, 6 RGBA; `rows` already packed at the given bit depth.
 */
export function buildPng(opts: {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  rows: Uint8Array[];
  palette?: number[];
  transparency?: number[];
}): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, opts.width);
  v.setUint32(4, opts.height);
  ihdr.set([opts.depth, opts.colorType, 0, 0, 0], 8);
  const raw = new Uint8Array(opts.rows.reduce((t, r) => t + r.length + 1, 0));
  let o = 0;
  for (const r of opts.rows) {
    raw[o++] = 0; // filter type None
    raw.set(r, o);
    o += r.length;
  }
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (opts.palette) parts.push(chunk('PLTE', new Uint8Array(opts.palette)));
  if (opts.transparency) parts.push(chunk('tRNS', new Uint8Array(opts.transparency)));
  parts.push(chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((t, p) => t + p.length, 0));
  o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Seeded PRNG (mulberry32) so "random" pictures are the same on every run. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A smooth RGBA picture (gradients plus a disc), opaque, with optional seeded noise. */
export function smoothRgba(width: number, height: number, noise = 0, seed = 1): Uint8Array {
  const rand = seeded(seed);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 4) ** 2;
      const base = [(255 * x) / width, (255 * y) / height, inDisc ? 220 : 60];
      const i = 4 * (y * width + x);
      for (let c = 0; c < 3; c++) out[i + c] = Math.max(0, Math.min(255, Math.round(base[c] + (rand() - 0.5) * noise)));
      out[i + 3] = 255;
    }
  }
  return out;
}
