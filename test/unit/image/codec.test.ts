import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jpeg from 'jpeg-js';
import { decodeImage, encodePng } from '../../../src/core/image';
import { MdlError } from '../../../src/core/errors';
import { buildPng, smoothRgba } from './fixtures';

const throwsMdl = (fn: () => unknown, code: string, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof MdlError && e.code === code && pattern.test(e.message));

describe('image codec', () => {
  it('round-trips RGBA (with varied alpha) through encodePng and decodeImage exactly', () => {
    const rgba = smoothRgba(37, 23, 40, 7);
    for (let p = 0; p < 37 * 23; p++) rgba[4 * p + 3] = (p * 13) % 256;
    const back = decodeImage(encodePng(37, 23, rgba), 'a.png');
    assert.equal(back.width, 37);
    assert.equal(back.height, 23);
    assert.deepEqual(back.rgba, rgba);
  });

  it('decodes 8-bit greyscale', () => {
    const img = decodeImage(buildPng({ width: 3, height: 1, depth: 8, colorType: 0, rows: [new Uint8Array([0, 128, 255])] }));
    assert.deepEqual(Array.from(img.rgba), [0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('decodes 16-bit RGB by keeping the high byte', () => {
    const row = new Uint8Array([0x12, 0x34, 0xab, 0xcd, 0xff, 0xff, 0x00, 0x01, 0x80, 0x00, 0x7f, 0xff]);
    const img = decodeImage(buildPng({ width: 2, height: 1, depth: 16, colorType: 2, rows: [row] }));
    assert.deepEqual(Array.from(img.rgba), [0x12, 0xab, 0xff, 255, 0x00, 0x80, 0x7f, 255]);
  });

  it('decodes a 4-bit palette image with transparency', () => {
    const img = decodeImage(
      buildPng({
        width: 2, height: 2, depth: 4, colorType: 3,
        rows: [new Uint8Array([0x01]), new Uint8Array([0x10])],
        palette: [255, 0, 0, 0, 0, 255],
        transparency: [0, 255],
      }),
    );
    assert.deepEqual(Array.from(img.rgba), [255, 0, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255, 255, 0, 0, 0]);
  });

  it('decodes greyscale with alpha', () => {
    const img = decodeImage(buildPng({ width: 1, height: 2, depth: 8, colorType: 4, rows: [new Uint8Array([90, 10]), new Uint8Array([200, 250])] }));
    assert.deepEqual(Array.from(img.rgba), [90, 90, 90, 10, 200, 200, 200, 250]);
  });

  it('decodes a JPEG made by jpeg-js within JPEG tolerance', () => {
    const width = 48, height = 32;
    const rgba = smoothRgba(width, height);
    const bytes = new Uint8Array(jpeg.encode({ width, height, data: rgba }, 95).data);
    const img = decodeImage(bytes, 'x.jpg');
    assert.equal(img.width, width);
    assert.equal(img.height, height);
    let sum = 0;
    for (let i = 0; i < rgba.length; i++) if (i % 4 !== 3) sum += Math.abs(img.rgba[i] - rgba[i]);
    assert.ok(sum / (width * height * 3) < 3, `mean abs difference ${sum / (width * height * 3)}`);
  });

  it('refuses empty, unknown, truncated and damaged files with clear MdlErrors', () => {
    throwsMdl(() => decodeImage(new Uint8Array(0), 'e.png'), 'empty', /"e\.png" is empty/);
    throwsMdl(() => decodeImage(new TextEncoder().encode('GIF89a…'), 'a.gif'), 'unsupported', /neither a PNG nor a JPEG/);
    const png = encodePng(8, 8, smoothRgba(8, 8, 30));
    throwsMdl(() => decodeImage(png.subarray(0, png.length - 20), 't.png'), 'syntax', /truncated/);
    const damaged = png.slice();
    damaged[45] ^= 0xff; // inside the first IDAT
    throwsMdl(() => decodeImage(damaged, 'd.png'), 'syntax', /checksum/);
    const jpg = new Uint8Array(jpeg.encode({ width: 16, height: 16, data: smoothRgba(16, 16) }, 80).data);
    throwsMdl(() => decodeImage(jpg.subarray(0, jpg.length / 2), 't.jpg'), 'syntax', /could not be decoded/);
  });

  it('decodes the example image', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../examples/images/shapes-256.png')));
    const img = decodeImage(bytes, 'shapes-256.png');
    assert.equal(img.width, 256);
    assert.equal(img.height, 256);
  });
});
