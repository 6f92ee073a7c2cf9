/**
 * How long a new compute worker takes to answer its first (trivial) task: the
 * start-up cost of the first command, and of the fresh worker after a cancel.
 * dist/worker.js is ~4 MB, and most of the start is V8 compiling it;
 * dist/workerBoot.js turns on V8's compile cache first (Node ≥ 22.1). Timed in
 * the test environment's Node 24 (code-server's, as a recent VS Code's is),
 * each start in a fresh process so nothing is shared but the cache on disk.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { node24 } from '../test/harness/paths';
import type { BenchRow } from './timing';

const RUNS = 7;

/** Run in the child: start the worker, send one task, print the milliseconds to its answer. */
const CHILD = `
const { Worker } = require('node:worker_threads');
const [script, cacheDir] = process.argv.slice(1);
const t0 = performance.now();
const w = new Worker(script, { workerData: cacheDir ? { compileCacheDir: cacheDir } : undefined });
w.once('message', () => { console.log(performance.now() - t0); w.terminate(); });
w.postMessage({ id: 1, task: 'findMatrix', text: '[[1, 2], [3, 4]]', offset: 3 });
`;

function startOnce(script: string, cacheDir?: string): number {
  const res = spawnSync(node24, ['-e', CHILD, script, ...(cacheDir ? [cacheDir] : [])], { encoding: 'utf8' });
  const ms = Number(res.stdout.trim());
  if (res.status !== 0 || !Number.isFinite(ms)) throw new Error(`worker start failed: ${res.stderr}`);
  return ms;
}

function row(name: string, samples: number[], note: string): BenchRow {
  samples.sort((a, b) => a - b);
  return { name, medianMs: samples[Math.floor(samples.length / 2)], minMs: samples[0], maxMs: samples[samples.length - 1], runs: samples.length, note };
}

export async function bench(): Promise<BenchRow[]> {
  if (!fs.existsSync(node24)) return [{ name: 'compute worker start', medianMs: NaN, minMs: NaN, maxMs: NaN, runs: 0, note: 'skipped: run npm run test:setup first (Node 24)' }];
  const dist = path.resolve(__dirname, '..');
  const worker = path.join(dist, 'worker.js');
  const boot = path.join(dist, 'workerBoot.js');
  const plain: number[] = [], first: number[] = [], cached: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(startOnce(worker));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-compile-cache-'));
    try {
      first.push(startOnce(boot, cacheDir));
      cached.push(startOnce(boot, cacheDir));
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  return [
    row('compute worker start → first answer, no compile cache', plain, 'dist/worker.js started directly'),
    row('same, through workerBoot.js, cache empty (first start ever)', first, 'compiles and writes the cache'),
    row('same, through workerBoot.js, cache written', cached, 'every later start, e.g. after a cancel'),
  ];
}
