/**
 * Runs core work in a worker thread so the extension host never blocks.
 * Long runs get a cancellable progress notification (shown only when a run
 * takes longer than a glance); cancelling terminates the worker at once and
 * a fresh one is started for the next request.
 */
import * as vscode from 'vscode';
import type { WorkerPort } from './platform/types';
import { packText } from './packedText';
import type { TaskFailure, WorkerProgress, WorkerRequest, WorkerResponse } from './workerProtocol';

type Task = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** Failures the user caused (bad input) carry `expected = true` and a position-bearing message. */
export class TaskError extends Error {
  constructor(readonly failure: TaskFailure) {
    super(failure.message);
  }
}

const PROGRESS_DELAY_MS = 300;

interface Pending {
  resolve: (r: WorkerResponse) => void;
  reject: (e: Error) => void;
  /** Set while a progress notification is showing. */
  report?: (message: string) => void;
}

type Port = WorkerPort<WorkerRequest, WorkerResponse | WorkerProgress>;

export class ComputeClient implements vscode.Disposable {
  private worker: Port | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * `createWorker` starts a worker thread on the desktop and a Web Worker in the browser (see platform/).
   * `log` gets one line per titled (user-started) task when it settles, for the output channel.
   */
  constructor(
    private readonly createWorker: () => Port,
    private readonly log?: (message: string) => void,
  ) {}

  /**
   * Run a task; shows a cancellable notification titled `title` if it is still
   * running after a moment (pass no title for quiet work such as hovers).
   */
  async run<T extends Task>(task: T, title?: string, token?: vscode.CancellationToken): Promise<Extract<WorkerResponse, { ok: true; task: T['task'] }>['value']> {
    const { id, response } = this.send(task);
    const started = Date.now();
    let settled = false;
    const settle = (outcome: string) => {
      settled = true;
      if (title) this.log?.(`${task.task}: ${outcome} after ${Date.now() - started} ms`);
    };
    void response.then(
      (res) => settle(res.ok ? 'done' : `failed (${res.error.message})`),
      (e: unknown) => settle(e instanceof Cancelled ? 'cancelled' : `failed (${String(e)})`),
    );
    const cancelSub = token?.onCancellationRequested(() => this.cancelAll());
    const timer = setTimeout(() => {
      if (settled || !title) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, progressToken) => {
          progressToken.onCancellationRequested(() => this.cancelAll());
          const pending = this.pending.get(id);
          if (pending) pending.report = (message) => progress.report({ message });
          return response.catch(() => undefined);
        },
      );
    }, PROGRESS_DELAY_MS);
    try {
      const res = await response;
      if (!res.ok) throw new TaskError(res.error);
      return res.value as never;
    } finally {
      clearTimeout(timer);
      cancelSub?.dispose();
    }
  }

  /** Tasks sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Stop everything in flight. Pending callers get `Cancelled` at once; the
   * returned promise settles when the worker thread has actually stopped.
   */
  cancelAll(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Cancelled());
    this.pending.clear();
    return worker ? worker.terminate().then(() => undefined, () => undefined) : Promise.resolve();
  }

  dispose(): void {
    void this.cancelAll();
  }

  private send(task: Task): { id: number; response: Promise<WorkerResponse> } {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const response = new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A large selection goes over as transferred bytes, encoded a slice at a time (packedText.ts).
      packText(task).then(({ task: packed, transfer }) => {
        if (this.pending.has(id) && this.worker === worker) worker.postMessage({ ...packed, id }, transfer);
      }, reject);
    });
    return { id, response };
  }

  private ensureWorker(): Port {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onMessage((res) => {
      if ('progress' in res) {
        this.pending.get(res.id)?.report?.(vscode.l10n.t('step {0}, loss {1}', res.progress.step.toLocaleString(vscode.env.language), res.progress.loss.toPrecision(4)));
        return;
      }
      const p = this.pending.get(res.id);
      this.pending.delete(res.id);
      p?.resolve(res);
    });
    worker.onError((err) => this.failAll(worker, err));
    this.worker = worker;
    return worker;
  }

  private failAll(worker: Port, err: Error): void {
    if (this.worker !== worker) return; // already replaced after a cancel
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
