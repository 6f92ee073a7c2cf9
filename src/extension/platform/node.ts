/** The desktop platform: the compute worker is a Node worker thread. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Platform, WorkerPort } from './types';

/** dist/worker.js behind a small entry that turns on V8's compile cache first (src/extension/workerBoot.ts). */
const WORKER_BOOT_SCRIPT = ['dist', 'workerBoot.js'] as const;

export const platform: Platform = {
  kind: 'node',
  createWorker<Out, In>(extensionUri: vscode.Uri, storageUri?: vscode.Uri): WorkerPort<Out, In> {
    const compileCacheDir = storageUri?.scheme === 'file' ? path.join(storageUri.fsPath, 'compile-cache') : undefined;
    const worker = new Worker(vscode.Uri.joinPath(extensionUri, ...WORKER_BOOT_SCRIPT).fsPath, { workerData: { compileCacheDir } });
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
      onMessage: (listener) => void worker.on('message', listener),
      onError: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => {
          if (code !== 0) listener(new Error(`The compute worker stopped (exit code ${code}).`));
        });
      },
      terminate: () => worker.terminate().then(
        () => undefined,
        () => undefined,
      ),
    };
  },
  /**
   * A `file:` URI is read from the disk: the same bytes as workspace.fs, whose
   * round trip through the workbench took 150–200 ms for a 2 MB picture in a
   * remote host (code-server) against 2 ms here. Other schemes (remote, virtual)
   * go through workspace.fs.
   */
  readFile: async (uri) => (uri.scheme === 'file' ? readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri)),
};
