// The webview's incremental rank-k picture (webview/imageRank.ts), run in Node with a
// stand-in for the DOM's ImageData. Every path to rank k (a jump, single steps, the way
// down) must draw the same picture as a sum written out here, entry by entry.
import * as assert from 'node:assert';
import type { ImagePayload } from '../../../src/protocol';

class ImageDataStandIn {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
}
(globalThis as { ImageData?: unknown }).ImageData ??= ImageDataStandIn;
// Loaded after the stand-in exists (the class reads the global when it builds a picture).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RankImage } = require('../../../webview/imageRank') as typeof import('../../../webview/imageRank');

/** Random factors with a decaying spectrum; A = their full sum, rounded to bytes, is the "original". */
function payload(m: number, n: number, kMax: number, channels: number, seed: number): ImagePayload {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 2;
  const chans = Array.from({ length: channels }, () => {
    const sigma = Float64Array.from({ length: kMax }, (_, t) => 4000 / (t + 1));
    const U = Float32Array.from({ length: m * kMax }, () => rnd() / Math.sqrt(m));
    const V = Float32Array.from({ length: n * kMax }, () => rnd() / Math.sqrt(n));
    for (let i = 0; i < m; i++) U[i * kMax] = Math.abs(U[i * kMax]) + 0.5 / Math.sqrt(m); // a bright first layer
    for (let j = 0; j < n; j++) V[j * kMax] = Math.abs(V[j * kMax]) + 0.5 / Math.sqrt(n);
    return { sigma, U, V, frobeniusSq: sigma.reduce((a, x) => a + x * x, 0) };
  });
  const original = new Uint8Array(m * n * channels);
  chans.forEach((c, ch) => {
    const sum = reference(c, m, n, kMax, kMax);
    for (let p = 0; p < m * n; p++) original[p * channels + ch] = Math.min(255, Math.max(0, Math.round(sum[p])));
  });
  return {
    fileName: 'test.png', width: n, height: m, mode: channels === 1 ? 'gray' : 'rgb', kMax, k: 5, original, channels: chans,
    approximate: false, energyRanks: { p90: null, p95: null, p99: null }, layers: [],
  };
}

/** Σ_{t<k} (σ_t u_t) v_tᵀ, accumulated in Float32 in order of t, as the webview promises. */
function reference(c: ImagePayload['channels'][number], m: number, n: number, kMax: number, k: number): Float32Array {
  const acc = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let t = 0; t < k; t++) x = Math.fround(x + Math.fround(c.sigma[t] * c.U[i * kMax + t]) * c.V[j * kMax + t]);
      acc[i * n + j] = x;
    }
  return acc;
}

const byte = (x: number) => (Math.min(255, Math.max(0, x)) + 0.5) | 0;

function expectedPixels(p: ImagePayload, k: number): Uint8Array {
  const { width: n, height: m, kMax } = p;
  const out = new Uint8Array(m * n * 4).fill(255);
  p.channels.forEach((c, ch) => {
    const acc = reference(c, m, n, kMax, k);
    const targets = p.channels.length === 1 ? [0, 1, 2] : [ch];
    for (let q = 0; q < m * n; q++) for (const t of targets) out[q * 4 + t] = byte(acc[q]);
  });
  return out;
}

const pixels = (r: InstanceType<typeof RankImage>) => Uint8Array.from(r.pixels.data);

describe('webview rank-k picture (imageRank.ts)', () => {
  for (const channels of [1, 3]) {
    const name = channels === 1 ? 'grey' : 'RGB';
    const p = payload(23, 37, 12, channels, channels * 7);

    it(`${name}: a jump to k draws Σ_{t<k} σ_t u_t v_tᵀ exactly (Float32, in order of t)`, () => {
      for (const k of [1, 5, 12]) {
        const r = new RankImage(p);
        r.setK(k);
        assert.deepStrictEqual(pixels(r), expectedPixels(p, k), `k = ${k}`);
      }
    });

    it(`${name}: single steps up reach the same picture as the jump, bit for bit`, () => {
      const stepped = new RankImage(p);
      for (let k = 1; k <= 9; k++) stepped.setK(k);
      const jumped = new RankImage(p);
      jumped.setK(9);
      assert.deepStrictEqual(pixels(stepped), pixels(jumped));
      assert.deepStrictEqual(stepped.figures(), jumped.figures());
    });

    it(`${name}: going down (subtracting layers, or starting again from zero) lands on the picture of that rank`, () => {
      const r = new RankImage(p);
      r.setK(12);
      r.setK(10); // subtracts layers 11 and 12: rounding may differ from the sum by a hair, never by a byte step
      const down = pixels(r), fresh = expectedPixels(p, 10);
      let worst = 0;
      for (let q = 0; q < down.length; q++) worst = Math.max(worst, Math.abs(down[q] - fresh[q]));
      assert.ok(worst <= 1, `off by ${worst}`);
      r.setK(2); // 2 < the 8 ranks travelled: rebuilt from zero, so exact again
      assert.deepStrictEqual(pixels(r), expectedPixels(p, 2));
    });

    it(`${name}: the figures: storage k(m+n+1) per channel, energy and Eckart–Young from σ, measured error and PSNR from the pixels`, () => {
      const r = new RankImage(p);
      r.setK(4);
      const f = r.figures();
      const total = p.channels.reduce((a, c) => a + c.frobeniusSq, 0);
      const kept = p.channels.reduce((a, c) => a + c.sigma.slice(0, 4).reduce((b, x) => b + x * x, 0), 0);
      assert.strictEqual(f.storage, channels * 4 * (23 + 37 + 1));
      assert.strictEqual(f.original, channels * 23 * 37);
      assert.ok(Math.abs(f.energy - kept / total) < 1e-12);
      assert.ok(Math.abs(f.eckartYoungError - Math.sqrt((total - kept) / total)) < 1e-12);

      // Measured against the original bytes: ‖A − A₄‖_F/‖A‖_F on the floats, PSNR on the clamped bytes.
      let diff = 0, norm = 0, byteSq = 0;
      p.channels.forEach((c, ch) => {
        const acc = reference(c, 23, 37, 12, 4);
        for (let q = 0; q < 23 * 37; q++) {
          const a = p.original[q * channels + ch];
          diff += (a - acc[q]) ** 2;
          norm += a * a;
          byteSq += (a - byte(acc[q])) ** 2;
        }
      });
      const measured = r.measure();
      assert.ok(Math.abs(measured.measuredError - Math.sqrt(diff / norm)) < 1e-12, `${measured.measuredError} against ${Math.sqrt(diff / norm)}`);
      const psnr = 10 * Math.log10((255 * 255) / (byteSq / (channels * 23 * 37)));
      assert.ok(measured.psnr !== null && Math.abs(measured.psnr - psnr) < 1e-9, `${measured.psnr} against ${psnr}`);
    });
  }
});
