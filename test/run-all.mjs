// `npm test`: every layer in order, each phase's counts, then ONE closing line
// "N passed, N failed, N skipped". Exits non-zero if anything failed.
//   1 unit         npm run test:unit (mocha, .mocharc.json), in Node
//   2 build        node esbuild.mjs --tests (extension + bundled integration suite)
//   3 setup        scripts/setup-test-env.sh (Node 24 + code-server in the cache; instant when warm)
//   4 integration  the suite inside code-server's real extension host
//   5 ui           Playwright against the real workbench in Chromium
// A phase that cannot run (e.g. the build failed) counts as one failure, so a broken
// pipeline can never look green.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

// mocha run without a spec defaults to ./test/*.{js,cjs,mjs}, which is this file: never recurse.
if (process.env.MDL_RUN_ALL) {
  console.error('test/run-all.mjs was started from inside itself (a mocha run without a spec?); stopping.');
  process.exit(1);
}
process.env.MDL_RUN_ALL = '1';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs a command with live output; resolves to its exit code and what it printed. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream) => (d) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('error', (e) => resolve({ code: 127, out: out + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Counts from mocha's spec reporter epilogue ("N passing", "N failing", "N pending"). */
function mochaCounts({ code, out }) {
  const text = out.replace(/\x1b\[[0-9;]*m/g, '');
  const n = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(text)?.[1] ?? 0);
  const c = { passed: n('passing'), failed: n('failing'), skipped: n('pending') };
  // A crash before the epilogue (no counts, non-zero exit) is still a failure.
  if (code !== 0 && c.failed === 0) c.failed = 1;
  return c;
}

const phases = [];
async function phase(name, fn) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const counts = await fn();
  phases.push({ name, ...counts, secs: (Date.now() - t0) / 1000 });
  console.log(`--- ${name}: ${counts.passed} passing, ${counts.failed} failing, ${counts.skipped} pending`);
  return counts;
}
const step = async (cmd, args) => ((await run(cmd, args)).code === 0 ? { passed: 0, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
const notRun = () => {
  console.log('not run: the build or the setup failed');
  return { passed: 0, failed: 1, skipped: 0 };
};

await phase('unit', async () => {
  // The unit spec lives in package.json's test:unit (reporter etc. in .mocharc.json).
  const r = await run('npm', ['run', '-s', 'test:unit']);
  // No unit test files yet is not a failure of the suite (the lead adds them).
  if (r.code !== 0 && /No test files found/.test(r.out)) return { passed: 0, failed: 0, skipped: 0 };
  return mochaCounts(r);
});
const build = await phase('build', () => step('node', ['esbuild.mjs', '--tests']));
const setup = await phase('setup', () => step('bash', ['scripts/setup-test-env.sh']));
const ready = build.failed === 0 && setup.failed === 0;
await phase('integration', async () => (ready ? mochaCounts(await run(bin('tsx'), ['test/harness/run-integration.ts'])) : notRun()));
await phase('ui', async () => (ready ? mochaCounts(await run(bin('mocha'), ['--config', 'test/ui/.mocharc.json'])) : notRun()));

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\n=== summary ===');
for (const p of phases) {
  for (const k of Object.keys(total)) total[k] += p[k];
  console.log(`${p.name.padEnd(12)} ${String(p.passed).padStart(4)} ok ${String(p.failed).padStart(4)} failing ${String(p.skipped).padStart(4)} pending ${p.secs.toFixed(1).padStart(7)} s`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed ? 1 : 0;
