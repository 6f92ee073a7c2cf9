/**
 * The extension host's view of a long run: the compute worker (dist/worker.js,
 * the real bundle) runs a 10⁶-step Adam problem while this thread measures its
 * own event-loop delay, as the extension host would see it. Also: how long a
 * cancellation (worker.terminate) takes to stop a run in full flight.
 */
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { defaultTopicOptions } from '../src/core/topics';
import type { BenchRow } from './timing';

const PROBLEM = JSON.stringify({
  problems: [{ id: 'long', kind: 'optimize', objective: 'rosenbrock', start: [-1.5, 2], optimizer: 'adam', lr: 0.001, steps: 1_000_000 }],
});

function startWorker(): Worker {
  return new Worker(path.resolve(__dirname, '..', 'worker.js'));
}

function runLong(worker: Worker): Promise<{ ms: number; progressMessages: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let progressMessages = 0;
    worker.on('message', (m: { ok?: boolean; progress?: unknown; error?: { message: string } }) => {
      if (m.progress) return void progressMessages++;
      if (m.ok) resolve({ ms: performance.now() - t0, progressMessages });
      else reject(new Error(m.error?.message ?? 'failed'));
    });
    worker.postMessage({ id: 1, task: 'derive', input: { kind: 'problem', text: PROBLEM, id: 'long' }, options: defaultTopicOptions });
  });
}

export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const worker = startWorker();
  histogram.enable();
  const { ms, progressMessages } = await runLong(worker);
  histogram.disable();
  await worker.terminate();
  rows.push({ name: '10⁶-step Adam problem end to end in the worker', medianMs: ms, minMs: ms, maxMs: ms, runs: 1, note: `${progressMessages} progress messages` });
  const maxBlock = histogram.max / 1e6;
  rows.push({ name: 'host event loop: longest delay during that run', medianMs: histogram.percentile(50) / 1e6, minMs: histogram.min / 1e6, maxMs: maxBlock, runs: histogram.count, note: `max ${maxBlock.toFixed(1)} ms (must stay < 50 ms)` });

  // Cancellation: terminate a run in full flight and time until the thread is gone.
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    const w = startWorker();
    void runLong(w).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    await w.terminate();
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  rows.push({ name: 'cancellation: terminate a running worker', medianMs: latencies[2], minMs: latencies[0], maxMs: latencies[4], runs: 5, note: 'from the cancel to the thread stopped' });
  return rows;
}
