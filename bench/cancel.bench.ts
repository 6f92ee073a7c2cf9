/**
 * Cancellation latency per kind of long run: the compute worker (dist/worker.js,
 * the real bundle) is given the largest SVD, PCA, image and optimizer runs the
 * settings allow, and is terminated part way in, as the progress notification's
 * Cancel does. Timed: from the cancel to the thread gone. The integration test
 * test/integration/reliability.test.ts measures the same inside VS Code.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { encodePng } from '../src/core/image';
import { defaultTopicOptions } from '../src/core/topics';
import type { BenchRow } from './timing';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

function matrixText(rows: number, cols: number): string {
  const next = rng(1);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(next() * 199) - 99).join(' ')).join('\n');
}

function datasetCsv(samples: number, features: number): string {
  const next = rng(7);
  const header = Array.from({ length: features }, (_, j) => `f${j + 1}`).join(',');
  return [header, ...Array.from({ length: samples }, () => Array.from({ length: features }, () => (next() * 10).toFixed(3)).join(','))].join('\n');
}

function noisePng(size: number): Uint8Array {
  const next = rng(12345);
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i & 3) === 3 ? 255 : Math.floor(next() * 256);
  return encodePng(size, size, rgba);
}

const ADAM = JSON.stringify({ problems: [{ id: 'long', kind: 'optimize', objective: 'rosenbrock', start: [-1.5, 2], optimizer: 'adam', lr: 0.001, steps: 1_000_000, tol: 0 }] });

async function cancelLatency(request: object, afterMs: number): Promise<number> {
  const worker = new Worker(path.resolve(__dirname, '..', 'worker.js'));
  let finished = false;
  worker.on('message', (m: { progress?: unknown }) => {
    if (!m.progress) finished = true;
  });
  worker.postMessage({ id: 1, ...request });
  await new Promise((r) => setTimeout(r, afterMs));
  if (finished) {
    await worker.terminate(); // else the thread keeps the bench process alive
    throw new Error(`the run finished within ${afterMs} ms, before the cancel: make it larger`);
  }
  const t0 = performance.now();
  await worker.terminate();
  return performance.now() - t0;
}

export async function bench(): Promise<BenchRow[]> {
  // Cancelled this far in: well inside each run (Adam's 10⁶ steps take about 300 ms in all).
  const runs: Array<[string, object, number]> = [
    ['SVD 500×500', { task: 'derive', input: { kind: 'svd', text: matrixText(500, 500) }, options: defaultTopicOptions }, 300],
    ['PCA 10,000×100', { task: 'derive', input: { kind: 'pca', text: datasetCsv(10_000, 100), components: 2, transpose: false, edits: [] }, options: defaultTopicOptions }, 300],
    ['image 1024² RGB', { task: 'image', request: { bytes: noisePng(1024), fileName: 'noise.png', mode: 'rgb', k: 20, kMax: 100, maxSide: 1024 } }, 300],
    ['Adam 10⁶ steps', { task: 'derive', input: { kind: 'problem', text: ADAM, id: 'long' }, options: defaultTopicOptions }, 120],
  ];
  const rows: BenchRow[] = [];
  for (const [name, request, afterMs] of runs) {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) samples.push(await cancelLatency(request, afterMs));
    samples.sort((a, b) => a - b);
    rows.push({ name: `cancel ${name} ${afterMs} ms in`, medianMs: samples[1], minMs: samples[0], maxMs: samples[2], runs: 3, note: 'from the cancel to the worker thread gone' });
  }
  return rows;
}
