/**
 * A helper thread of the compute worker. It factorises one image channel at a
 * time (an RGB picture has three independent channel SVDs, so on a machine
 * with two or more cores they run side by side, see channelPool.ts), and it
 * takes chunks of a grey picture's matrix products (sharedProducts.ts). Kept to
 * the linear algebra alone so the thread starts in milliseconds.
 */
import { parentPort } from 'node:worker_threads';
import { factorizeChannel } from '../core/image/compress';
import type { ChannelJob, ChannelResult } from './channelPool';
import { isSplitMessage, spaceFrom, workOnPass, type SharedSpace } from './sharedProducts';

/** The shared matrices of the factorisation in progress, while one is attached. */
let space: SharedSpace | undefined;

parentPort?.on('message', (msg: ChannelJob | unknown) => {
  if (isSplitMessage(msg)) {
    if (msg.kind === 'split-attach') space = spaceFrom(msg);
    else if (msg.kind === 'split-detach') space = undefined;
    else if (space) workOnPass(space, msg.generation, msg.op); // a late message finds its pass over and does nothing
    return;
  }
  const job = msg as ChannelJob;
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
