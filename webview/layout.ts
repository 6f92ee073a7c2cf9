/**
 * The panel's fixed frame, built once: title, toolbar (navigation, mode,
 * export), status (busy / error), warnings, step list and content.
 * The ids here are the DOM contract the UI tests rely on.
 */
import { h } from './dom';

function button(id: string, label: string, ariaLabel: string, secondary = true): HTMLElement {
  return h('vscode-button', { id, text: label, attrs: { 'aria-label': ariaLabel, ...(secondary ? { secondary: '' } : {}) } });
}

export function buildLayout(root: HTMLElement) {
  const title = h('h1', { id: 'derivation-title', class: 'derivation-title' });
  const source = h('p', { class: 'derivation-source' });
  const prev = button('prev', '‹ Previous', 'Previous step (Left arrow)');
  const next = button('next', 'Next ›', 'Next step (Right arrow)', false);
  const counter = h('span', { id: 'step-counter', class: 'step-counter' });
  const modeToggle = button('mode-toggle', 'Whole derivation', 'Whole derivation: every step on one page');
  modeToggle.setAttribute('aria-pressed', 'false');
  const exportMd = button('export-md', 'Export as Markdown', 'Export as Markdown');
  const toolbar = h(
    'div',
    { class: 'toolbar', attrs: { role: 'group', 'aria-label': 'Derivation controls' } },
    h('div', { class: 'toolbar-nav' }, prev, counter, next),
    h('div', { class: 'toolbar-actions' }, modeToggle, exportMd),
  );
  const status = h('div', { id: 'status', class: 'status' });
  const warnings = h('ul', { class: 'warnings', attrs: { 'aria-label': 'Caveats' } });
  const stepList = h('ol', { class: 'step-list' });
  const stepNav = h(
    'details',
    { class: 'step-nav' },
    h('summary', { class: 'step-nav-summary', text: 'Steps' }),
    h('nav', { attrs: { 'aria-label': 'Steps' } }, stepList),
  );
  const steps = h('div', { id: 'steps', class: 'steps' });
  const interactive = h('div', { class: 'interactive' });
  const content = h('main', { id: 'content', class: 'content' }, steps, interactive);
  // Announces "Step i of n: title" after navigation without moving focus.
  const announcer = h('div', { class: 'sr-only', attrs: { 'aria-live': 'polite', role: 'status' } });
  const derivation = h(
    'div',
    { class: 'derivation', attrs: { hidden: '' } },
    h('header', { class: 'panel-header' }, title, source),
    toolbar,
    warnings,
    h('div', { class: 'layout' }, stepNav, content),
  );
  // Until the host's first message ("Computing…", a derivation or an error): the shell's own text.
  const empty = h('p', { class: 'empty', text: 'Loading…' });
  root.replaceChildren(status, empty, derivation, announcer);

  // Wide panels show the list as a sidebar (always open); narrow ones fold it away.
  const wide = window.matchMedia('(min-width: 720px)');
  const fold = () => (stepNav.open = wide.matches);
  wide.addEventListener('change', fold);
  fold();

  return { title, source, prev, next, counter, modeToggle, exportMd, status, warnings, stepList, steps, interactive, announcer, derivation, empty };
}

export type Layout = ReturnType<typeof buildLayout>;
