/**
 * The randomized SVD's passes over A, shared between the compute worker and
 * one helper thread (desktop only). A grey picture is a single channel, so the
 * channel pool alone would leave the second core idle; here each product is cut
 * into chunks (rows of A for A·Pᵀ, columns of A for P·A) that both threads
 * claim from a shared counter, so a thread that starts late or runs slow simply
 * takes fewer. Every output entry is computed exactly as on one thread
 * (blocked.ts), so the factors are bit-for-bit the same either way.
 *
 * A, the panel and the output live in SharedArrayBuffers: nothing of size m·n
 * is copied per pass. The compute worker blocks in Atomics.wait while the
 * helper finishes its last chunk; that is allowed (and cheap) off the host's
 * thread, and the wait wakes every 50 ms so a cancel (terminate) takes effect.
 */
import { panelTimes, productWithPanelT } from '../core/linalg/blocked';
import type { PanelProducts } from '../core/linalg';

/** Chunks per product: enough for the two threads to even out, few enough to cost nothing to hand out. */
const CHUNKS = 16;
/** Control slots (Int32): the claim word (generation << 8 | next chunk), chunks completed, failure flag. */
const CLAIM = 0, DONE = 1, FAILED = 2;
/** With no chunk completed for this long, the helper is taken to be gone (a chunk takes milliseconds). */
const STALLED_MS = 10_000;

export type Op = 'panelT' | 'times';

/** The shared memory of one factorisation, as both threads see it. */
export interface SharedSpace {
  A: Float64Array;
  m: number;
  n: number;
  l: number;
  panel: Float64Array;
  out: Float64Array;
  control: Int32Array;
}

/** Helper-thread messages. Buffers are SharedArrayBuffers: sent by reference, not copied. */
export type SplitMessage =
  | { kind: 'split-attach'; A: SharedArrayBuffer; m: number; n: number; l: number; panel: SharedArrayBuffer; out: SharedArrayBuffer; control: SharedArrayBuffer }
  | { kind: 'split-pass'; generation: number; op: Op }
  | { kind: 'split-detach' };

export function isSplitMessage(msg: unknown): msg is SplitMessage {
  const kind = (msg as { kind?: unknown } | null)?.kind;
  return kind === 'split-attach' || kind === 'split-pass' || kind === 'split-detach';
}

export function spaceFrom(msg: Extract<SplitMessage, { kind: 'split-attach' }>): SharedSpace {
  return { A: new Float64Array(msg.A), m: msg.m, n: msg.n, l: msg.l, panel: new Float64Array(msg.panel), out: new Float64Array(msg.out), control: new Int32Array(msg.control) };
}

/** Claim the next chunk of pass `generation`, or -1 when there is none (or the pass is over). */
function claim(control: Int32Array, generation: number): number {
  for (;;) {
    const word = Atomics.load(control, CLAIM);
    const next = word & 0xff;
    if (word >>> 8 !== generation || next >= CHUNKS) return -1;
    if (Atomics.compareExchange(control, CLAIM, word, word + 1) === word) return next;
  }
}

/** [start, end) of chunk c of `size` items, boundaries on multiples of 4 (the kernels' tile height). */
function chunkRange(c: number, size: number): [number, number] {
  const edge = (i: number) => Math.min(size, Math.round((size * i) / CHUNKS / 4) * 4);
  return [edge(c), c === CHUNKS - 1 ? size : edge(c + 1)];
}

/** Work on pass `generation` until no chunk is left; run on both threads. */
export function workOnPass(space: SharedSpace, generation: number, op: Op): void {
  const { A, m, n, l, panel, out, control } = space;
  for (let c = claim(control, generation); c >= 0; c = claim(control, generation)) {
    try {
      if (op === 'panelT') productWithPanelT(A, m, n, panel, l, out, ...chunkRange(c, m));
      else panelTimes(panel, l, A, m, n, out, ...chunkRange(c, n));
    } catch {
      Atomics.store(control, FAILED, 1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}

export interface HelperPort {
  postMessage(message: SplitMessage): void;
}

/**
 * Products over A on this thread and `helper`. A is copied once into shared
 * memory (a few milliseconds for 1024², against ~40 ms a pass).
 */
export function sharedProducts(helper: HelperPort, A: Float64Array, m: number, n: number, l: number): PanelProducts {
  const shared = (length: number) => new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT);
  const buffers = { A: shared(m * n), panel: shared(l * Math.max(m, n)), out: shared(l * Math.max(m, n)), control: new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT) };
  const attach = { kind: 'split-attach' as const, m, n, l, ...buffers };
  const space = spaceFrom(attach);
  space.A.set(A);
  helper.postMessage(attach);
  let generation = 0;

  const run = (op: Op, input: Float64Array, inputLength: number, result: Float64Array, resultLength: number) => {
    generation = (generation + 1) & 0x7fffff;
    space.panel.set(input.subarray(0, inputLength));
    Atomics.store(space.control, DONE, 0);
    Atomics.store(space.control, FAILED, 0);
    Atomics.store(space.control, CLAIM, generation << 8);
    helper.postMessage({ kind: 'split-pass', generation, op });
    workOnPass(space, generation, op);
    waitForAll(space.control);
    result.set(space.out.subarray(0, resultLength));
  };
  return {
    productWithPanelT: (panel, out) => run('panelT', panel, l * n, out, l * m),
    panelTimes: (panel, out) => run('times', panel, l * m, out, l * n),
    dispose: () => helper.postMessage({ kind: 'split-detach' }),
  };
}

/** Block until every chunk is done: the helper's last one at most, since this thread has run out of chunks. */
function waitForAll(control: Int32Array): void {
  let seen = Atomics.load(control, DONE);
  let since = Date.now();
  while (seen < CHUNKS) {
    Atomics.wait(control, DONE, seen, 50);
    const now = Atomics.load(control, DONE);
    if (now !== seen) {
      seen = now;
      since = Date.now();
    } else if (Date.now() - since > STALLED_MS) {
      throw new Error('A helper thread of the compute worker stopped answering.');
    }
  }
  if (Atomics.load(control, FAILED)) throw new Error('A helper thread of the compute worker failed in a matrix product.');
}
