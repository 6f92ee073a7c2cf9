/**
 * The SVD truncation explorer: a k slider, the precomputed figures for rank k
 * (storage, ratio, both error norms), A beside A_k (numbers and heatmaps on a
 * shared scale) and the spectrum with k marked. A_k comes from the host on
 * request; this file only draws.
 */
import { plot, line, dot, ruleX, text } from '@observablehq/plot';
import type { SvdTruncation, TruncationLevel } from '../src/core/derivation';
import { h } from './dom';
import { formatNumber } from './format';
import { drawHeatmap, drawScaleKey, largestMagnitude } from './heatmap';
import { liveChart, redraw } from './liveChart';
import { typesetInline } from './math';
import { baseOptions, integerAxis, withoutInlineStyle } from './plots';
import type { Palette } from './theme';

/** Above this many columns (or rows) a grid of numbers is unreadable; only the heatmaps are shown. */
const MAX_GRID_COLS = 12;
const MAX_GRID_ROWS = 40;
const SPECTRUM_HEIGHT = 200;

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isShape = (m: unknown, rows: number, cols: number): m is number[][] =>
  Array.isArray(m) && m.length === rows && m.every((r) => Array.isArray(r) && r.length === cols && r.every(isNum));

/** The protocol guard checks only the tag; check everything drawn from. */
export function isUsableTruncation(t: SvdTruncation): boolean {
  const intOk = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  const fields: Array<keyof TruncationLevel> = ['k', 'storage', 'original', 'ratio', 'eckartYoung', 'direct'];
  const levelOk = (l: TruncationLevel) => typeof l === 'object' && l !== null && fields.every((f) => isNum(l[f]));
  return (
    intOk(t.rows) && intOk(t.cols) &&
    Array.isArray(t.singularValues) && t.singularValues.every(isNum) &&
    Array.isArray(t.levels) && t.levels.length >= 1 && t.levels.every(levelOk) &&
    (t.matrix === undefined || isShape(t.matrix, t.rows, t.cols))
  );
}

export interface ExplorerCallbacks {
  /** k moved (persist it and tell the host). */
  onK: (k: number) => void;
  /** A_k is needed and not cached. */
  request: (k: number) => void;
}

export class TruncationExplorer {
  readonly element: HTMLElement;
  readonly kMax: number;
  private k: number;
  private readonly cache = new Map<number, number[][]>();
  private readonly slider: HTMLInputElement;
  private readonly kOutput: HTMLOutputElement;
  private readonly figures: HTMLElement;
  private readonly cards: ReturnType<TruncationExplorer['buildFigures']>;
  private readonly matrices: HTMLElement;
  private readonly spectrum: HTMLElement;
  private readonly showGrid: boolean;
  private requestTimer: number | undefined;
  private lastDrawnK = 0;

  constructor(private readonly spec: SvdTruncation, private readonly precision: number, k: number | undefined, private readonly callbacks: ExplorerCallbacks) {
    this.kMax = Math.min(spec.rows, spec.cols, spec.levels.length);
    this.k = Math.max(1, Math.min(this.kMax, k ?? 1));
    this.showGrid = spec.cols <= MAX_GRID_COLS && spec.rows <= MAX_GRID_ROWS;

    this.slider = h('input', { id: 'k-slider', attrs: { type: 'range', min: '1', max: String(this.kMax), step: '1' } });
    this.slider.value = String(this.k);
    this.slider.disabled = this.kMax === 1;
    this.slider.addEventListener('input', () => this.moveTo(Number(this.slider.value)));
    this.kOutput = h('output', { id: 'k-output', class: 'k-output', attrs: { for: 'k-slider' } });

    this.figures = h('dl', { class: 'figures' });
    this.cards = this.buildFigures();
    this.matrices = h('div', { class: 'matrices' });
    this.spectrum = h('div', { class: 'chart chart-spectrum' });

    this.element = h(
      'section',
      { class: 'explorer', attrs: { 'aria-labelledby': 'explorer-heading' } },
      h('h2', { id: 'explorer-heading', class: 'explorer-heading', text: 'Explore: the best rank-k approximation' }),
      h(
        'p',
        { class: 'explorer-intro' },
        'Keep only the k largest singular values: ',
        typesetInline('A_k = \\sum_{i=1}^{k} \\sigma_i \\mathbf{u}_i \\mathbf{v}_i^\\mathsf{T}'),
        '. By the Eckart–Young theorem no matrix of rank k is closer to A.',
      ),
      h('div', { class: 'k-row' }, h('label', { class: 'k-label', text: 'Rank k', attrs: { for: 'k-slider' } }), this.slider, this.kOutput),
      this.figures,
      spec.matrix ? this.matrices : h('p', { class: 'explorer-note', text: 'A is too large to show here; the figures and the spectrum above still apply.' }),
      h('figure', { class: 'plot-figure' }, h('figcaption', { class: 'plot-title', text: 'Singular values: kept (i ≤ k) and dropped' }), this.spectrum),
    );

    liveChart(this.spectrum, (width, palette) => this.drawSpectrum(width, palette));
    if (spec.matrix) liveChart(this.matrices, (width, palette) => this.drawMatrices(width, palette));
    this.update();
  }

  get currentK(): number {
    return this.k;
  }

  /** The slider moved to rank k. */
  private moveTo(k: number): void {
    const next = Math.max(1, Math.min(this.kMax, Math.round(k)));
    if (next === this.k) return;
    this.k = next;
    this.update();
    this.callbacks.onK(next);
  }

  /** The host's reply to `requestTruncation`. */
  receive(k: number, matrix: number[][]): void {
    if (!isShape(matrix, this.spec.rows, this.spec.cols)) {
      console.warn('MDL Steps: ignoring a truncation of the wrong shape');
      return;
    }
    this.cache.set(k, matrix);
    if (k === this.k) redraw(this.matrices);
  }

  private update(): void {
    const { k, kMax } = this;
    this.slider.setAttribute('aria-valuetext', `k = ${k} of ${kMax}`);
    this.kOutput.textContent = `k = ${k} of ${kMax}`;
    this.renderFigures(this.spec.levels[k - 1]);
    redraw(this.spectrum);
    if (!this.spec.matrix) return;
    redraw(this.matrices);
    if (!this.cache.has(k)) {
      // Dragging the slider fires many events; ask only for where it comes to rest.
      window.clearTimeout(this.requestTimer);
      this.requestTimer = window.setTimeout(() => {
        if (!this.cache.has(this.k)) this.callbacks.request(this.k);
      }, 60);
    }
  }

  /** The five figure cards, built once; `update` only changes their numbers. */
  private buildFigures(): Record<'storage' | 'original' | 'ratio' | 'eckartYoung' | 'direct', { value: HTMLElement; detail: HTMLElement }> {
    const card = (term: Node | string, kind: 'storage' | 'ratio' | 'error') => {
      const value = h('span', { class: 'figure-value' });
      const detail = h('span', { class: 'figure-detail' });
      this.figures.append(h('div', { class: `figure figure-${kind}` }, h('dt', {}, term), h('dd', {}, value, detail)));
      return { value, detail };
    };
    const error = (how: string) => h('span', {}, 'Error ', typesetInline('\\|A - A_k\\|_F'), `, ${how}`);
    return {
      storage: card('Storage for Aₖ', 'storage'),
      original: card('Storage for A', 'storage'),
      ratio: card('Ratio', 'ratio'),
      eckartYoung: card(error('Eckart–Young'), 'error'),
      direct: card(error('direct'), 'error'),
    };
  }

  private renderFigures(level: TruncationLevel): void {
    const { rows: m, cols: n } = this.spec;
    const p = this.precision;
    const set = (key: keyof typeof this.cards, value: string, detail: string) => {
      this.cards[key].value.textContent = value;
      this.cards[key].detail.textContent = detail;
    };
    set('storage', `${level.storage} numbers`, `k(m + n + 1) = ${this.k}·(${m} + ${n} + 1)`);
    set('original', `${level.original} numbers`, `mn = ${m}·${n}`);
    set('ratio', formatNumber(level.ratio, 3), level.ratio <= 1 ? `${formatNumber(level.ratio * 100, 1)} % of the storage of A` : `${formatNumber(level.ratio, 2)} × the storage of A`);
    set('eckartYoung', formatNumber(level.eckartYoung, p, 'show'), 'from the dropped singular values');
    set('direct', formatNumber(level.direct, p, 'show'), 'from the entries of A − Aₖ');
  }

  private drawMatrices(width: number, palette: Palette): Node {
    const a = this.spec.matrix!;
    // Until the host answers, the last A_k received stays on screen, dimmed, so the layout does not jump.
    const ak = this.cache.get(this.k) ?? this.cache.get(this.lastDrawnK);
    const pending = !this.cache.has(this.k);
    if (!pending) this.lastDrawnK = this.k;
    const limit = largestMagnitude(a, ...(ak ? [ak] : []));
    const half = Math.max(60, Math.floor((width - 24) / 2));
    const panel = (name: string, tex: string, matrix: number[][] | undefined, busy = false) =>
      h(
        'figure',
        { class: 'matrix-figure', attrs: { 'aria-busy': String(busy) } },
        h('figcaption', {}, typesetInline(tex), busy ? h('span', { class: 'pending', text: ' computing…' }) : null),
        matrix && this.showGrid ? this.grid(matrix, name) : null,
        matrix ? drawHeatmap(matrix, name, half, palette, limit, this.precision) : h('div', { class: 'heatmap-pending' }),
      );
    return h(
      'div',
      { class: 'matrices-inner' },
      h('div', { class: 'matrix-pair' }, panel('A', 'A', a), panel(`A_${this.k}`, `A_{${this.k}}`, ak, pending)),
      drawScaleKey(palette, limit, width),
    );
  }

  private grid(matrix: number[][], name: string): HTMLElement {
    return h(
      'table',
      { class: 'matrix-grid', attrs: { 'aria-label': `Entries of ${name}` } },
      h('tbody', {}, ...matrix.map((row) => h('tr', {}, ...row.map((v) => h('td', { text: formatNumber(v, this.precision) }))))),
    );
  }

  private drawSpectrum(width: number, palette: Palette): Node {
    const k = this.k;
    const data = this.spec.singularValues.map((s, i) => ({ i: i + 1, s }));
    const kept = data.slice(0, k);
    // The dropped part starts at the last kept point so the line is unbroken.
    const dropped = data.slice(Math.max(0, k - 1));
    const dots = data.length <= 60;
    const keptColour = palette.series[0];
    return withoutInlineStyle(
      plot({
        ...baseOptions(Math.min(width, 760), SPECTRUM_HEIGHT, palette),
        ariaLabel: 'Singular values',
        ariaDescription: `${data.length} singular values; the first ${k} are kept.`,
        x: { label: 'i', labelAnchor: 'center', labelArrow: 'none', domain: [0.5, data.length + 0.5], ...integerAxis(data.map((d) => d.i)) },
        y: { label: 'σᵢ', labelArrow: 'none', grid: true, nice: true, zero: true },
        marks: [
          line(dropped, { x: 'i', y: 's', stroke: palette.muted, strokeDasharray: '4,3' }),
          line(kept, { x: 'i', y: 's', stroke: keptColour, strokeWidth: 2 }),
          dots ? dot(dropped.slice(k > 0 ? 1 : 0), { x: 'i', y: 's', r: 4, fill: palette.background, stroke: palette.muted, strokeWidth: 1.5 }) : null,
          dots ? dot(kept, { x: 'i', y: 's', r: 4.5, fill: keptColour }) : null,
          ruleX([k + 0.5], { stroke: palette.foreground, strokeDasharray: '2,3', strokeOpacity: 0.8 }),
          text([k + 0.5], { x: (d: number) => d, frameAnchor: 'top', text: () => `k = ${k}`, textAnchor: 'start', dx: 5, dy: 2, fill: palette.foreground }),
        ],
      }),
    );
  }
}
