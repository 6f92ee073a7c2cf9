/**
 * A helper thread of the compute worker: factorises one image channel at a
 * time. An RGB picture has three independent channel SVDs, so on a machine
 * with two or more cores they run side by side (see channelPool.ts). Kept to
 * the linear algebra alone so the thread starts in milliseconds.
 */
import { parentPort } from 'node:worker_threads';
import { factorizeChannel } from '../core/image/compress';
import type { ChannelJob, ChannelResult } from './channelPool';

parentPort?.on('message', (job: ChannelJob) => {
  let reply: ChannelResult;
  try {
    const factors = factorizeChannel({ rows: job.rows, cols: job.cols, data: job.data }, job.kMax);
    reply = { ok: true, factors };
  } catch (e) {
    reply = { ok: false, message: String((e as Error)?.message ?? e) };
  }
  // The factors are small next to the channel (k·(m+n) numbers), so copying them is cheap.
  parentPort!.postMessage(reply);
});
