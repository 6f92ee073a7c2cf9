/**
 * Packages the extension as a user would get it: a production build and `vsce package`,
 * done in a throw-away copy of the repository so the working tree's dist/ (a development
 * build other tests use) is left alone and nothing lands in the repository.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Not copied: bulky, generated, or rebuilt in the copy. */
const SKIP = new Set(['node_modules', '.git', 'dist', 'test-results', 'bench-results.json']);

export interface Packaged {
  /** The .vsix file. */
  vsix: string;
  /** The staging folder (the copy it was built in); remove it when done. */
  root: string;
  /** The archive's file list as `vsce ls` prints it (paths relative to the extension root). */
  files: string[];
}

export function packageVsix(): Packaged {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-vsix-'));
  const stage = path.join(root, 'repo');
  fs.cpSync(repoRoot, stage, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(repoRoot, src);
      const top = rel.split(path.sep)[0];
      return !SKIP.has(top) && !rel.endsWith('.vsix');
    },
  });
  // The copy resolves packages from the real node_modules (esbuild follows the link).
  fs.symlinkSync(fs.realpathSync(path.join(repoRoot, 'node_modules')), path.join(stage, 'node_modules'), 'dir');
  const run = (file: string, args: string[]) => execFileSync(file, args, { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  run(process.execPath, ['esbuild.mjs', '--production']);
  const vsce = path.join(stage, 'node_modules', '@vscode', 'vsce', 'vsce');
  const vsix = path.join(root, 'mdl-steps.vsix');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix]);
  const files = run(process.execPath, [vsce, 'ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
  return { vsix, root, files };
}
