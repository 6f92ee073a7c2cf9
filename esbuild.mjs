// Bundles every target with esbuild. Flags:
//   --watch       rebuild on change
//   --production  minify, no source maps (used by `npm run package`)
//   --tests       also bundle the integration suite (dist/test/integration/index.js)
//   --bench       also bundle the benchmarks (dist/bench/run.js)
//   --minify      minify as a release does, keeping source maps (`npm run bench` times what ships)
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
// A release starts from an empty dist/, so no stale source maps or test bundles get packaged.
if (production) rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production || args.has('--minify'),
  logLevel: 'warning',
  legalComments: 'none',
  // fflate's Node entry requires `module` and `worker_threads` at load (for its async API, unused
  // here), which would stop dist/worker.js from starting as a Web Worker; its browser build is the
  // same synchronous code without them.
  alias: { fflate: 'fflate/browser' },
};
const node = { ...common, platform: 'node', format: 'cjs', target: 'node18' };

// The web build (package.json `browser`, for vscode.dev / github.dev) is the same extension
// with its two Node-only modules swapped for browser ones at bundle time. It needs no worker
// of its own: dist/worker.js runs as a Web Worker too (src/extension/platform/parentPort.ts).
const webSwaps = {
  './platform/node': 'src/extension/platform/web.ts', // worker_threads -> Web Worker
  'node:crypto': 'src/extension/platform/webCrypto.ts', // the panel's CSP nonce
};
const webPlatform = {
  name: 'mdl-web-platform',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(webSwaps).map((k) => k.replace(/[./]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (a) => ({ path: resolvePath(webSwaps[a.path]) }));
    // Anything else from Node would fail only at run time in the browser: fail the build instead.
    build.onResolve({ filter: /^node:/ }, (a) => ({ errors: [{ text: `${a.path} is not available in the web extension host (imported by ${a.importer})` }] }));
  },
};
const web = { ...common, platform: 'browser', format: 'cjs', target: 'es2022', plugins: [webPlatform] };
// upng-js finds pako with `typeof require == "function"`, else `window.pako`: false in a Web
// Worker, which has neither. Bundled, the require() it then calls is esbuild's, so say so.
const upngBundledPako = {
  name: 'upng-bundled-pako',
  setup(build) {
    build.onLoad({ filter: /[\\/]upng-js[\\/]UPNG\.js$/ }, async (a) => {
      const source = await readFile(a.path, 'utf8');
      const patched = source.replace('if (typeof require == "function") {pako', 'if (true) {pako');
      if (patched === source) return { errors: [{ text: 'upng-js changed: its pako look-up was not found' }] };
      return { contents: patched, loader: 'js' };
    });
  },
};

const targets = [
  // The extension host: thin glue around the pure core. `vscode` is provided at run time.
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The worker that runs heavy derivations off the host's event loop: a worker thread on the
  // desktop, a Web Worker in the browser (one bundle for both).
  { ...node, entryPoints: { worker: 'src/extension/worker.ts' }, outdir: 'dist', plugins: [upngBundledPako] },
  // The desktop worker thread's entry: turns on V8's compile cache, then loads dist/worker.js (not bundled in).
  { ...node, entryPoints: { workerBoot: 'src/extension/workerBoot.ts' }, outdir: 'dist', external: ['./worker.js'] },
  // The web extension host (a browser web worker): the same glue, no Node built-ins.
  { ...web, entryPoints: { 'web/extension': 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // Helper threads of that worker (desktop only): one image channel's SVD each, so RGB uses every core.
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
