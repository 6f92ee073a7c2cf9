/**
 * The worker's end of the channel to the extension host. One dist/worker.js
 * serves both builds (a second copy of the maths would push the .vsix past its
 * size budget), so the choice is made at run time: a Web Worker talks through
 * its global scope, a Node worker thread through worker_threads' parentPort.
 */
interface ParentPort {
  on(event: 'message', listener: (message: never) => void): void;
  /** `transfer`: buffers moved to the host instead of copied (the image payload's). */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** A DedicatedWorkerGlobalScope (the DOM typings describe a window, hence the narrow cast). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

export const inWebWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';

function webParentPort(): ParentPort {
  const scope = globalThis as unknown as WorkerScope;
  return {
    on: (_event, listener) => scope.addEventListener('message', (e) => listener(e.data as never)),
    postMessage: (message, transfer) => scope.postMessage(message, transfer ?? []),
  };
}

function nodeParentPort(): ParentPort | null {
  // require() only runs in Node, so a browser never meets the node: import.
  const port = (require('node:worker_threads') as typeof import('node:worker_threads')).parentPort;
  return port && { on: (_event, listener) => void port.on('message', (m) => listener(m as never)), postMessage: (message, transfer) => port.postMessage(message, transfer ?? []) };
}

export const parentPort: ParentPort | null = inWebWorker ? webParentPort() : nodeParentPort();
