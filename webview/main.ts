/**
 * Entry point of the MDL Steps webview. It holds no maths: it draws what the
 * host sends, keeps track of where the student is (step, mode, k), persists
 * that with setState and reports it with `viewChanged`.
 */
import './styles.css';
import './elements';
import { isHostMessage, type HostMessage, type ImagePayload, type PanelInput, type ViewState } from '../src/protocol';
import type { Derivation } from '../src/core/derivation';
import { ActivationExplorerPanel, isUsableActivationExplorer } from './activationExplorer';
import { afterPaint, h } from './dom';
import { buildLayout } from './layout';
import { forgetDetachedCharts } from './liveChart';
import { ImageExplorer, samePicture } from './imageExplorer';
import { isUsableLoopCode, LoopCodePanel } from './loopCode';
import { isUsableScatter, linkTableHover, markSampleRows, PcaExplorer } from './pca';
import { stepArticle } from './stepView';
import { prepareTables } from './tables';
import { isUsableTruncation, TruncationExplorer } from './truncation';
import { loadState, post, saveState } from './vscodeApi';

interface Shown {
  input: PanelInput;
  derivation: Derivation;
  precision: number;
  /** Built on first visit and kept, so going back does not typeset again. */
  articles: Map<number, HTMLElement>;
  /** The step each cached article was drawn from (JSON), so an update rebuilds only the steps that changed. */
  drawnFrom: Map<number, string>;
  explorer?: TruncationExplorer;
  pca?: PcaExplorer;
  activation?: ActivationExplorerPanel;
  loop?: LoopCodePanel;
}

const ui = buildLayout(document.getElementById('app') ?? document.body);
let shown: Shown | undefined;
let view: ViewState = { step: 0, mode: 'step' };
let busy = false;
/** Image compression: drawn below the steps, kept across show/update of an image derivation. */
let image: ImageExplorer | undefined;
/** The rank a restored image panel was left at; applied when its factors arrive. */
let restoredImageK: number | undefined;
const imageHost = h('div', { class: 'image-host' });
ui.interactive.after(imageHost);

// ---------------------------------------------------------------------------
// Host messages

function handle(msg: HostMessage): void {
  switch (msg.type) {
    case 'show':
      return show(msg.input, msg.derivation, msg.view, msg.precision);
    case 'busy':
      return setBusy(msg.message);
    case 'error':
      return setError(msg.message);
    case 'truncation':
      return shown?.explorer?.receive(msg.k, msg.matrix);
    case 'update':
      return update(msg.input, msg.derivation);
    case 'image':
      return showImage(msg.payload);
    case 'navigate': {
      if (!shown || busy) return;
      const last = shown.derivation.steps.length - 1;
      const to = { next: view.step + 1, previous: view.step - 1, first: 0, last }[msg.to];
      return goTo(to);
    }
  }
}

function show(input: PanelInput, derivation: Derivation, requested: ViewState, precision: number): void {
  const n = derivation.steps.length;
  if (derivation.kind !== 'image') dropImage();
  shown = { input, derivation, precision, articles: new Map(), drawnFrom: new Map() };
  window.clearTimeout(refreshTimer);
  busy = false;
  ui.status.replaceChildren();
  view = { step: Math.max(0, Math.min(n - 1, requested.step)), mode: requested.mode };
  if (image) view.k = image.currentK;
  // After a reload the factors come in a separate message: remember the rank the student had.
  restoredImageK = derivation.kind === 'image' && !image ? requested.k : undefined;

  const source = 'source' in input ? input.source : undefined;
  ui.source.textContent = source ? `From ${source}` : '';
  ui.source.hidden = !source;
  showFrame(derivation);

  const spec = derivation.interactive;
  if (spec?.type === 'pca-scatter' && input.kind === 'pca' && isUsableScatter(spec)) {
    shown.pca = new PcaExplorer(spec, input, derivation, ui.steps, post);
    ui.interactive.replaceChildren(shown.pca.element);
  } else if (spec?.type === 'svd-truncation' && isUsableTruncation(spec)) {
    shown.explorer = new TruncationExplorer(spec, precision, requested.k, {
      onK: (k) => {
        view.k = k;
        reportSoon();
      },
      request: (k) => post({ type: 'requestTruncation', k }),
    });
    view.k = shown.explorer.currentK;
    ui.interactive.replaceChildren(shown.explorer.element);
  } else if (spec?.type === 'activation-explorer' && isUsableActivationExplorer(spec)) {
    shown.activation = new ActivationExplorerPanel(spec, post);
    ui.interactive.replaceChildren(shown.activation.element);
  } else if (spec?.type === 'loop-code' && isUsableLoopCode(spec)) {
    shown.loop = new LoopCodePanel(spec);
    ui.interactive.replaceChildren(shown.loop.element);
  } else {
    if (spec) console.warn('MDL Steps: ignoring malformed interactive data');
    ui.interactive.replaceChildren();
  }

  ui.empty.hidden = true;
  ui.derivation.hidden = n === 0;
  if (n === 0) ui.status.replaceChildren(h('p', { class: 'empty', text: 'This derivation has no steps.' }));
  persist();
  // A new picture's factors follow in the next message: let them reach the canvas before
  // the first step is typeset (tens of milliseconds that would hold the picture back).
  if (derivation.kind === 'image' && !image) deferSteps();
  else renderShownSteps();
}

function renderShownSteps(): void {
  window.clearTimeout(stepsTimer);
  stepsTimer = 0;
  renderSteps();
  if (view.mode === 'all') scrollToCurrent();
  forgetDetachedCharts();
  document.body.dataset.ready = 'true';
}

/** Set while an image derivation's steps wait for its picture; the timer is the fallback if no picture comes. */
let stepsTimer = 0;
const STEPS_WAIT_MS = 1500;

function deferSteps(): void {
  window.clearTimeout(stepsTimer);
  stepsTimer = window.setTimeout(renderShownSteps, STEPS_WAIT_MS);
}

function showImage(payload: ImagePayload): void {
  // More components for the same picture keep the rank the student chose.
  const k = image && samePicture(image.payload, payload) ? image.currentK : Math.min(payload.kMax, restoredImageK ?? payload.k);
  restoredImageK = undefined;
  image?.dispose();
  image = new ImageExplorer(payload, {
    k,
    post,
    onK: (next) => {
      view.k = next;
      reportSoon();
    },
  });
  view.k = image.currentK;
  if (stepsTimer) afterPaint(() => stepsTimer && renderShownSteps());
  imageHost.replaceChildren(image.element);
  reportSoon(); // persist the rank with the view, so a reload comes back to it
}

function dropImage(): void {
  image?.dispose();
  image = undefined;
  imageHost.replaceChildren();
}

/** What the frame was drawn from, so an update redraws it only when it changes. */
let frameDrawnFrom = '';
const frameKey = (d: Derivation) => JSON.stringify([d.title, d.warnings, d.steps.map((st) => st.title)]);

/** Title, warnings and step list: the parts of the frame that come from the derivation. */
function showFrame(derivation: Derivation): void {
  frameDrawnFrom = frameKey(derivation);
  ui.title.textContent = derivation.title;
  ui.warnings.replaceChildren(...derivation.warnings.map((w) => h('li', { class: 'warning', text: w, attrs: { role: 'note' } })));
  ui.warnings.hidden = derivation.warnings.length === 0;
  ui.stepList.replaceChildren(
    ...derivation.steps.map((step, i) => {
      const link = h(
        'button',
        { class: 'step-link', attrs: { type: 'button' } },
        h('span', { class: 'step-number', text: String(i + 1), attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'step-link-title', text: step.title }),
      );
      link.addEventListener('click', () => goTo(i));
      return h('li', {}, link);
    }),
  );
}

// ---------------------------------------------------------------------------
// Updates: the same panel recomputed after a small change (a dragged point)

/** Steps are retypeset this long after the last update, so a drag does not typeset 30 times a second. */
const REFRESH_DELAY_MS = 150;
let refreshTimer: number | undefined;

function update(input: PanelInput, derivation: Derivation): void {
  if (!shown || busy) return;
  const spec = derivation.interactive;
  // Anything the explorer cannot take in place (a transposed table with more features…) is a fresh show.
  if (shown.pca && input.kind === 'pca' && spec?.type === 'pca-scatter' && isUsableScatter(spec) && spec.space === shown.pca.space) {
    shown.pca.update(input, spec, derivation);
  } else if (shown.activation && spec?.type === 'activation-explorer' && isUsableActivationExplorer(spec)) {
    shown.activation.update(spec);
  } else {
    return show(input, derivation, { ...view }, shown.precision);
  }
  shown.input = input;
  shown.derivation = derivation;
  // An error from an earlier change (parameters the host refused) no longer applies.
  ui.status.replaceChildren();
  persist();
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(refreshSteps, REFRESH_DELAY_MS);
}

/** Redraws the steps whose content changed, keeping the step, the mode and what the reader is looking at. */
function refreshSteps(): void {
  if (!shown) return;
  // Typesetting takes the main thread for a moment; not in the middle of a drag.
  if (shown.pca?.dragging || shown.activation?.dragging) return void (refreshTimer = window.setTimeout(refreshSteps, REFRESH_DELAY_MS));
  const s = shown;
  const n = s.derivation.steps.length;
  let changed = false;
  for (const [i, json] of s.drawnFrom) {
    if (i < n && JSON.stringify(s.derivation.steps[i]) === json) continue;
    s.articles.delete(i);
    s.drawnFrom.delete(i);
    changed = true;
  }
  if (view.step >= n) view.step = Math.max(0, n - 1);
  if (frameKey(s.derivation) !== frameDrawnFrom) {
    showFrame(s.derivation);
    markCurrent();
  }
  if (!changed) return;
  // Anchor on the explorer when the reader is at it, else on the current step, so nothing moves under them.
  const anchor = ui.interactive.getBoundingClientRect().top < window.innerHeight / 2 ? ui.interactive : currentArticle();
  const before = anchor?.getBoundingClientRect().top;
  renderSteps();
  s.pca?.relink();
  const after = (anchor === ui.interactive ? anchor : currentArticle())?.getBoundingClientRect().top;
  if (before !== undefined && after !== undefined && after !== before) {
    scrollQuietUntil = performance.now() + 400;
    window.scrollBy({ top: after - before });
  }
}

function setBusy(message: string): void {
  busy = true;
  ui.status.replaceChildren(
    h('div', { class: 'busy', attrs: { role: 'status' } }, h('vscode-progress-ring', { attrs: { 'aria-label': 'Working' } }), h('span', { class: 'busy-message', text: message })),
  );
  ui.derivation.hidden = true;
  ui.empty.hidden = true;
}

/** The error replaces any busy indicator; a derivation shown before stays usable below it. */
function setError(message: string): void {
  busy = false;
  // A change the explorer asked for was refused: say so by its controls, where the student is looking.
  if (shown?.activation?.showError(message)) return void ui.status.replaceChildren();
  image?.moreFailed();
  ui.status.replaceChildren(h('div', { id: 'error', class: 'error', text: message, attrs: { role: 'alert' } }));
  ui.derivation.hidden = !shown;
  ui.empty.hidden = true;
}

// ---------------------------------------------------------------------------
// Drawing steps

function article(i: number): HTMLElement {
  const s = shown!;
  let a = s.articles.get(i);
  if (!a) {
    a = stepArticle(s.derivation.steps[i], { index: i, total: s.derivation.steps.length, precision: s.precision, onCopy: (step) => post({ type: 'copyTex', step }) });
    if (s.derivation.kind === 'pca') markSampleRows(a);
    prepareTables(a);
    s.articles.set(i, a);
    s.drawnFrom.set(i, JSON.stringify(s.derivation.steps[i]));
  }
  return a;
}

/** Puts the current step (or every step) on the page. */
function renderSteps(): void {
  if (!shown || shown.derivation.steps.length === 0) return;
  const focusWasInStep = ui.steps.contains(document.activeElement);
  if (view.mode === 'step') ui.steps.replaceChildren(article(view.step));
  else ui.steps.replaceChildren(...shown.derivation.steps.map((_, i) => article(i)));
  markCurrent();
  watchScrolling();
  markScrollableMath();
  // Focus inside the old step would be lost with it; put it on the new step's heading.
  if (focusWasInStep) currentArticle()?.querySelector<HTMLElement>('.step-heading')?.focus();
}

/** Formulas wider than the panel scroll sideways; make those reachable (and scrollable) by keyboard. */
function markScrollableMath(): void {
  for (const math of ui.steps.querySelectorAll<HTMLElement>('.math')) {
    const scrolls = math.scrollWidth > math.clientWidth + 1;
    if (scrolls === math.hasAttribute('tabindex')) continue;
    if (scrolls) {
      math.setAttribute('tabindex', '0');
      math.setAttribute('role', 'region');
      math.setAttribute('aria-label', 'Formula, scrolls sideways');
    } else {
      for (const a of ['tabindex', 'role', 'aria-label']) math.removeAttribute(a);
    }
  }
}

function currentArticle(): HTMLElement | undefined {
  return shown?.articles.get(view.step);
}

/** Counter, buttons, list and the ids the tests use all follow the current step. */
function markCurrent(): void {
  if (!shown) return;
  const n = shown.derivation.steps.length;
  const i = view.step;
  ui.counter.textContent = `Step ${i + 1} of ${n}`;
  ui.prev.toggleAttribute('disabled', i === 0);
  ui.next.toggleAttribute('disabled', i === n - 1);
  ui.modeToggle.setAttribute('aria-pressed', String(view.mode === 'all'));
  ui.modeToggle.toggleAttribute('secondary', view.mode !== 'all');
  document.body.classList.toggle('mode-all', view.mode === 'all');
  ui.stepList.querySelectorAll('.step-link').forEach((link, j) => {
    if (j === i) link.setAttribute('aria-current', 'step');
    else link.removeAttribute('aria-current');
  });
  // Cached steps keep their ids while off the page; clear them all, or whole-derivation mode would repeat them.
  const ids: Record<string, string> = { 'step-title': '.step-heading', 'copy-tex': '.copy-tex', 'run-slider': '.run-slider', 'run-play': '.run-play' };
  for (const a of shown.articles.values()) for (const el of a.querySelectorAll(Object.keys(ids).map((id) => `#${id}`).join(', '))) el.removeAttribute('id');
  const current = currentArticle();
  for (const [id, selector] of Object.entries(ids)) current?.querySelector(selector)?.setAttribute('id', id);
  shown.loop?.showStep(shown.derivation.steps[i].id, shown.derivation.steps[i].title);
  shown.articles.forEach((a, j) => a.classList.toggle('current', j === i && view.mode === 'all'));
  ui.announcer.textContent = `Step ${i + 1} of ${n}: ${shown.derivation.steps[i].title}`;
  rescueFocus();
}

/** A keyboard user on Next when it becomes disabled (last step) would be stranded; move them somewhere useful. */
function rescueFocus(): void {
  const focused = document.activeElement;
  if ((focused !== ui.prev && focused !== ui.next) || !focused.hasAttribute('disabled')) return;
  const other = focused === ui.prev ? ui.next : ui.prev;
  if (!other.hasAttribute('disabled')) other.focus();
  else currentArticle()?.querySelector<HTMLElement>('.step-heading')?.focus();
}

// ---------------------------------------------------------------------------
// Moving around

/** Scroll tracking is ignored briefly after we scroll ourselves. */
let scrollQuietUntil = 0;
let scrollObserver: IntersectionObserver | undefined;

function goTo(step: number): void {
  if (!shown || busy) return;
  const target = Math.max(0, Math.min(shown.derivation.steps.length - 1, step));
  if (target === view.step) return;
  view.step = target;
  if (view.mode === 'step') {
    renderSteps();
    window.scrollTo({ top: 0 });
  } else {
    markCurrent();
    scrollToCurrent();
  }
  report();
}

/** Whole-derivation mode: bring the current step to the top without the scroll tracking fighting back. */
function scrollToCurrent(): void {
  scrollQuietUntil = performance.now() + 400;
  currentArticle()?.scrollIntoView({ block: 'start' });
}

function setMode(mode: ViewState['mode']): void {
  if (!shown || view.mode === mode) return;
  view.mode = mode;
  renderSteps();
  if (mode === 'all') scrollToCurrent();
  else window.scrollTo({ top: 0 });
  report();
}

/** In whole-derivation mode the current step follows the reader's scrolling. */
function watchScrolling(): void {
  scrollObserver?.disconnect();
  if (!shown || view.mode !== 'all') return;
  const visible = new Set<number>();
  scrollObserver = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const i = Number((e.target as HTMLElement).dataset.index);
        if (e.isIntersecting) visible.add(i);
        else visible.delete(i);
      }
      if (performance.now() < scrollQuietUntil || visible.size === 0) return;
      const top = Math.min(...visible);
      if (top === view.step) return;
      view.step = top;
      markCurrent();
      reportSoon();
    },
    // A band a third of the way down the panel: the step crossing it is "current".
    { rootMargin: '-30% 0px -65% 0px' },
  );
  for (const a of ui.steps.children) scrollObserver.observe(a);
}

// ---------------------------------------------------------------------------
// Persisting and reporting the view

/** Pending report for changes that come in bursts (slider drags, scrolling). */
let reportTimer: number | undefined;

function persist(): void {
  if (shown) saveState({ version: 1, input: shown.input, view: { ...view } });
}

function report(): void {
  window.clearTimeout(reportTimer);
  persist();
  post({ type: 'viewChanged', view: { ...view } });
}

function reportSoon(): void {
  window.clearTimeout(reportTimer);
  reportTimer = window.setTimeout(report, 150);
}

// ---------------------------------------------------------------------------
// Wiring

ui.prev.addEventListener('click', () => goTo(view.step - 1));
ui.next.addEventListener('click', () => goTo(view.step + 1));
ui.modeToggle.addEventListener('click', () => setMode(view.mode === 'all' ? 'step' : 'all'));
ui.exportMd.addEventListener('click', () => post({ type: 'exportMarkdown' }));
new ResizeObserver(() => markScrollableMath()).observe(ui.steps);
linkTableHover(ui.steps, (i) => shown?.pca?.hoverSample(i));

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !shown || busy) return;
  // The slider, text fields and scrollable tables need the arrow keys themselves.
  if ((e.target as Element).closest?.('input, textarea, select, [contenteditable], [role="region"]')) return;
  const moves = new Map([
    ['ArrowLeft', view.step - 1],
    ['ArrowRight', view.step + 1],
    ['Home', 0],
    ['End', shown.derivation.steps.length - 1],
  ]);
  const to = moves.get(e.key);
  if (to === undefined) return;
  e.preventDefault();
  goTo(to);
});

window.addEventListener('message', (event: MessageEvent) => {
  if (isHostMessage(event.data)) handle(event.data);
  else console.warn('MDL Steps: ignoring a message that is not in the protocol', event.data);
});

// After a window reload the host restores the panel and sends `show` again.
if (loadState()) ui.empty.textContent = 'Restoring the derivation…';
post({ type: 'ready' });
