/**
 * The compute worker: runs core derivations off the extension host's event
 * loop so the editor never freezes. Cancellation is `worker.terminate()` from
 * the host, which stops even a tight numerical loop at once. The same bundle
 * runs as a Node worker thread and as a Web Worker (see platform/parentPort.ts).
 */
import { parentPort } from './platform/parentPort';
import { activationHoverInfo } from '../core/activations/hoverInfo';
import { isMdlError } from '../core/errors';
import { imageFactors } from '../core/image/compress';
import { componentsFor, imageChannelsFor, panelDataFrom, rankKPng, type ImageRequest } from '../core/image/panel';
import type { ImageFactors } from '../core/image/types';
import type { Svd } from '../core/linalg';
import { factorizeChannels } from './channelPool';
import { checkProblem, deriveTopic, factorsFromText, summarizeProblemFile, truncate } from '../core/topics';
import type { WorkerProgress, WorkerRequest, WorkerResponse } from './workerProtocol';

/** The factors of the last image, so "Save rank-k image" needs no second SVD. */
let lastImage: { key: string; factors: ImageFactors } | undefined;
const imageKey = (fileName: string, mode: string, kMax: number) => `${fileName}\u0000${mode}\u0000${kMax}`;

/** The factors of the last matrix asked about, so dragging the k slider costs O(k·mn), not an SVD. */
let cached: { text: string; factors: Svd } | undefined;

async function imageTask(id: number, request: ImageRequest): Promise<WorkerResponse> {
  const image = imageChannelsFor(request);
  const kMax = componentsFor(request, image);
  const factors = imageFactors(image, kMax, await factorizeChannels(image.channels, kMax));
  lastImage = { key: imageKey(request.fileName, request.mode, kMax), factors };
  return { id, ok: true, task: 'image', value: panelDataFrom(request, image, factors) };
}

function handle(req: WorkerRequest): WorkerResponse | Promise<WorkerResponse> {
  if (req.task === 'derive') return { id: req.id, ok: true, task: 'derive', value: deriveTopic(req.input, req.options, progressReporter(req.id)) };
  if (req.task === 'checkProblem') return { id: req.id, ok: true, task: 'checkProblem', value: checkProblem(req.text, req.problemId, req.options) };
  if (req.task === 'image') return imageTask(req.id, req.request);
  if (req.task === 'imagePng') {
    if (lastImage?.key !== imageKey(req.fileName, req.mode, req.kMax)) throw new Error('The image is no longer in memory; compress it again.');
    return { id: req.id, ok: true, task: 'imagePng', value: rankKPng(lastImage.factors, req.k) };
  }
  if (req.task === 'summarizeProblems') return { id: req.id, ok: true, task: 'summarizeProblems', value: summarizeProblemFile(req.text) };
  if (req.task === 'hover') return { id: req.id, ok: true, task: 'hover', value: activationHoverInfo(req.name, req.params, req.theme) };
  if (cached?.text !== req.text) cached = { text: req.text, factors: factorsFromText(req.text, req.options) };
  return { id: req.id, ok: true, task: 'truncate', value: truncate(cached.factors, req.k) };
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

parentPort?.on('message', async (req: WorkerRequest) => {
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
  parentPort!.postMessage(res);
});
