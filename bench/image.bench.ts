/**
 * Image compression end to end (decode, channels, top-k SVD, payload), 1024² grey and RGB:
 * in the core on one thread, and as the panel gets it — the compute worker
 * (dist/worker.js), which shares RGB channels out over helper threads.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { encodePng } from '../src/core/image';
import { imagePanelData, type ImageRequest } from '../src/core/image/panel';
import { picture } from './picture';
import { time, type BenchRow } from './timing';

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
      await time('image task in the compute worker, 1024² grey, top 50', () => viaWorker(worker, { ...request, mode: 'gray' }), { runs: 3, warmup: 1, note: 'matrix products shared with a helper thread' }),
      await time('image task in the compute worker, 1024² RGB, top 50', () => viaWorker(worker, { ...request, mode: 'rgb' }), { runs: 3, warmup: 1, note: 'channels on helper threads' }),
    ];
  } finally {
    await worker.terminate();
  }
}
