/**
 * Runs one fuzz target in a worker thread. Before each case it writes the
 * case number and the input into shared memory, so that when a case hangs
 * (a synchronous loop cannot be interrupted from inside) the watchdog in
 * run.ts can read which input it was, terminate this worker and go on.
 */
import fc from 'fast-check';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { mixed, TARGETS, watchdogSelfTest } from './targets';

export interface WorkerJob {
  target: string;
  seed: number;
  /** Cases [from, to) of the target's deterministic sequence. */
  from: number;
  to: number;
  shared: SharedArrayBuffer;
}

export interface WorkerFailure {
  index: number;
  input: string;
  message: string;
  ms: number;
}

export type WorkerMessage =
  | { type: 'failure'; failure: WorkerFailure }
  | { type: 'done'; cases: number; slowest: number; slowestInput: string; slowestLength: number; hugeCases: number; unreported: number };

/** Failures sent with their input per worker; later ones are only counted. */
const REPORTED = 50;

/** Cases are generated in batches of this many, each from its own seed, so a restart can resume at any case. */
export const BATCH = 500;
/** Int32 slots at the start of the shared buffer: case number, input length (in UTF-16 units). */
export const HEADER = 2;
/** The longest input kept for a hang report (UTF-16 units). */
export const MAX_SHARED_INPUT = 2 ** 21;

function main(job: WorkerJob): void {
  const target = [...TARGETS, watchdogSelfTest].find((t) => t.name === job.target)!;
  const header = new Int32Array(job.shared, 0, HEADER);
  const units = new Uint16Array(job.shared, HEADER * 4);
  const arbitrary = mixed(target);
  let slowest = 0;
  let slowestInput = '';
  let slowestLength = 0;
  let hugeCases = 0;
  let failures = 0;
  for (let batch = Math.floor(job.from / BATCH); batch * BATCH < job.to; batch++) {
    const inputs = fc.sample(arbitrary, { seed: job.seed + batch, numRuns: BATCH });
    for (let k = 0; k < BATCH; k++) {
      const index = batch * BATCH + k;
      if (index < job.from || index >= job.to) continue;
      const input = inputs[k];
      const shown = target.show(input);
      if (shown.length >= 100_000) hugeCases++;
      const n = Math.min(shown.length, units.length);
      for (let i = 0; i < n; i++) units[i] = shown.charCodeAt(i);
      Atomics.store(header, 1, n);
      Atomics.store(header, 0, index);
      const started = performance.now();
      let message: string | null = null;
      try {
        target.run(input);
      } catch (e) {
        message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
      const ms = performance.now() - started;
      if (ms > slowest) [slowest, slowestInput, slowestLength] = [ms, shown.slice(0, 200), shown.length];
      if (message !== null && ++failures <= REPORTED) parentPort!.postMessage({ type: 'failure', failure: { index, input: shown, message, ms } } satisfies WorkerMessage);
      inputs[k] = undefined; // megabyte inputs are dropped as soon as they are done
    }
  }
  parentPort!.postMessage({ type: 'done', cases: job.to - job.from, slowest, slowestInput, slowestLength, hugeCases, unreported: Math.max(0, failures - REPORTED) } satisfies WorkerMessage);
}

// run.ts imports this module for its types and constants; only a worker runs the job.
if (!isMainThread) main(workerData as WorkerJob);
