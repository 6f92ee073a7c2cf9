import * as assert from 'node:assert/strict';
import {
  compressImage, energyRank, factorizeImage, measureCompression, psnrFromMse, rankOneLayers, reconstruct, storageFigures,
  toChannels, type ImageChannels,
} from '../../../src/core/image';
import { MdlError } from '../../../src/core/errors';
import { smoothRgba } from './fixtures';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** A one-channel "image" whose matrix is given directly. */
function grayMatrix(rows: number[][]): ImageChannels {
  const m = rows.length, n = rows[0].length;
  return { width: n, height: m, mode: 'gray', downscaled: false, channels: [{ rows: m, cols: n, data: Float64Array.from(rows.flat()) }] };
}

describe('image compression', () => {
  const rgbImage = toChannels({ width: 14, height: 10, rgba: smoothRgba(14, 10, 80, 5) }, 'rgb');
  const grayImage = toChannels({ width: 14, height: 10, rgba: smoothRgba(14, 10, 80, 5) }, 'gray');

  it('counts storage as k(m+n+1) per channel against mn, ×3 for RGB', () => {
    assert.deepEqual(storageFigures(5, 10, 14, 1), { original: 140, compressed: 125, ratio: 140 / 125 });
    const gray = compressImage(grayImage, 3).report.storage;
    assert.deepEqual([gray.original, gray.compressed], [140, 3 * 25]);
    const rgb = compressImage(rgbImage, 3).report.storage;
    assert.deepEqual([rgb.original, rgb.compressed], [3 * 140, 3 * 3 * 25]);
    close(rgb.ratio, 420 / 225, 1e-15, 'ratio');
  });

  it('measured relative error equals the Eckart–Young value at every k (exact SVD)', () => {
    for (const image of [grayImage, rgbImage]) {
      const { factors } = compressImage(image, 1, { kMax: 10 });
      for (let k = 1; k <= 10; k++) {
        const r = measureCompression(image, factors, k);
        assert.equal(r.eckartYoungFrom, 'tail');
        close(r.relativeError, r.eckartYoungError, 1e-12, `${image.mode} k=${k}`);
      }
    }
  });

  it('without the tail σ, computes Eckart–Young from ‖A‖²_F − Σ_{i≤k}σᵢ² and still matches', () => {
    const factors = factorizeImage(rgbImage, 6);
    for (const f of factors.channels) delete f.allSingularValues; // as a truncated SVD would leave it
    const r = measureCompression(rgbImage, factors, 4);
    assert.equal(r.eckartYoungFrom, 'energy');
    close(r.relativeError, r.eckartYoungError, 1e-9, 'energy route');
  });

  it('PSNR: 10·log₁₀(255²/MSE), on the rounded 8-bit pictures', () => {
    close(psnrFromMse(1)!, 48.130803608679106, 1e-12, 'MSE 1');
    assert.equal(psnrFromMse(0), null);
    // A = [[0, 0], [0, 255]] is rank one: at k = 1 the 8-bit reconstruction is exact.
    assert.equal(compressImage(grayMatrix([[0, 0], [0, 255]]), 1).report.psnr, null);
    // A = diag(100, 10): rank 1 loses the 10 in one of four pixels, MSE = 100/4 = 25.
    close(compressImage(grayMatrix([[100, 0], [0, 10]]), 1).report.psnr!, 10 * Math.log10(255 ** 2 / 25), 1e-9, 'diag');
  });

  it('finds the k for 90/95/99% energy', () => {
    // σ² = 50, 30, 15, 5 of ‖A‖²_F = 100: cumulative 50, 80, 95, 100 %.
    const image = grayMatrix([
      [Math.sqrt(50), 0, 0, 0],
      [0, Math.sqrt(30), 0, 0],
      [0, 0, Math.sqrt(15), 0],
      [0, 0, 0, Math.sqrt(5)],
    ]);
    const { report, factors } = compressImage(image, 1);
    assert.deepEqual(report.energyRanks, { p90: 3, p95: 3, p99: 4 });
    assert.equal(energyRank(factors, 0.5), 1);
  });

  it('says when the 99% rank lies beyond the σ a truncated SVD computed', () => {
    const factors = factorizeImage(grayImage, 2);
    for (const f of factors.channels) delete f.allSingularValues;
    assert.equal(energyRank(factors, 0.99999), null);
  });

  it('refuses ranks outside 1..min(m, n)', () => {
    for (const k of [0, 11, 2.5]) assert.throws(() => compressImage(grayImage, k), (e: unknown) => e instanceof MdlError && e.code === 'invalid-argument');
    assert.throws(() => compressImage(grayImage, 5, { kMax: 3 }), /at least the rank/);
  });

  it('reconstructs the 8-bit picture exactly at full rank, and in grey for gray mode', () => {
    const { factors } = compressImage(rgbImage, 10);
    const rgba = reconstruct(factors, 10);
    rgbImage.channels[1].data.forEach((x, p) => assert.equal(rgba[4 * p + 1], Math.round(x)));
    const gray = reconstruct(compressImage(grayImage, 2).factors, 2);
    assert.equal(gray[0], gray[1]);
    assert.equal(gray[3], 255);
  });

  it('shows rank-one layers around mid-grey, stretched to their largest magnitude', () => {
    const { factors } = compressImage(grayImage, 3);
    const layers = rankOneLayers(factors, 3);
    assert.deepEqual(layers.map((l) => l.index), [1, 2, 3]);
    close(layers[0].sigma[0], factors.channels[0].s[0], 0, 'σ₁');
    const bytes = layers[1].rgba.filter((_, i) => i % 4 === 0);
    assert.ok(Math.max(...bytes) === 255 || Math.min(...bytes) === 1, 'stretched to the full range');
    // The first layer of a non-negative image is one-signed (Perron–Frobenius): all on one side of 128.
    const first = layers[0].rgba.filter((_, i) => i % 4 === 0);
    assert.ok(first.every((b) => b >= 128) || first.every((b) => b <= 128));
  });
});

describe('image compression of larger pictures (truncated SVD)', () => {
  it('uses the randomized SVD above 256 px and the energy route for Eckart–Young', () => {
    const image = toChannels({ width: 300, height: 270, rgba: smoothRgba(300, 270, 30, 9) }, 'gray');
    const { report, factors } = compressImage(image, 8, { kMax: 12 });
    assert.equal(factors.channels[0].U.cols, 12);
    assert.equal(report.approximate, true);
    assert.equal(report.eckartYoungFrom, 'energy');
    close(report.relativeError, report.eckartYoungError, 1e-6 * report.relativeError + 1e-9, 'randomized');
  });
});
