/**
 * One derivation step as an <article>: title, typeset maths, highlighted
 * entries, explanation, then any table and plot. Each optional part is drawn
 * on its own so a malformed one cannot take the rest of the step with it.
 */
import type { Highlight, Step, TableSpec } from '../src/core/derivation';
import { h } from './dom';
import { clip, formatCell } from './format';
import { typeset, typesetInline } from './math';
import { plotFigure } from './plots';

const MAX_HIGHLIGHT_CELLS = 24;

const isCell = (c: unknown): c is [number, number] => Array.isArray(c) && c.length === 2 && c.every((n) => Number.isInteger(n) && n >= 0);

/** The protocol guard checks only that `highlights` is an array. */
function validHighlights(list: unknown[] | undefined): Highlight[] {
  return (list ?? []).filter((x): x is Highlight => {
    const hl = x as Partial<Highlight> | null;
    return (
      typeof hl === 'object' && hl !== null &&
      typeof hl.matrix === 'string' &&
      Array.isArray(hl.cells) && hl.cells.every(isCell) &&
      (hl.note === undefined || typeof hl.note === 'string')
    );
  });
}

/** "A: (1, 2), (2, 1) — note", 1-based like the maths on the page. */
function highlightList(highlights: Highlight[]): HTMLElement | null {
  if (highlights.length === 0) return null;
  return h(
    'ul',
    { class: 'highlights', attrs: { 'aria-label': 'Highlighted entries (row, column)' } },
    ...highlights.map((hl) => {
      const shown = hl.cells.slice(0, MAX_HIGHLIGHT_CELLS);
      const more = hl.cells.length - shown.length;
      return h(
        'li',
        { class: 'highlight' },
        h('span', { class: 'highlight-marker', attrs: { 'aria-hidden': 'true' } }),
        typesetInline(hl.matrix),
        h('span', { class: 'highlight-cells' }, ...shown.map(([r, c]) => h('span', { class: 'cell-chip', text: `(${r + 1}, ${c + 1})` })), more > 0 ? ` and ${more} more` : null),
        hl.note ? h('span', { class: 'highlight-note', text: hl.note }) : null,
      );
    }),
  );
}

function tableFigure(spec: TableSpec, precision: number): HTMLElement {
  const ok = spec.columns.every((c) => typeof c === 'string') && spec.rows.every((r) => Array.isArray(r) && r.every((v) => typeof v === 'string' || typeof v === 'number'));
  if (!ok) throw new Error('malformed table');
  const table = h(
    'table',
    { class: 'data-table' },
    spec.caption ? h('caption', { text: spec.caption }) : null,
    h('thead', {}, h('tr', {}, ...spec.columns.map((c) => h('th', { text: c, attrs: { scope: 'col' } })))),
    h('tbody', {}, ...spec.rows.map((row) => h('tr', {}, ...row.map((v) => h('td', { class: typeof v === 'number' ? 'num' : '', text: formatCell(v, precision) }))))),
  );
  // A focusable scroll region, so wide tables can be scrolled from the keyboard.
  return h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': clip(spec.caption ?? 'Table', 80) } }, table);
}

/** Draws one optional part; if its data is malformed, says so instead. */
function part(what: string, draw: () => HTMLElement | null): HTMLElement | null {
  try {
    return draw();
  } catch (err) {
    console.warn(`MDL Steps: could not draw a ${what}`, err);
    return h('p', { class: 'part-error', text: `This ${what} could not be drawn.` });
  }
}

export interface StepOptions {
  index: number;
  total: number;
  precision: number;
  onCopy: (index: number) => void;
}

export function stepArticle(step: Step, { index, total, precision, onCopy }: StepOptions): HTMLElement {
  const copy = h('vscode-button', { class: 'copy-tex', text: 'Copy LaTeX', attrs: { secondary: '', 'aria-label': `Copy LaTeX of step ${index + 1}` } });
  copy.addEventListener('click', () => onCopy(index));
  return h(
    'article',
    { class: 'step', attrs: { 'data-index': String(index) } },
    h(
      'header',
      { class: 'step-header' },
      h('p', { class: 'step-kicker', text: `Step ${index + 1} of ${total}` }),
      // tabindex -1: focus lands here after navigating, so screen readers read the new step.
      h('h2', { class: 'step-heading', text: step.title, attrs: { tabindex: '-1' } }),
      copy,
    ),
    typeset(step.tex),
    part('list of highlights', () => highlightList(validHighlights(step.highlights))),
    h('p', { class: 'step-text', text: step.text }),
    step.table ? part('table', () => tableFigure(step.table!, precision)) : null,
    step.plot ? part('plot', () => plotFigure(step.plot!, precision)) : null,
  );
}
