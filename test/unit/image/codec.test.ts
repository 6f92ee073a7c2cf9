import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
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

  it('writes whole files for tiny few-colour and incompressible pictures (upng-js truncated both)', () => {
    const noise = Uint8Array.from({ length: 4 * 64 * 48 }, (_, i) => (i * 2654435761) >>> 24);
    const cases: Array<[number, number, Uint8Array]> = [
      [1, 1, new Uint8Array([10, 20, 30, 255])],
      [4, 4, smoothRgba(4, 4, 30)],
      [8, 8, smoothRgba(8, 8, 30)],
      [64, 48, noise],
    ];
    for (const [w, h, rgba] of cases) {
      const png = encodePng(w, h, rgba);
      assert.equal(new TextDecoder().decode(png.subarray(png.length - 8, png.length - 4)), 'IEND', `${w}×${h} ends with IEND`);
      assert.deepEqual(decodeImage(png, 'x.png').rgba, rgba, `${w}×${h} round-trips`);
    }
  });

  it('stores grey pictures as grey and opaque ones without alpha (a quarter and three quarters of the bytes)', () => {
    const colourType = (png: Uint8Array) => png[25];
    const grey = smoothRgba(20, 10, 5);
    for (let p = 0; p < 200; p++) grey.fill(grey[4 * p], 4 * p, 4 * p + 3);
    for (let p = 0; p < 200; p++) grey[4 * p + 3] = 255;
    const opaque = smoothRgba(20, 10, 5);
    for (let p = 0; p < 200; p++) opaque[4 * p + 3] = 255;
    const alpha = smoothRgba(20, 10, 5);
    alpha[3] = 7;
    assert.deepEqual([grey, opaque, alpha].map((rgba) => colourType(encodePng(20, 10, rgba))), [0, 2, 6]);
    for (const rgba of [grey, opaque, alpha]) assert.deepEqual(decodeImage(encodePng(20, 10, rgba)).rgba, rgba);
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

  it("decodes the same pixels with Node's zlib (the desktop worker's inflate) as with upng-js's own", () => {
    const files = [
      encodePng(37, 23, smoothRgba(37, 23, 40, 7)),
      buildPng({ width: 3, height: 1, depth: 8, colorType: 0, rows: [new Uint8Array([0, 128, 255])] }),
      buildPng({ width: 2, height: 1, depth: 16, colorType: 2, rows: [new Uint8Array([0x12, 0x34, 0xab, 0xcd, 0xff, 0xff, 0x00, 0x01, 0x80, 0x00, 0x7f, 0xff])] }),
      new Uint8Array(readFileSync(join(__dirname, '../../../examples/images/shapes-256.png'))),
    ];
    let calls = 0;
    const zlib = (data: Uint8Array) => {
      calls++;
      return inflateSync(data);
    };
    for (const png of files) assert.deepEqual(decodeImage(png, 'a.png', zlib), decodeImage(png, 'a.png'));
    assert.equal(calls, files.length);
  });

  it('puts upng-js\'s own inflate back even when the one passed in fails', () => {
    const png = encodePng(8, 8, smoothRgba(8, 8, 30));
    throwsMdl(() => decodeImage(png, 'x.png', () => { throw new Error('boom'); }), 'syntax', /"x\.png" could not be decoded \(boom\)/);
    assert.equal(decodeImage(png, 'x.png').width, 8);
  });

  it('decodes the example image', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../examples/images/shapes-256.png')));
    const img = decodeImage(bytes, 'shapes-256.png');
    assert.equal(img.width, 256);
    assert.equal(img.height, 256);
  });
});
