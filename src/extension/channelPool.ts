/**
 * Shares an image's channel SVDs out over threads, inside the compute worker.
 * Channel 0 is factorised on the compute worker itself while the others go to
 * helper threads, so RGB takes about one channel's time per core instead of
 * three in a row. A single large channel (grey) shares its matrix products
 * with helper 0 instead (sharedProducts.ts). Helper threads are started on
 * first use and kept (unref'd) for the next picture; terminating the compute
 * worker (cancel) ends them too.
 */
import type { Worker } from 'node:worker_threads';
import { factorizeChannel } from '../core/image/compress';
import type { Mat } from '../core/linalg';
import { EXACT_SVD_MAX_DIM } from '../core/linalg/randomized';
import type { ChannelFactors } from '../core/image/types';
import { inWebWorker } from './platform/parentPort';
import { sharedProducts } from './sharedProducts';

export interface ChannelJob {
  rows: number;
  cols: number;
  data: Float64Array;
  kMax: number;
}

export type ChannelResult = { ok: true; factors: ChannelFactors } | { ok: false; message: string };

const helpers: Array<Worker | undefined> = [];

/**
 * Node's threading, or null in a Web Worker (the same dist/worker.js runs in the
 * web build, see platform/parentPort.ts): require() only runs when in Node.
 */
function nodeThreads(): { Worker: typeof Worker; cores: number; script: string } | null {
  if (inWebWorker) return null;
  const os = require('node:os') as typeof import('node:os');
  const path = require('node:path') as typeof import('node:path');
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  return { Worker: threads.Worker, cores: os.availableParallelism(), script: path.join(__dirname, 'channelWorker.js') };
}

function helper(index: number, node: NonNullable<ReturnType<typeof nodeThreads>>): Worker {
  if (!helpers[index]) {
    const worker = new node.Worker(node.script);
    worker.unref();
    // A thread that crashed is replaced next time (a product shared with it fails after a wait, see sharedProducts.ts).
    worker.on('error', () => {
      if (helpers[index] === worker) helpers[index] = undefined;
    });
    helpers[index] = worker;
  }
  return helpers[index]!;
}

function onHelper(index: number, job: ChannelJob, node: NonNullable<ReturnType<typeof nodeThreads>>): Promise<ChannelFactors> {
  const worker = helper(index, node);
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      worker.off('message', done);
      reject(e); // helper() has dropped the crashed thread already: the next job starts a new one
    };
    const done = (r: ChannelResult) => {
      worker.off('error', fail);
      if (r.ok) resolve(r.factors);
      else reject(new Error(r.message));
    };
    worker.once('message', done);
    worker.once('error', fail);
    // A copy is sent (the caller still needs the channel to measure the error), and its buffer moved, not cloned again.
    const data = job.data.slice();
    worker.postMessage({ ...job, data }, [data.buffer]);
  });
}

/** Factorises every channel, in parallel where it pays: large channels, several of them, several cores. */
export async function factorizeChannels(channels: Mat[], kMax: number): Promise<ChannelFactors[]> {
  const large = Math.min(channels[0].rows, channels[0].cols) > EXACT_SVD_MAX_DIM;
  const node = large ? nodeThreads() : null;
  if (!node || node.cores < 2) return channels.map((a) => factorizeChannel(a, kMax));
  if (channels.length === 1) {
    const worker = helper(0, node);
    return [factorizeChannel(channels[0], kMax, (A, m, n, l) => sharedProducts(worker, A, m, n, l))];
  }
  const others = channels.slice(1).map((a, i) => onHelper(i, { rows: a.rows, cols: a.cols, data: a.data, kMax }, node));
  // Attach handlers now: if channel 0 throws, the helpers' rejections must not go unhandled.
  const settled = Promise.all(others);
  settled.catch(() => undefined);
  const first = factorizeChannel(channels[0], kMax);
  return [first, ...(await settled)];
}
