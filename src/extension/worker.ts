/**
 * The compute worker: runs core derivations off the extension host's event
 * loop so the editor never freezes. Cancellation is `worker.terminate()` from
 * the host, which stops even a tight numerical loop at once. The same bundle
 * runs as a Node worker thread and as a Web Worker (see platform/parentPort.ts).
 */
import { inWebWorker, parentPort } from './platform/parentPort';
import { activationHoverInfo } from '../core/activations/hoverInfo';
import { isMdlError } from '../core/errors';
import { imageFactors } from '../core/image/compress';
import { componentsFor, imageChannelsFor, panelDataFrom, rankKPng, type ImageRequest } from '../core/image/panel';
import type { Inflate } from '../core/image/codec';
import type { ImageFactors } from '../core/image/types';
import type { Svd } from '../core/linalg';
import { factorizeChannels } from './channelPool';
import { findMatrixAround } from '../core/parse';
import type { PcaJson } from '../core/pca/derive';
import { checkProblem, deriveTopic, factorsFromText, summarizeProblemFile, truncate, type TopicOutcome } from '../core/topics';
import { unpackText, type PackedText } from './packedText';
import type { WorkerProgress, WorkerRequest, WorkerResponse } from './workerProtocol';

// Lower this thread's priority (Linux nice values are per thread, and the channel helper
// threads inherit it): on a busy machine the extension host's own thread, and so the editor,
// keep the CPU first; the maths waits. Node only: a Web Worker has no such control.
if (!inWebWorker) {
  try {
    (require('node:os') as typeof import('node:os')).setPriority(10);
  } catch {
    // Not permitted or not supported: run at normal priority.
  }
}

/** Node's zlib inflates PNG data about three times faster than upng-js's pako; a Web Worker keeps pako. */
const nodeInflate: Inflate | undefined = inWebWorker ? undefined : (require('node:zlib') as typeof import('node:zlib')).inflateSync;

/** The factors of the last image, so "Save rank-k image" needs no second SVD. */
let lastImage: { key: string; factors: ImageFactors } | undefined;
const imageKey = (fileName: string, mode: string, kMax: number) => `${fileName}\u0000${mode}\u0000${kMax}`;

/** The factors of the last matrix asked about, so dragging the k slider costs O(k·mn), not an SVD. */
let cached: { text: string; factors: Svd } | undefined;

async function imageTask(id: number, request: ImageRequest): Promise<WorkerResponse> {
  const image = imageChannelsFor(request, nodeInflate);
  const kMax = componentsFor(request, image);
  const factors = imageFactors(image, kMax, await factorizeChannels(image.channels, kMax));
  lastImage = { key: imageKey(request.fileName, request.mode, kMax), factors };
  return { id, ok: true, task: 'image', value: panelDataFrom(request, image, factors) };
}

function handle(req: WorkerRequest): WorkerResponse | Promise<WorkerResponse> {
  if (req.task === 'derive') return { id: req.id, ok: true, task: 'derive', value: forHost(deriveTopic(req.input, req.options, progressReporter(req.id))) };
  if (req.task === 'checkProblem') return { id: req.id, ok: true, task: 'checkProblem', value: checkProblem(req.text, req.problemId, req.options) };
  if (req.task === 'image') return imageTask(req.id, req.request);
  if (req.task === 'imagePng') {
    if (lastImage?.key !== imageKey(req.fileName, req.mode, req.kMax)) throw new Error('The image is no longer in memory; compress it again.');
    return { id: req.id, ok: true, task: 'imagePng', value: rankKPng(lastImage.factors, req.k) };
  }
  if (req.task === 'findMatrix') return { id: req.id, ok: true, task: 'findMatrix', value: findMatrixAround(req.text, req.offset) };
  if (req.task === 'summarizeProblems') return { id: req.id, ok: true, task: 'summarizeProblems', value: summarizeProblemFile(req.text) };
  if (req.task === 'hover') return { id: req.id, ok: true, task: 'hover', value: activationHoverInfo(req.name, req.params, req.theme) };
  if (cached?.text !== req.text) cached = { text: req.text, factors: factorsFromText(req.text, req.options) };
  return { id: req.id, ok: true, task: 'truncate', value: truncate(cached.factors, req.k) };
}

/**
 * The host needs only the derivation and the title, plus PCA's spectrum to
 * offer a number of components. The full JSON (a 500×500 SVD's U and V are
 * 10 MB) would be copied onto the host's thread for nothing.
 */
function forHost(outcome: TopicOutcome): TopicOutcome {
  const json = outcome.json as Partial<PcaJson>;
  const slim = json.kind === 'pca' ? { kind: 'pca', features: json.features, eigenvalues: json.eigenvalues } : {};
  return { ...outcome, json: slim };
}

/** The image payload's buffers are fresh: move them to the host instead of copying them there. */
function transferList(res: WorkerResponse): ArrayBuffer[] {
  if (!res.ok || res.task !== 'image') return [];
  const p = res.value.payload;
  const views = [p.original, ...p.channels.flatMap((c) => [c.sigma, c.U, c.V]), ...p.layers.map((l) => l.rgba)];
  const buffers = new Set(views.map((v) => v.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
  return [...buffers];
}

/** Progress for long runs, at most ten messages a second so the host is never flooded. */
function progressReporter(id: number) {
  let last = 0;
  return {
    progressEvery: 10_000,
    onProgress: (p: { step: number; loss: number }) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const message: WorkerProgress = { id, progress: { step: p.step, loss: p.loss } };
      parentPort!.postMessage(message);
    },
  };
}

parentPort?.on('message', async (packed: WorkerRequest & PackedText) => {
  const req = unpackText(packed);
  let res: WorkerResponse;
  try {
    res = await handle(req);
  } catch (e) {
    res = {
      id: req.id,
      ok: false,
      error: isMdlError(e)
        ? { message: e.message, expected: true, position: e.position, cell: e.cell }
        : { message: String((e as Error)?.message ?? e), expected: false },
    };
  }
  parentPort!.postMessage(res, transferList(res));
});
