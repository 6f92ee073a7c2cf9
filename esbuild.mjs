// Bundles every target with esbuild. Flags:
//   --watch       rebuild on change
//   --production  minify, no source maps (used by `npm run package`)
//   --tests       also bundle the integration suite (dist/test/integration/index.js)
//   --bench       also bundle the benchmarks (dist/bench/run.js)
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
// A release starts from an empty dist/, so no stale source maps or test bundles get packaged.
if (production) rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = { ...common, platform: 'node', format: 'cjs', target: 'node18' };

const targets = [
  // The extension host: thin glue around the pure core. `vscode` is provided at run time.
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The worker thread that runs heavy derivations off the host's event loop.
  { ...node, entryPoints: { worker: 'src/extension/worker.ts' }, outdir: 'dist' },
  // Helper threads of that worker: one image channel's SVD each, so RGB uses every core.
  { ...node, entryPoints: { channelWorker: 'src/extension/channelWorker.ts' }, outdir: 'dist' },
  // The `mdl` command-line tool.
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The webview renderer (browser). CSS imported from TS is emitted beside it.
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { main: 'webview/main.ts' },
    outdir: 'dist/webview',
    loader: { '.woff2': 'file', '.ttf': 'file' },
  },
];
if (args.has('--tests')) {
  targets.push({
    ...node,
    entryPoints: { 'test/integration/index': 'test/integration/index.ts' },
    outdir: 'dist',
    external: ['vscode', 'mocha'],
  });
}
if (args.has('--bench')) {
  // playwright-core stays external: it loads its own files at run time.
  targets.push({ ...node, entryPoints: { 'bench/run': 'bench/run.ts' }, outdir: 'dist', external: ['playwright-core'] });
}

if (args.has('--watch')) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
