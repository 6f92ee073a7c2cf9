/**
 * Image compression end to end (decode, channels, top-k SVD, payload), 1024² grey and RGB:
 * in the core on one thread, and as the panel gets it — the compute worker
 * (dist/worker.js), which shares RGB channels out over helper threads.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { encodePng } from '../src/core/image';
import { imagePanelData, type ImageRequest } from '../src/core/image/panel';
import { time, type BenchRow } from './timing';

/** A natural-ish picture: smooth gradients, discs, stripes and a little noise. */
function picture(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  let seed = 7;
  const noise = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 16;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const p = (y * size + x) * 4;
      const disc = (x - size * 0.35) ** 2 + (y - size * 0.4) ** 2 < (size * 0.2) ** 2 ? 80 : 0;
      const stripes = Math.sin((x + y) / 9) > 0.6 ? 40 : 0;
      rgba[p] = Math.max(0, Math.min(255, (x / size) * 200 + disc + noise()));
      rgba[p + 1] = Math.max(0, Math.min(255, (y / size) * 180 + stripes + noise()));
      rgba[p + 2] = Math.max(0, Math.min(255, 120 + disc - stripes + noise()));
      rgba[p + 3] = 255;
    }
  return rgba;
}

/** One image request through the real compute worker, as the extension sends it. */
function viaWorker(worker: Worker, request: ImageRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', (res: { ok: boolean; error?: { message: string } }) => (res.ok ? resolve() : reject(new Error(res.error?.message))));
    worker.postMessage({ id: 1, task: 'image', request });
  });
}

export async function bench(): Promise<BenchRow[]> {
  const bytes = encodePng(1024, 1024, picture(1024));
  const request = { bytes, fileName: 'bench.png', k: 20, kMax: 50, maxSide: 1024 };
  const worker = new Worker(path.resolve(__dirname, '..', 'worker.js'));
  try {
    return [
      await time('image panel data, 1024² grey, top 50', () => imagePanelData({ ...request, mode: 'gray' }), { runs: 3, warmup: 1, note: 'decode + luma + randomized SVD + payload' }),
      await time('image panel data, 1024² RGB, top 50 per channel', () => imagePanelData({ ...request, mode: 'rgb' }), { runs: 3, warmup: 1, note: 'one thread' }),
      await time('image task in the compute worker, 1024² grey, top 50', () => viaWorker(worker, { ...request, mode: 'gray' }), { runs: 3, warmup: 1 }),
      await time('image task in the compute worker, 1024² RGB, top 50', () => viaWorker(worker, { ...request, mode: 'rgb' }), { runs: 3, warmup: 1, note: 'channels on helper threads' }),
    ];
  } finally {
    await worker.terminate();
  }
}
