/**
 * The compute worker thread's entry on the desktop. dist/worker.js is about
 * 4 MB of JavaScript (MathJax for hovers, mathjs, the linear algebra), and a
 * fresh thread spent ~150 ms of its ~190 ms start compiling it. V8's compile
 * cache (Node ≥ 22.1; a no-op before) keeps that work on disk, so every later
 * start, including the fresh worker after a cancel, takes ~70 ms. The web
 * build starts dist/worker.js directly as a Web Worker.
 */
import * as nodeModule from 'node:module';
import { workerData } from 'node:worker_threads';

interface CompileCache {
  enableCompileCache?: (dir: string) => unknown;
  flushCompileCache?: () => void;
}

const { enableCompileCache, flushCompileCache } = nodeModule as CompileCache;
const dir = (workerData as { compileCacheDir?: unknown } | null)?.compileCacheDir;
// A cache that cannot be used (read-only disk, an old Node) only costs the start-up time it would have saved.
const cached = typeof dir === 'string' && typeof enableCompileCache === 'function' && tryOrFalse(() => enableCompileCache(dir));

// Not bundled into this file (esbuild.mjs marks it external): the point is to load it after the cache is on.
require('./worker.js');

// Write what was compiled now, rather than at exit, which a terminated thread may never reach.
if (cached) tryOrFalse(() => flushCompileCache?.());

function tryOrFalse(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}
