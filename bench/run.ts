/**
 * `npm run bench`: every benchmark module in turn, printed as a table and
 * written to bench-results.json. Timings, never pass/fail assertions.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchRow } from './timing';
import { bench as svdBench } from './svd.bench';
import { bench as linalgBench } from './linalg.bench';
import { bench as activationBench } from './activation.bench';
import { bench as parseBench } from './parse.bench';
import { bench as pcaBench } from './pca.bench';
import { bench as randomizedBench } from './randomized.bench';
import { bench as imageBench } from './image.bench';
import { bench as activationsBench } from './activations.bench';
import { bench as optimBench } from './optim.bench';
import { bench as panelBench } from './panel.bench';
import { bench as eventLoopBench } from './eventloop.bench';
import { bench as webviewBench } from './webview.bench';
import { bench as cancelBench } from './cancel.bench';
import { bench as workerStartBench } from './workerStart.bench';

const suites: Array<[string, () => Promise<BenchRow[]>]> = [
  ['SVD derivations', svdBench],
  ['Linear algebra', linalgBench],
  ['Parsing selections', parseBench],
  ['PCA', pcaBench],
  ['Randomized SVD (images)', randomizedBench],
  ['Image compression', imageBench],
  ['Image slider in the webview', webviewBench],
  ['Activations (Swish vs ReLU, hovers)', activationsBench],
  ['Optimizers', optimBench],
  ['Long runs off the host thread', eventLoopBench],
  ['Cancelling long runs', cancelBench],
  ['Compute worker start', workerStartBench],
  ['Real workbench', panelBench],
  ['Extension activation', activationBench],
];

async function main() {
  const all: Array<BenchRow & { suite: string }> = [];
  // `npm run bench -- image` runs only the suites whose name contains "image" (case-insensitive).
  const only = process.argv[2]?.toLowerCase();
  for (const [suite, run] of suites) {
    if (only && !suite.toLowerCase().includes(only)) continue;
    console.log(`\n## ${suite}`);
    const rows = await run();
    console.table(rows.map((r) => ({ name: r.name, 'median ms': +r.medianMs.toFixed(3), 'min ms': +r.minMs.toFixed(3), 'max ms': +r.maxMs.toFixed(3), runs: r.runs, note: r.note ?? '' })));
    all.push(...rows.map((r) => ({ ...r, suite })));
  }
  // A filtered run replaces only its own suites' rows, so the file keeps the full picture.
  const ran = new Set(all.map((r) => r.suite));
  const kept = only && existsSync('bench-results.json') ? (JSON.parse(readFileSync('bench-results.json', 'utf8')) as { rows: Array<BenchRow & { suite: string }> }).rows.filter((r) => !ran.has(r.suite)) : [];
  writeFileSync('bench-results.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, rows: [...kept, ...all] }, null, 2));
  console.log('\nWritten to bench-results.json');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
