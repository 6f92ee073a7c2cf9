// `npm run demo`: the product on the bundled examples.
// - With desktop VS Code (`code` on PATH): opens examples/ in an Extension Development Host.
// - Without it: starts code-server (VS Code in the browser, installed into the cache by
//   scripts/setup-test-env.sh) on 127.0.0.1 and prints the URL to open. The extension is
//   loaded as a *development* extension through the workbench URL's `payload`, the same
//   mechanism the tests use, so nothing is installed and the running code is this checkout's
//   dist/ (rebuild with `npm run build` and reload the page to pick up changes).
//   MDL_DEMO_PORT=8080 npm run demo   to choose the port (default: a free one).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const sh = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;

if (!sh('node', ['esbuild.mjs'])) process.exit(1);

if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
  process.exit(sh('code', [`--extensionDevelopmentPath=${root}`, examples]) ? 0 : 1);
}

if (!sh('bash', ['scripts/setup-test-env.sh'])) process.exit(1);
// The harness is TypeScript; tsx loads it without a separate build.
const { startCodeServer, workbenchUrl } = tsxRequire('../test/harness/index.ts', import.meta.url);
const cs = await startCodeServer({ port: Number(process.env.MDL_DEMO_PORT) || undefined });
console.log(`\nMDL Steps demo: open this URL in a browser (Ctrl-C to stop):\n\n  ${workbenchUrl(cs, { folder: examples })}\n`);
console.log('Then open svd.md, select the matrix and run "MDL: Decompose selection (SVD)" (F1).');

const stop = async () => {
  await cs.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30); // stay in the foreground until a signal
