// Online runner: the same integration suite in desktop VS Code, downloaded by
// @vscode/test-electron (needs Microsoft's update servers, so it cannot run offline;
// offline, `npm test` runs the suite in code-server instead).
//   npm run test:electron          (builds, then runs this)
//   VSCODE_VERSION=1.95.0 npm run test:electron   to test the oldest supported engine
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = path.join(root, 'dist', 'test', 'integration', 'index.js');
if (!fs.existsSync(suite)) {
  console.error(`${suite} is missing: run \`node esbuild.mjs --tests\` first`);
  process.exit(1);
}

// A throw-away copy of examples/ and throw-away user data, so a run never touches the
// developer's own VS Code profile or the repo's files.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-electron-'));
const workspace = path.join(tmp, 'examples');
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    extensionTestsEnv: process.env.MDL_TEST_GREP ? { MDL_TEST_GREP: process.env.MDL_TEST_GREP } : undefined,
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(tmp, 'user-data')}`,
      `--extensions-dir=${path.join(tmp, 'extensions')}`,
    ],
  });
} catch (err) {
  console.error('integration tests failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
