import * as assert from 'node:assert/strict';
import { LUMA_601, toChannels } from '../../../src/core/image';
import { seeded } from './fixtures';

const mean = (xs: Float64Array) => xs.reduce((t, x) => t + x, 0) / xs.length;

function randomImage(width: number, height: number, seed: number) {
  const rand = seeded(seed);
  const rgba = new Uint8Array(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : Math.floor(rand() * 256)));
  return { width, height, rgba };
}

describe('image channels', () => {
  it('uses Rec. 601 luma weights 0.299, 0.587, 0.114 for greyscale', () => {
    assert.deepEqual([...LUMA_601], [0.299, 0.587, 0.114]);
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255]);
    const { channels } = toChannels({ width: 4, height: 1, rgba }, 'gray');
    const expected = [0.299 * 255, 0.587 * 255, 0.114 * 255, 0.299 * 10 + 0.587 * 20 + 0.114 * 30];
    channels[0].data.forEach((y, i) => assert.ok(Math.abs(y - expected[i]) < 1e-12));
  });

  it('lays pixels out as height×width matrices, one per colour for rgb', () => {
    const img = randomImage(5, 3, 2);
    const { channels, downscaled } = toChannels(img, 'rgb');
    assert.equal(downscaled, false);
    assert.equal(channels.length, 3);
    assert.deepEqual([channels[1].rows, channels[1].cols], [3, 5]);
    assert.equal(channels[2].data[1 * 5 + 4], img.rgba[4 * (1 * 5 + 4) + 2]);
  });

  it('composites transparent pixels over white', () => {
    const { channels } = toChannels({ width: 2, height: 1, rgba: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 51]) }, 'rgb');
    assert.equal(channels[0].data[0], 255);
    assert.ok(Math.abs(channels[0].data[1] - 204) < 1e-12);
  });

  it('downscales so the longer side is maxSide, keeping the aspect and saying so', () => {
    const img = randomImage(400, 300, 3);
    const out = toChannels(img, 'gray', 128);
    assert.deepEqual([out.width, out.height, out.channels[0].rows, out.channels[0].cols], [128, 96, 96, 128]);
    assert.equal(out.downscaled, true);
    assert.equal(out.note, 'downscaled from 400×300 to 128×96');
  });

  it('area averaging preserves the mean, also for non-integer ratios', () => {
    const img = randomImage(97, 61, 4);
    const full = toChannels(img, 'rgb');
    const small = toChannels(img, 'rgb', 40);
    assert.deepEqual([small.width, small.height], [40, 25]);
    // Every source pixel's weights over the output cells sum to the same amount, so the mean is exact.
    for (let c = 0; c < 3; c++) {
      const a = mean(full.channels[c].data);
      const b = mean(small.channels[c].data);
      assert.ok(Math.abs(a - b) < 1e-9, `channel ${c}: ${a} vs ${b}`);
    }
  });

  it('area averaging of a 2×2 block is its mean', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 100, 100, 100, 255, 40, 40, 40, 255, 60, 60, 60, 255]);
    const out = toChannels({ width: 2, height: 2, rgba }, 'rgb', 1);
    assert.equal(out.channels[0].data[0], 50);
  });
});
