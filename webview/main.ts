/**
 * Entry point of the MDL Steps webview. It holds no maths: it draws what the
 * host sends, keeps track of where the student is (step, mode, k), persists
 * that with setState and reports it with `viewChanged`.
 */
import './styles.css';
import './elements';
import { isHostMessage, type HostMessage, type PanelInput, type ViewState } from '../src/protocol';
import type { Derivation } from '../src/core/derivation';
import { h } from './dom';
import { buildLayout } from './layout';
import { forgetDetachedCharts } from './liveChart';
import { stepArticle } from './stepView';
import { isUsableTruncation, TruncationExplorer } from './truncation';
import { loadState, post, saveState } from './vscodeApi';

interface Shown {
  input: PanelInput;
  derivation: Derivation;
  precision: number;
  /** Built on first visit and kept, so going back does not typeset again. */
  articles: Map<number, HTMLElement>;
  explorer?: TruncationExplorer;
}

const ui = buildLayout(document.getElementById('app') ?? document.body);
let shown: Shown | undefined;
let view: ViewState = { step: 0, mode: 'step' };
let busy = false;

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
  shown = { input, derivation, precision, articles: new Map() };
  busy = false;
  ui.status.replaceChildren();
  view = { step: Math.max(0, Math.min(n - 1, requested.step)), mode: requested.mode };

  ui.title.textContent = derivation.title;
  ui.source.textContent = input.source ? `From ${input.source}` : '';
  ui.source.hidden = !input.source;
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

  const spec = derivation.interactive;
  if (spec?.type === 'svd-truncation' && isUsableTruncation(spec)) {
    shown.explorer = new TruncationExplorer(spec, precision, requested.k, {
      onK: (k) => {
        view.k = k;
        reportSoon();
      },
      request: (k) => post({ type: 'requestTruncation', k }),
    });
    view.k = shown.explorer.currentK;
    ui.interactive.replaceChildren(shown.explorer.element);
  } else {
    if (spec) console.warn('MDL Steps: ignoring malformed interactive data');
    ui.interactive.replaceChildren();
  }

  ui.empty.hidden = true;
  ui.derivation.hidden = n === 0;
  if (n === 0) ui.status.replaceChildren(h('p', { class: 'empty', text: 'This derivation has no steps.' }));
  renderSteps();
  if (view.mode === 'all') scrollToCurrent();
  forgetDetachedCharts();
  persist();
  document.body.dataset.ready = 'true';
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
    s.articles.set(i, a);
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
  for (const id of ['step-title', 'copy-tex']) document.getElementById(id)?.removeAttribute('id');
  const current = currentArticle();
  current?.querySelector('.step-heading')?.setAttribute('id', 'step-title');
  current?.querySelector('.copy-tex')?.setAttribute('id', 'copy-tex');
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
