/**
 * What differs between the desktop build (Node extension host, worker_threads)
 * and the web build (vscode.dev / github.dev: a web worker extension host and
 * a Web Worker). Everything else in src/extension is shared; esbuild.mjs picks
 * `node.ts` or `web.ts` when it bundles.
 */
import type * as vscode from 'vscode';

/** One end of the channel to the compute worker, whichever kind of worker it is. */
export interface WorkerPort<Out, In> {
  /** `transfer`: buffers moved to the worker instead of copied (a large selection's bytes). */
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: In) => void): void;
  /** The worker died (an uncaught error, a failed start, or a non-zero exit): pending work fails with it. */
  onError(listener: (err: Error) => void): void;
  /** Stops the worker at once, even inside a tight numerical loop; settles when it has stopped. */
  terminate(): Promise<void>;
}

export interface Platform {
  /** 'node' on the desktop, 'web' in the browser's web worker extension host. */
  readonly kind: 'node' | 'web';
  /**
   * Starts a compute worker running dist/worker.js from the extension's folder.
   * `storageUri` is a folder it may keep caches in (the extension's global storage).
   */
  createWorker<Out, In>(extensionUri: vscode.Uri, storageUri?: vscode.Uri): WorkerPort<Out, In>;
  /** A file's bytes: workspace.fs, or straight from the disk where that is the same file and faster. */
  readFile(uri: vscode.Uri): Promise<Uint8Array>;
}

/** The one worker bundle both platforms run (see platform/parentPort.ts). */
export const WORKER_SCRIPT = ['dist', 'worker.js'] as const;
