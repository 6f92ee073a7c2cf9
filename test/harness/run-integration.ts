// CLI: runs the bundled integration suite (dist/test/integration/index.js) inside
// code-server's real extension host, echoing the host's output; exits with the suite's code.
//   npx tsx test/harness/run-integration.ts [--grep PATTERN]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, repoRoot, resultsDir, runExtensionTests, startCodeServer } from './index';

async function main(): Promise<number> {
  const suite = path.join(repoRoot, 'dist', 'test', 'integration', 'index.js');
  if (!fs.existsSync(suite)) throw new Error(`${suite} is missing: run \`node esbuild.mjs --tests\` first`);
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;

  fs.mkdirSync(path.join(resultsDir, 'integration'), { recursive: true });
  const cs = await startCodeServer();
  const browser = await launchBrowser();
  try {
    const examples = path.join(repoRoot, 'examples');
    const folder = cs.freshWorkspace(fs.existsSync(examples) ? examples : path.join(repoRoot, 'test', 'integration'));
    const run = await runExtensionTests(browser, cs, {
      folder,
      extensionTestsPath: suite,
      extensionEnvironment: grep ? { MDL_TEST_GREP: grep } : undefined,
      echo: true,
      failureScreenshot: path.join(resultsDir, 'integration', 'failure.png'),
    });
    if (run.exitCode !== 0 && process.env.MDL_DEBUG) console.error(`--- code-server output ---\n${cs.log()}`);
    return run.exitCode;
  } finally {
    await browser.close();
    await cs.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
