/**
 * The one message contract between the extension host and the webview.
 * Both directions are discriminated unions on `type`, and both sides run the
 * guards below on every message they receive: anything unknown or malformed
 * is dropped (and logged), never acted on.
 */
import type { Derivation } from './core/derivation';
import type { ImagePayload } from './core/image/payload';
import type { TopicInput } from './core/topics';

/** What the panel was asked to derive; enough to recompute after a reload (defined with the core's topics). */
export type PanelInput = TopicInput;
export type { PcaInput, SvdInput } from './core/topics';

export type { ImagePayload } from './core/image/payload';

/** Where the student is in the panel. */
export interface ViewState {
  step: number;
  mode: 'step' | 'all';
  /** Rank chosen on the truncation slider, when there is one. */
  k?: number;
}

/** The state the webview persists with `setState`; the serializer reads it back. */
export interface PersistedState {
  version: 1;
  input: PanelInput;
  view: ViewState;
}

export type HostMessage =
  | { type: 'show'; input: PanelInput; derivation: Derivation; view: ViewState; precision: number }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string }
  | { type: 'truncation'; k: number; matrix: number[][] }
  /** Same input with a small change (a dragged point): redraw in place, keep the view. */
  | { type: 'update'; input: PanelInput; derivation: Derivation }
  /** Image compression: the factors as compact typed arrays, for the live rank slider. */
  | { type: 'image'; payload: ImagePayload }
  | { type: 'navigate'; to: 'next' | 'previous' | 'first' | 'last' };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'viewChanged'; view: ViewState }
  | { type: 'requestTruncation'; k: number }
  | { type: 'copyTex'; step: number }
  | { type: 'exportMarkdown' }
  /** PCA: flip the orientation of the table (features as rows ↔ samples as rows). */
  | { type: 'transpose' }
  /** PCA: the student dragged sample `index` to `point` (data coordinates). */
  | { type: 'editPoint'; index: number; point: [number, number] }
  /** PCA: forget every dragged point. */
  | { type: 'resetEdits' }
  /** Image compression: save the rank-k picture next to the original (never overwriting without asking). */
  | { type: 'saveImage'; k: number }
  /** Image compression: compute more components than kMax. */
  | { type: 'moreComponents' }
  /** Activation Explorer: show `name` with `params`, optionally overlaid with `compare`. */
  | { type: 'explorerChange'; name: string; params: Record<string, number | string>; compare?: string };

// ---------------------------------------------------------------------------
// Runtime guards. Hand-written so both bundles stay small and so every field
// is checked, not just the tag.

type Obj = Record<string, unknown>;
/** A plain data object (as postMessage and JSON produce), so no field can come from a crafted prototype. */
const isObj = (x: unknown): x is Obj => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
};
const isStr = (x: unknown, maxLength = Infinity): x is string => typeof x === 'string' && x.length <= maxLength;
const isInt = (x: unknown, min = 0): x is number => Number.isSafeInteger(x) && (x as number) >= min;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumArr = (x: unknown, maxLength = Infinity): x is number[] => Array.isArray(x) && x.length <= maxLength && x.every(isNum);
const isMatrix = (x: unknown): x is number[][] => Array.isArray(x) && x.every((r) => isNumArr(r));
const hasOnly = (o: Obj, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));
/** Keys that would reach an object's prototype if some code ever copied them with plain assignment. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isPoint = (x: unknown): x is [number, number] => Array.isArray(x) && x.length === 2 && x.every(isNum);

/** Labels, file names, ids: short strings (a problem id or a file name has no business being megabytes). */
const SHORT = 1000;
/** An activation's parameters: a few named numbers or short choice strings. */
const isParams = (x: unknown): boolean =>
  isObj(x) && Object.keys(x).length <= 16 && Object.entries(x).every(([k, v]) => !PROTOTYPE_KEYS.has(k) && k.length <= 40 && (isNum(v) || isStr(v, 20)));
/** Fields every panel input may carry besides its own. */
const COMMON = ['kind', 'source'];
const only = (x: Obj, keys: string[]) => hasOnly(x, [...COMMON, ...keys]);
const optional = (x: unknown, check: (v: unknown) => boolean) => x === undefined || check(x);

const isCrossEntropyOptions = (x: unknown) =>
  isObj(x) && hasOnly(x, ['logits', 'target', 'p', 'q']) && ['logits', 'target', 'p', 'q'].every((k) => optional(x[k], (v) => isNumArr(v, 1000)));
const isZigzagOptions = (x: unknown) =>
  isObj(x) &&
  hasOnly(x, ['seed', 'target', 'start', 'learningRate', 'tolerance', 'maxSteps']) &&
  ['seed', 'learningRate', 'tolerance'].every((k) => optional(x[k], isNum)) &&
  optional(x.maxSteps, (v) => isInt(v, 1) && v <= 1_000_000) &&
  optional(x.target, isPoint) &&
  optional(x.start, isPoint);

/**
 * Every field of every kind is checked and nothing else is allowed: the input
 * comes back from the webview's saved state after a reload, and the host
 * recomputes from it.
 */
export function isPanelInput(x: unknown): x is PanelInput {
  if (!isObj(x) || !optional(x.source, (v) => isStr(v, SHORT))) return false;
  switch (x.kind) {
    case 'svd':
      return isStr(x.text) && only(x, ['text']);
    case 'pca':
      return (
        isStr(x.text) &&
        isInt(x.components, 1) &&
        typeof x.transpose === 'boolean' &&
        Array.isArray(x.edits) &&
        x.edits.length <= 100_000 &&
        x.edits.every((e) => isObj(e) && isInt(e.index) && isPoint(e.point) && hasOnly(e, ['index', 'point'])) &&
        only(x, ['text', 'components', 'transpose', 'edits'])
      );
    case 'activation':
      return isStr(x.name, 40) && optional(x.params, isParams) && optional(x.compare, (v) => isStr(v, 40)) && only(x, ['name', 'params', 'compare']);
    case 'cross-entropy':
      return optional(x.options, isCrossEntropyOptions) && only(x, ['options']);
    case 'sigmoid-zigzag':
      return optional(x.options, isZigzagOptions) && only(x, ['options']);
    case 'derivative':
      return isStr(x.expression, 10_000) && only(x, ['expression']);
    case 'image':
      return (
        isStr(x.uri, 10_000) &&
        isStr(x.fileName, SHORT) &&
        (x.mode === 'gray' || x.mode === 'rgb') &&
        isInt(x.k, 1) &&
        isInt(x.kMax, 1) &&
        only(x, ['uri', 'fileName', 'mode', 'k', 'kMax'])
      );
    case 'problem':
      return (
        isStr(x.text) &&
        isStr(x.id, SHORT) &&
        optional(x.optimizer, (v) => v === 'adam') &&
        optional(x.check, (v) => typeof v === 'boolean') &&
        only(x, ['text', 'id', 'optimizer', 'check'])
      );
    default:
      return false;
  }
}

export function isViewState(x: unknown): x is ViewState {
  return (
    isObj(x) &&
    isInt(x.step) &&
    (x.mode === 'step' || x.mode === 'all') &&
    (x.k === undefined || isInt(x.k, 1)) &&
    hasOnly(x, ['step', 'mode', 'k'])
  );
}

export function isPersistedState(x: unknown): x is PersistedState {
  return isObj(x) && x.version === 1 && isPanelInput(x.input) && isViewState(x.view);
}

const TOPIC_KINDS = ['svd', 'pca', 'image', 'activation', 'cross-entropy', 'sigmoid-zigzag', 'derivative', 'optimize', 'gd', 'gd-compare'];
const INTERACTIVE_TYPES = ['svd-truncation', 'pca-scatter', 'activation-explorer', 'loop-code'];

const isCell = (c: unknown) => isStr(c) || isNum(c);
const isTable = (t: unknown) =>
  isObj(t) && optional(t.caption, isStr) && Array.isArray(t.columns) && t.columns.every((c) => isStr(c)) && Array.isArray(t.rows) && t.rows.every((r) => Array.isArray(r) && r.every(isCell));
const isHighlight = (h: unknown) =>
  isObj(h) && isStr(h.matrix) && optional(h.note, isStr) && Array.isArray(h.cells) && h.cells.every((c) => Array.isArray(c) && c.length === 2 && c.every((i) => isInt(i)));

function isStep(x: unknown): boolean {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.title) &&
    isStr(x.tex) &&
    isStr(x.text) &&
    optional(x.highlights, (hs) => Array.isArray(hs) && hs.every(isHighlight)) &&
    optional(x.plot, (p) => isObj(p) && (p.type === 'line' || p.type === 'bar' || p.type === 'contour') && isStr(p.title)) &&
    optional(x.table, isTable)
  );
}

export function isDerivation(x: unknown): x is Derivation {
  return (
    isObj(x) &&
    isStr(x.kind) &&
    TOPIC_KINDS.includes(x.kind) &&
    isStr(x.title) &&
    Array.isArray(x.steps) &&
    x.steps.every(isStep) &&
    Array.isArray(x.warnings) &&
    x.warnings.every((w) => isStr(w)) &&
    (x.interactive === undefined || (isObj(x.interactive) && INTERACTIVE_TYPES.includes(String(x.interactive.type))))
  );
}

const nullableRank = (x: unknown) => x === null || isInt(x, 1);

/** Every typed array must have exactly the size the dimensions promise, so the renderer can index without checks. */
export function isImagePayload(x: unknown): x is ImagePayload {
  if (!isObj(x) || !isStr(x.fileName) || !isInt(x.width, 1) || !isInt(x.height, 1) || !isInt(x.kMax, 1) || !isInt(x.k, 1)) return false;
  // Bounded before multiplying, so the size checks below cannot overflow into a false match.
  if ((x.width as number) > 1 << 15 || (x.height as number) > 1 << 15 || (x.kMax as number) > 1 << 15) return false;
  if ((x.mode !== 'gray' && x.mode !== 'rgb') || typeof x.approximate !== 'boolean') return false;
  const { width, height, kMax } = x as { width: number; height: number; kMax: number };
  if (!(x.original instanceof Uint8Array) || x.original.length !== width * height * (x.mode === 'gray' ? 1 : 3)) return false;
  const channels = x.channels;
  if (!Array.isArray(channels) || channels.length !== (x.mode === 'gray' ? 1 : 3)) return false;
  const channelOk = (c: unknown) =>
    isObj(c) &&
    c.sigma instanceof Float64Array && c.sigma.length === kMax &&
    c.U instanceof Float32Array && c.U.length === height * kMax &&
    c.V instanceof Float32Array && c.V.length === width * kMax &&
    isNum(c.frobeniusSq);
  const ranks = x.energyRanks;
  return (
    channels.every(channelOk) &&
    isObj(ranks) && nullableRank(ranks.p90) && nullableRank(ranks.p95) && nullableRank(ranks.p99) &&
    Array.isArray(x.layers) &&
    x.layers.every(
      (l) =>
        isObj(l) && isInt(l.index, 1) && isInt(l.width, 1) && isInt(l.height, 1) &&
        (l.width as number) <= width && (l.height as number) <= height &&
        l.rgba instanceof Uint8Array && l.rgba.length === (l.width as number) * (l.height as number) * 4,
    )
  );
}

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'show':
      return isPanelInput(x.input) && isDerivation(x.derivation) && isViewState(x.view) && isInt(x.precision, 1);
    case 'busy':
    case 'error':
      return isStr(x.message);
    case 'truncation':
      return isInt(x.k, 1) && isMatrix(x.matrix);
    case 'update':
      return isPanelInput(x.input) && isDerivation(x.derivation);
    case 'image':
      return isImagePayload(x.payload);
    case 'navigate':
      return x.to === 'next' || x.to === 'previous' || x.to === 'first' || x.to === 'last';
    default:
      return false;
  }
}

export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'exportMarkdown':
    case 'transpose':
    case 'resetEdits':
      return hasOnly(x, ['type']);
    case 'editPoint':
      return isInt(x.index) && isPoint(x.point) && hasOnly(x, ['type', 'index', 'point']);
    case 'saveImage':
      return isInt(x.k, 1) && hasOnly(x, ['type', 'k']);
    case 'moreComponents':
      return hasOnly(x, ['type']);
    case 'explorerChange':
      return (
        isStr(x.name) &&
        x.name.length <= 40 &&
        isParams(x.params) &&
        (x.compare === undefined || (isStr(x.compare) && x.compare.length <= 40)) &&
        hasOnly(x, ['type', 'name', 'params', 'compare'])
      );
    case 'viewChanged':
      return isViewState(x.view) && hasOnly(x, ['type', 'view']);
    case 'requestTruncation':
      return isInt(x.k, 1) && hasOnly(x, ['type', 'k']);
    case 'copyTex':
      return isInt(x.step) && hasOnly(x, ['type', 'step']);
    default:
      return false;
  }
}
