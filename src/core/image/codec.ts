/**
 * PNG and JPEG decoding (upng-js with pako, jpeg-js) and PNG encoding
 * (pngEncode.ts, on fflate): pure JS, so the same code runs in Node, a
 * browser and a worker.
 * Decoder errors (often thrown as bare strings) become MdlErrors here.
 */
import * as UPNG from 'upng-js';
import * as jpeg from 'jpeg-js';
import { MdlError, isMdlError } from '../errors';
import { checkPngChunks } from './png-chunks';
import { pngFromRgba } from './pngEncode';
import type { RgbaImage } from './types';

/** Refuse pictures whose RGBA alone would pass ~400 MB before allocating them. */
export const MAX_IMAGE_PIXELS = 100_000_000;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function checkSize(width: number, height: number, name: string): void {
  if (!(width > 0 && height > 0)) throw new MdlError('syntax', `${name} has no pixels (${width}×${height}).`);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new MdlError('too-large', `${name} is ${width}×${height}: more than the ${MAX_IMAGE_PIXELS.toLocaleString('en-US')} pixels accepted.`);
  }
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Inflates a zlib stream (a PNG's IDAT data). By default upng-js uses pako
 * (pure JS, runs anywhere); Node's built-in zlib is about three times faster,
 * so the desktop compute worker passes that in.
 */
export type Inflate = (data: Uint8Array) => Uint8Array;

/** Decode a PNG (any bit depth, palette, grey, alpha, interlaced) or JPEG by its content, not its name. */
export function decodeImage(bytes: Uint8Array, fileName?: string, inflate?: Inflate): RgbaImage {
  const name = fileName ? `"${fileName}"` : 'The image';
  if (bytes.length === 0) throw new MdlError('empty', `${name} is empty.`);
  try {
    if (startsWith(bytes, PNG_MAGIC)) return decodePng(bytes, name, inflate);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return decodeJpeg(bytes, name);
  } catch (e) {
    if (isMdlError(e)) throw e;
    throw new MdlError('syntax', `${name} could not be decoded (${reason(e)}). The file may be damaged.`);
  }
  throw new MdlError('unsupported', `${name} is neither a PNG nor a JPEG file. Convert it to PNG first.`);
}

function decodePng(bytes: Uint8Array, name: string, inflate?: Inflate): RgbaImage {
  const { width, height } = checkPngChunks(bytes, name);
  checkSize(width, height, name);
  // slice(): upng wants an ArrayBuffer holding exactly the file.
  const png = withInflate(inflate, () => UPNG.decode(bytes.slice().buffer));
  if (!png.data) throw new MdlError('syntax', `${name} holds no decodable image data.`);
  const frame = new Uint8Array(UPNG.toRGBA8(png)[0]); // first frame of an animated PNG
  if (frame.length !== width * height * 4) throw new MdlError('syntax', `${name} is damaged: its pixel data is incomplete.`);
  return { width, height, rgba: frame };
}

/** upng-js inflates through its own `decode._inflate` hook: swap it for this (synchronous) call only. */
function withInflate<T>(inflate: Inflate | undefined, run: () => T): T {
  if (!inflate) return run();
  const hook = UPNG.decode as unknown as { _inflate: Inflate };
  const own = hook._inflate;
  hook._inflate = inflate;
  try {
    return run();
  } finally {
    hook._inflate = own;
  }
}

function decodeJpeg(bytes: Uint8Array, name: string): RgbaImage {
  const out = jpeg.decode(bytes, {
    useTArray: true, // Uint8Array, not Buffer: keeps this path browser-safe
    formatAsRGBA: true,
    tolerantDecoding: false, // a truncated file should fail, not come back half grey
    maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
    maxMemoryUsageInMB: 2048,
  });
  checkSize(out.width, out.height, name);
  return { width: out.width, height: out.height, rgba: out.data };
}

/** Lossless PNG of 8-bit RGBA pixels (stored as grey or RGB when that is exact). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new MdlError('invalid-argument', `encodePng: expected ${width * height * 4} bytes for ${width}×${height} RGBA, got ${rgba.length}.`);
  }
  return pngFromRgba(width, height, rgba);
}
