/**
 * Large selections cross to the compute worker as bytes, not as a string.
 * `postMessage` copies a string on the sending thread in one go (a 6 MB
 * dataset blocked the extension host for tens of milliseconds under load);
 * encoding it a slice at a time and transferring the buffer costs the host
 * a few short, interleaved steps and no copy.
 */
import type { WorkerRequest } from './workerProtocol';

/** Texts longer than this travel packed. */
export const PACK_OVER = 256 * 1024;
/** Encoding yields to the event loop between slices this long. */
const SLICE = 256 * 1024;

export interface PackedText {
  /** The UTF-8 text that was taken out of `input.text` or `text`. */
  packedText?: Uint8Array;
}

type Carrier = { text?: unknown; input?: object };

function textOf(carrier: object): string | undefined {
  const task = carrier as Carrier;
  if (typeof task.text === 'string') return task.text;
  const input = task.input as { text?: unknown } | undefined;
  if (input && typeof input.text === 'string') return input.text;
  return undefined;
}

function withText<T extends object>(task: T, text: string): T {
  if (typeof (task as Carrier).text === 'string') return { ...task, text };
  return { ...task, input: { ...(task as Carrier).input, text } };
}

/** The task with a large text moved into a transferable byte buffer (the host side). */
export async function packText<T extends object>(task: T): Promise<{ task: T & PackedText; transfer: ArrayBuffer[] }> {
  const text = textOf(task);
  if (text === undefined || text.length <= PACK_OVER) return { task, transfer: [] };
  const packedText = await encodeInSlices(text);
  return { task: { ...withText(task, ''), packedText }, transfer: [packedText.buffer as ArrayBuffer] };
}

/** The task as it was before packing (the worker side). */
export function unpackText(req: WorkerRequest & PackedText): WorkerRequest {
  if (!req.packedText) return req;
  const { packedText, ...rest } = req;
  return withText(rest as WorkerRequest, new TextDecoder().decode(packedText)) as WorkerRequest;
}

/** UTF-8 bytes of `text`, a slice at a time so encoding megabytes never blocks the thread for long. */
export async function encodeInSlices(text: string): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + SLICE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // never split a surrogate pair
    parts.push(encoder.encode(text.slice(start, end)));
    start = end;
    if (start < text.length) await new Promise((r) => setTimeout(r, 0));
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
