/**
 * The web platform (vscode.dev, github.dev, code-server's web worker extension
 * host): the compute worker is a Web Worker nested in the extension host's own
 * worker. esbuild.mjs bundles this module in place of node.ts for dist/web/.
 */
import * as vscode from 'vscode';
import { WORKER_SCRIPT, type Platform, type WorkerPort } from './types';

export const platform: Platform = {
  kind: 'web',
  createWorker<Out, In>(extensionUri: vscode.Uri): WorkerPort<Out, In> {
    return new WebWorkerPort<Out, In>(vscode.Uri.joinPath(extensionUri, ...WORKER_SCRIPT));
  },
  readFile: async (uri) => vscode.workspace.fs.readFile(uri),
};

/**
 * The script URL a Worker can load. An http(s) extension location (the
 * marketplace CDN on vscode.dev) is loaded directly, as the VS Code samples do.
 * Any other scheme cannot be: the extension host refuses `vscode-remote:` worker
 * URLs (a remote server such as code-server), and a virtual file system has no
 * URL at all. So the script is read through workspace.fs and handed over as a
 * same-origin blob: URL.
 */
function scriptUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme === 'https' || script.scheme === 'http') return Promise.resolve(script.toString(true));
  // Read once: a cancel terminates the worker, and the next one should not wait for megabytes again.
  const key = script.toString();
  let url = blobUrls.get(key);
  if (!url) {
    url = Promise.resolve(vscode.workspace.fs.readFile(script)).then((bytes) => URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'text/javascript' })));
    url.catch(() => blobUrls.delete(key)); // a failed read is tried again next time
    blobUrls.set(key, url);
  }
  return url;
}
const blobUrls = new Map<string, Promise<string>>();

/** Starting a Web Worker here is asynchronous (the URL may need a read), so messages wait in a queue until it runs. */
class WebWorkerPort<Out, In> implements WorkerPort<Out, In> {
  private worker: Worker | undefined;
  private queue: Array<{ message: Out; transfer: ArrayBuffer[] }> = [];
  private terminated = false;
  private readonly messageListeners: Array<(message: In) => void> = [];
  private readonly errorListeners: Array<(err: Error) => void> = [];

  constructor(script: vscode.Uri) {
    void this.start(script);
  }

  postMessage(message: Out, transfer: ArrayBuffer[] = []): void {
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.queue.push({ message, transfer });
  }

  onMessage(listener: (message: In) => void): void {
    this.messageListeners.push(listener);
  }

  onError(listener: (err: Error) => void): void {
    this.errorListeners.push(listener);
  }

  /** A Web Worker stops synchronously; the promise is for the shared interface. */
  terminate(): Promise<void> {
    this.terminated = true;
    this.queue = [];
    this.worker?.terminate();
    return Promise.resolve();
  }

  private async start(script: vscode.Uri): Promise<void> {
    try {
      const url = await scriptUrl(script);
      if (this.terminated) return;
      const worker = new Worker(url, { name: 'MDL Steps compute' });
      worker.onmessage = (e: MessageEvent<In>) => this.messageListeners.forEach((l) => l(e.data));
      worker.onerror = (e: ErrorEvent) => this.fail(new Error(`The compute worker failed: ${e.message || 'it could not be loaded'}.`));
      worker.onmessageerror = () => this.fail(new Error('The compute worker sent a message that could not be read.'));
      this.worker = worker;
      for (const { message, transfer } of this.queue) worker.postMessage(message, transfer);
      this.queue = [];
    } catch (e) {
      this.fail(new Error(`The compute worker could not be started: ${(e as Error)?.message ?? e}`));
    }
  }

  private fail(err: Error): void {
    if (this.terminated) return;
    this.errorListeners.forEach((l) => l(err));
  }
}
