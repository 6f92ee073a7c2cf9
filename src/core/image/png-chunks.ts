/**
 * Structural check of a PNG before it reaches the decoder. upng-js skips CRCs
 * and silently returns nothing for a truncated file, so we walk the chunks
 * ourselves to turn damage into a clear message.
 */
import { MdlError } from '../errors';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (the PNG/zlib polynomial) of bytes[start, end). */
export function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const readU32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

/** Throws an MdlError naming the first damaged chunk; returns IHDR's width and height. */
export function checkPngChunks(bytes: Uint8Array, name: string): { width: number; height: number } {
  let offset = 8;
  let sawIdat = false;
  let size: { width: number; height: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const len = readU32(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 8 + len;
    if (end + 4 > bytes.length) {
      throw new MdlError('syntax', `${name} is truncated: its ${type} chunk runs past the end of the file.`);
    }
    if (crc32(bytes, offset + 4, end) !== readU32(bytes, end)) {
      throw new MdlError('syntax', `${name} is damaged: the checksum of its ${type} chunk does not match.`);
    }
    if (offset === 8 && type !== 'IHDR') throw new MdlError('syntax', `${name} is damaged: it does not start with an IHDR chunk.`);
    if (type === 'IHDR') size = { width: readU32(bytes, offset + 8), height: readU32(bytes, offset + 12) };
    if (type === 'IDAT') sawIdat = true;
    if (type === 'IEND') {
      if (!sawIdat || !size) throw new MdlError('syntax', `${name} holds no image data.`);
      return size;
    }
    offset = end + 4;
  }
  throw new MdlError('syntax', `${name} is truncated: it ends before the PNG's closing IEND chunk.`);
}
