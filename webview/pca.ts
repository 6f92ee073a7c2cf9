/**
 * The PCA explorer: the data with its principal axes (two features) or the
 * scores on PC1 against PC2 (more), linked to the step tables by sample.
 * Points can be dragged (pointer or arrow keys) when the host allows it; the
 * webview only reports where a point went and redraws what the host sends
 * back, so no maths happens here.
 */
import type { Derivation, PcaScatter } from '../src/core/derivation';
import type { PcaInput, WebviewMessage } from '../src/protocol';
import { h } from './dom';
import { liveChart, redraw } from './liveChart';
import { drawNumberLine, drawScatter, equalAspect, extentOf, fitsSnugly, formatScore, pointRadius, type Drawn, type Extent, type Frame } from './pcaPlot';
import type { Palette } from './theme';

type Pt = [number, number];

/** A pointer within this many pixels of a point is "on" it (points are small targets). */
const HIT_RADIUS = 18;
/** Drags report at most this often (the host recomputes the whole derivation each time). */
const POST_INTERVAL_MS = 33;
/** A locally moved point waits this long for the host's echo before it gives up. */
const ECHO_TIMEOUT_MS = 1500;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPt = (p: unknown): p is Pt => Array.isArray(p) && p.length === 2 && p.every(isNum);
const isPts = (a: unknown): a is Pt[] => Array.isArray(a) && a.every(isPt);

/** The protocol guard checks only the tag; check everything drawn from. */
export function isUsableScatter(s: PcaScatter): boolean {
  const axesOk = s.axes === undefined || (Array.isArray(s.axes) && s.axes.every((a) => isPt(a?.from) && isPt(a?.to) && typeof a.label === 'string'));
  return (
    (s.space === 'data' || s.space === 'scores') &&
    typeof s.xLabel === 'string' && typeof s.yLabel === 'string' &&
    isPts(s.points) &&
    Array.isArray(s.scores) && s.scores.every(isNum) && s.scores.length >= s.points.length &&
    (s.mean === undefined || isPt(s.mean)) &&
    axesOk &&
    (s.feet === undefined || isPts(s.feet)) &&
    typeof s.editable === 'boolean' &&
    (s.orientation === 'samples-as-rows' || s.orientation === 'features-as-rows')
  );
}

// ---------------------------------------------------------------------------
// Linking to the step tables (rendered by stepView, which knows nothing of PCA)

/** PCA's tables list one sample per row under a "sample" column; mark each row with its sample's index. */
export function markSampleRows(article: HTMLElement): void {
  for (const table of article.querySelectorAll('table.data-table')) {
    if (table.querySelector('thead th')?.textContent !== 'sample') continue;
    table.querySelectorAll('tbody tr').forEach((tr, i) => tr.setAttribute('data-sample-index', String(i)));
  }
}

/** Calls `onHover` with the sample under the pointer in `root`'s tables (undefined when none). Set up once. */
export function linkTableHover(root: HTMLElement, onHover: (index: number | undefined) => void): void {
  let last: number | undefined;
  const report = (i: number | undefined) => {
    if (i !== last) onHover((last = i));
  };
  root.addEventListener('pointerover', (e) => {
    const row = (e.target as Element).closest?.('tr[data-sample-index]');
    report(row ? Number(row.getAttribute('data-sample-index')) : undefined);
  });
  root.addEventListener('pointerleave', () => report(undefined));
}

// ---------------------------------------------------------------------------

const ORIENTATION: Record<PcaScatter['orientation'], string> = {
  'features-as-rows': 'Features as rows, examples as columns',
  'samples-as-rows': 'Samples as rows',
};

/** The first table with a "sample" column names the samples (the data table). */
function sampleNames(derivation: Derivation): string[] {
  const table = derivation.steps.find((s) => s.table?.columns[0] === 'sample')?.table;
  return (table?.rows ?? []).map((r) => String(r[0] ?? ''));
}

/** A tidy step for keyboard moves: a power of ten near 1/60 of the visible range. */
const keyStep = (span: number) => 10 ** Math.floor(Math.log10(span / 60));

export class PcaExplorer {
  readonly element: HTMLElement;
  readonly space: PcaScatter['space'];
  private spec: PcaScatter;
  private input: PcaInput;
  private names: string[];
  private readonly chart = h('div', { class: 'chart pca-chart' });
  private readonly editsNote = h('p', { class: 'pca-edits', attrs: { role: 'status' } });
  private readonly orientationText = h('span', { class: 'pca-orientation-text' });
  private readonly readout = h('p', { class: 'pca-readout', attrs: { 'aria-hidden': 'true' } });
  private scatter?: Drawn;
  private numberLine?: Drawn;
  private frame?: Frame;
  /** The box the plot shows; kept between redraws while the data still fits, so the view does not jump. */
  private extent?: Extent;
  private hovered?: number;
  private focused?: number;
  /** The point with the roving tabindex (the one Tab lands on). */
  private tabStop = 0;
  /** A point the student moved that the host has not echoed yet; drawn where the student put it. */
  private moved?: { index: number; point: Pt; since: number };
  private drag?: { index: number; pointerId: number; grab: Pt };
  private pendingPost?: { index: number; point: Pt };
  private postFrame = 0;
  private lastPost = -Infinity;
  private movedShown = -1;

  constructor(spec: PcaScatter, input: PcaInput, derivation: Derivation, private readonly stepsRoot: HTMLElement, private readonly send: (m: WebviewMessage) => void) {
    this.spec = spec;
    this.space = spec.space;
    this.input = input;
    this.names = sampleNames(derivation);

    const transpose = h('vscode-button', { class: 'pca-transpose', text: 'Transpose', attrs: { secondary: '', 'aria-label': 'Transpose: read the table the other way round' } });
    transpose.addEventListener('click', () => this.send({ type: 'transpose' }));
    const hint =
      spec.space === 'data'
        ? 'Each dot is a sample. The arrows start at the mean x̄ and follow the principal axes, each scaled by √λ (one standard deviation along it). The dashed segments drop each sample onto e₁; where they land, measured from x̄, is its PC1 score on the line below.'
        : 'With more than two features the data has no flat picture; this is each sample’s score on PC1 against PC2, the view the first two components keep.';
    const dragHint = spec.editable ? ' Drag a point, or focus it and use the arrow keys (Shift for larger steps, Tab for the next point): the axes follow. The document is not changed.' : '';
    this.chart.classList.toggle('is-editable', spec.editable);
    this.chart.setAttribute('role', 'group');
    this.chart.setAttribute('aria-label', spec.editable ? 'Samples: use the arrow keys to move the focused point, Tab for the next one' : 'Samples: use the arrow keys to go from point to point');

    this.element = h(
      'section',
      { class: 'explorer pca-explorer', attrs: { 'aria-labelledby': 'pca-heading' } },
      h('h2', { id: 'pca-heading', class: 'explorer-heading', text: 'Explore: the principal axes' }),
      h('p', { class: 'pca-orientation' }, h('span', { class: 'pca-orientation-label', text: 'Layout: ' }), this.orientationText, transpose),
      h('p', { class: 'explorer-intro', text: hint + dragHint }),
      this.editsNote,
      spec.points.length ? this.chart : h('p', { class: 'explorer-note', text: 'There are too many samples to draw; the steps above still apply.' }),
      this.readout,
    );
    this.renderNotes();
    liveChart(this.chart, (width, palette) => this.draw(width, palette));
    this.listen();
  }

  /**
   * The host's answer to an edit (or any change of the same kind): redraw now.
   * The redraw is timed as the `mdl-pca-redraw` measure (the preview reads it).
   */
  update(input: PcaInput, spec: PcaScatter, derivation: Derivation): void {
    const started = performance.now();
    this.input = input;
    this.spec = spec;
    this.names = sampleNames(derivation);
    // The locally moved point gives way once the host has it (or has dropped it: a reset).
    const echo = this.moved && input.edits.find((e) => e.index === this.moved!.index);
    if (this.moved && !this.drag && (!echo || echo.point.every((v, j) => Math.abs(v - this.moved!.point[j]) < 1e-9))) this.moved = undefined;
    this.renderNotes();
    redraw(this.chart);
    // Only the latest is kept: a long drag must not fill the performance timeline.
    performance.clearMeasures('mdl-pca-redraw');
    performance.measure('mdl-pca-redraw', { start: started, end: performance.now() });
  }

  /** The step tables were redrawn: mark the linked sample's rows again. */
  relink(): void {
    this.applyHighlight();
  }

  /** Highlight a sample from outside (a hovered table row); undefined clears. */
  hoverSample(index: number | undefined): void {
    this.hovered = index !== undefined && index < this.spec.points.length ? index : undefined;
    this.applyHighlight();
  }

  // -------------------------------------------------------------------------
  // Drawing

  private draw(width: number, palette: Palette): Node {
    const refocus = this.focused;
    if (this.moved && !this.drag && performance.now() - this.moved.since > ECHO_TIMEOUT_MS) this.moved = undefined;
    const points = this.points();
    const fresh = extentOf(this.spec, points);
    // While dragging the scales stay put, or the point would slide away from the pointer.
    if (!this.extent || (!this.drag && !fitsSnugly(fresh, this.extent))) this.extent = fresh;
    this.frame = equalAspect(this.extent, width);
    this.scatter = drawScatter(this.spec, points, this.frame, palette);
    this.numberLine = this.space === 'data' ? drawNumberLine(this.spec.scores.slice(0, points.length), this.frame, palette) : undefined;
    this.decoratePoints();
    for (const d of [this.scatter, this.numberLine]) if (d) d.svg.append(svgEl('circle', { class: 'pca-halo', r: '0' }));
    this.applyHighlight();
    // The old point had focus; the new drawing replaces it after this returns.
    if (refocus !== undefined) queueMicrotask(() => this.pointEl(refocus)?.focus({ preventScroll: true }));
    return h('div', { class: 'pca-chart-inner' }, this.scatter.svg, this.numberLine?.svg);
  }

  /** The host's points, with the one the student is moving where the student put it. */
  private points(): Pt[] {
    const pts = this.spec.points.slice();
    if (this.moved && this.moved.index < pts.length) pts[this.moved.index] = this.moved.point;
    return pts;
  }

  private decoratePoints(): void {
    const pts = this.points();
    this.tabStop = Math.min(this.tabStop, pts.length - 1);
    this.scatter?.svg.querySelectorAll<SVGCircleElement>('g.pca-points > circle').forEach((c, i) => {
      c.setAttribute('tabindex', i === this.tabStop ? '0' : '-1');
      c.setAttribute('role', 'button');
      c.setAttribute('aria-roledescription', this.spec.editable ? 'movable point' : 'point');
      c.setAttribute('aria-label', this.describe(i, pts[i]));
    });
  }

  /** "Example 1: (4, 11), PC1 score 4.31" (or the two scores when the plot shows scores). */
  private describe(i: number, p: Pt): string {
    const given = this.names[i];
    const name = given && !/^\d+$/.test(given) ? given : `Sample ${i + 1}`;
    if (this.space === 'scores') return `${name}: PC1 score ${formatScore(p[0])}, PC2 score ${formatScore(p[1])}`;
    return `${name}: (${formatScore(p[0])}, ${formatScore(p[1])}), PC1 score ${formatScore(this.spec.scores[i])}`;
  }

  private pointEl(i: number): SVGCircleElement | null {
    return this.scatter?.svg.querySelector<SVGCircleElement>(`g.pca-points > circle[data-sample="${i}"]`) ?? null;
  }

  /** True while a point is being dragged (main.ts holds back retypesetting the steps until it ends). */
  get dragging(): boolean {
    return this.drag !== undefined;
  }

  private renderNotes(): void {
    this.orientationText.textContent = ORIENTATION[this.spec.orientation];
    const moved = new Set(this.input.edits.map((e) => e.index)).size;
    // The note is a live region: rewrite it only when it says something new, not on every update of a drag.
    if (moved === this.movedShown) return;
    this.movedShown = moved;
    if (moved === 0) {
      this.editsNote.replaceChildren();
      this.editsNote.hidden = true;
      return;
    }
    const reset = h('vscode-button', { class: 'pca-reset', text: 'Reset', attrs: { secondary: '', 'aria-label': 'Reset: put every point back' } });
    reset.addEventListener('click', () => this.send({ type: 'resetEdits' }));
    this.editsNote.hidden = false;
    this.editsNote.replaceChildren(
      h('strong', { text: 'Edited: ' }),
      `${moved} point${moved === 1 ? '' : 's'} moved (the document is unchanged) — `,
      reset,
    );
  }

  // -------------------------------------------------------------------------
  // Linking: the hovered (else focused) sample is marked in both plots and every table

  private applyHighlight(): void {
    const i = this.hovered ?? this.focused;
    const link = (el: Element, attr: string) => el.classList.toggle('is-linked', i !== undefined && el.getAttribute(attr) === String(i));
    this.stepsRoot.querySelectorAll('tr[data-sample-index]').forEach((el) => link(el, 'data-sample-index'));
    for (const d of [this.scatter, this.numberLine]) d?.svg.querySelectorAll('[data-sample]').forEach((el) => link(el, 'data-sample'));
    const p = i !== undefined ? this.points()[i] : undefined;
    this.placeHalo(this.scatter, p, pointRadius(this.spec.points.length) + 5);
    this.placeHalo(this.numberLine, i !== undefined && this.numberLine ? [this.spec.scores[i], 0] : undefined, 8);
    this.readout.textContent = p && i !== undefined ? this.describe(i, p) : '\u00a0';
  }

  /** A ring drawn over everything, so the linked sample shows even among 500 others. */
  private placeHalo(d: Drawn | undefined, p: Pt | undefined, r: number): void {
    const halo = d?.svg.querySelector('.pca-halo');
    if (!d || !halo) return;
    if (!p) return void halo.setAttribute('r', '0');
    const [x, y] = d.toPx(p);
    halo.setAttribute('cx', String(x));
    halo.setAttribute('cy', String(y));
    halo.setAttribute('r', String(r));
  }

  // -------------------------------------------------------------------------
  // Pointer and keyboard

  private listen(): void {
    const c = this.chart;
    c.addEventListener('pointermove', (e) => (this.drag ? this.dragTo(e) : this.hoverAt(e)));
    c.addEventListener('pointerleave', () => {
      if (!this.drag) this.hoverSample(undefined);
    });
    c.addEventListener('pointerdown', (e) => this.startDrag(e));
    c.addEventListener('pointerup', (e) => this.endDrag(e));
    c.addEventListener('pointercancel', (e) => this.endDrag(e));
    c.addEventListener('lostpointercapture', (e) => this.endDrag(e));
    c.addEventListener('focusin', (e) => {
      const i = sampleOf(e.target);
      if (i === undefined) return;
      this.focused = this.tabStop = i;
      this.scatter?.svg.querySelectorAll('g.pca-points > circle').forEach((el, j) => el.setAttribute('tabindex', j === i ? '0' : '-1'));
      this.applyHighlight();
    });
    c.addEventListener('focusout', (e) => {
      // Focus moving to the redrawn copy of the same point is not leaving.
      if (e.relatedTarget && c.contains(e.relatedTarget as Node)) return;
      queueMicrotask(() => {
        if (c.contains(document.activeElement)) return;
        this.focused = undefined;
        this.applyHighlight();
      });
    });
    c.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** The sample within reach of the pointer, nearest first. */
  private nearest(e: PointerEvent): number | undefined {
    if (!this.scatter) return undefined;
    const [px, py] = this.pointerPx(e);
    let best: number | undefined;
    let bestDist = HIT_RADIUS;
    this.points().forEach((p, i) => {
      const [x, y] = this.scatter!.toPx(p);
      const dist = Math.hypot(x - px, y - py);
      if (dist <= bestDist) [best, bestDist] = [i, dist];
    });
    return best;
  }

  /** Pointer position in the scatter's own coordinates (robust to CSS scaling). */
  private pointerPx(e: PointerEvent): Pt {
    const ctm = this.scatter!.svg.getScreenCTM();
    if (!ctm) return [NaN, NaN];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return [p.x, p.y];
  }

  private hoverAt(e: PointerEvent): void {
    const i = (e.target as Element).closest?.('.pca-number-line') ? sampleOf(e.target) : this.nearest(e);
    this.chart.classList.toggle('is-over-point', i !== undefined);
    if (i !== this.hovered) this.hoverSample(i);
  }

  private startDrag(e: PointerEvent): void {
    if (e.button !== 0 || !this.scatter) return;
    const i = this.nearest(e);
    if (i === undefined) return;
    e.preventDefault();
    if (!this.spec.editable) return void this.pointEl(i)?.focus({ preventScroll: true });
    const [px, py] = this.pointerPx(e);
    const [x, y] = this.scatter.toPx(this.points()[i]);
    // Keep the grab offset: the point stays where it was taken, not centred on the pointer.
    this.drag = { index: i, pointerId: e.pointerId, grab: [x - px, y - py] };
    this.chart.setPointerCapture(e.pointerId);
    this.chart.classList.add('is-dragging');
    this.pointEl(i)?.focus({ preventScroll: true });
    this.hovered = i;
  }

  private dragTo(e: PointerEvent): void {
    const d = this.drag;
    if (!d || e.pointerId !== d.pointerId || !this.scatter || !this.frame) return;
    const [px, py] = this.pointerPx(e);
    const [x, y] = this.scatter.toData([px + d.grab[0], py + d.grab[1]]);
    // The scales are frozen during a drag; keep the point inside them.
    const clamp = (v: number, [lo, hi]: Pt) => Math.max(lo, Math.min(hi, v));
    this.moveLocally(d.index, [clamp(x, this.frame.x), clamp(y, this.frame.y)]);
  }

  private endDrag(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.pointerId) return;
    if (this.chart.hasPointerCapture(e.pointerId)) this.chart.releasePointerCapture(e.pointerId);
    this.drag = undefined;
    this.chart.classList.remove('is-dragging');
    this.flushPost(true);
    // The scales were frozen for the drag; refit them if the data has outgrown the view.
    redraw(this.chart);
  }

  private onKey(e: KeyboardEvent): void {
    const i = sampleOf(e.target);
    if (i === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    const n = this.spec.points.length;
    const goTo = (j: number) => {
      e.preventDefault();
      this.tabStop = j;
      this.pointEl(j)?.focus();
    };
    if (e.key === 'Home') return goTo(0);
    if (e.key === 'End') return goTo(n - 1);
    if (this.spec.editable && this.frame) {
      // Tab walks the points; past either end it leaves the plot as usual.
      if (e.key === 'Tab' && (e.shiftKey ? i > 0 : i < n - 1)) return goTo(i + (e.shiftKey ? -1 : 1));
      const step = keyStep(this.frame.x[1] - this.frame.x[0]) * (e.shiftKey ? 10 : 1);
      const delta: Record<string, Pt> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      const move = delta[e.key];
      if (!move) return;
      e.preventDefault();
      const [x, y] = this.points()[i];
      // Round away float drift (8 + 0.1 + 0.1 …) to the step's own precision.
      const snap = (v: number) => Number(v.toFixed(Math.max(0, -Math.floor(Math.log10(step)))));
      return this.moveLocally(i, [snap(x + move[0]), snap(y + move[1])]);
    }
    const walk: Record<string, number> = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 };
    if (walk[e.key] !== undefined && !e.shiftKey) goTo(Math.max(0, Math.min(n - 1, i + walk[e.key])));
  }

  /** Shows the point where the student put it at once, and tells the host (throttled). */
  private moveLocally(index: number, point: Pt): void {
    this.moved = { index, point, since: performance.now() };
    const el = this.pointEl(index);
    if (el && this.scatter) {
      const [x, y] = this.scatter.toPx(point);
      el.setAttribute('cx', String(x));
      el.setAttribute('cy', String(y));
      const label = this.scatter.svg.querySelector(`g.pca-point-labels > [data-sample="${index}"]`);
      label?.setAttribute('x', String(x));
      label?.setAttribute('y', String(y));
      const foot = this.spec.feet?.[index];
      if (foot) {
        const [fx, fy] = this.scatter.toPx(foot);
        this.scatter.svg.querySelector(`g.pca-projections > [data-sample="${index}"]`)?.setAttribute('d', `M${x},${y}L${fx},${fy}`);
      }
      this.applyHighlight();
    }
    this.pendingPost = { index, point };
    if (!this.postFrame) this.postFrame = requestAnimationFrame(() => this.flushPost(false));
  }

  /** Posts the latest position, at most every POST_INTERVAL_MS unless `now`. */
  private flushPost(now: boolean): void {
    cancelAnimationFrame(this.postFrame);
    this.postFrame = 0;
    if (!this.pendingPost) return;
    if (!now && performance.now() - this.lastPost < POST_INTERVAL_MS) {
      this.postFrame = requestAnimationFrame(() => this.flushPost(false));
      return;
    }
    const { index, point } = this.pendingPost;
    this.pendingPost = undefined;
    this.lastPost = performance.now();
    this.send({ type: 'editPoint', index, point: [point[0], point[1]] });
  }
}

function sampleOf(target: EventTarget | null): number | undefined {
  const el = (target as Element | null)?.closest?.('[data-sample]');
  return el ? Number(el.getAttribute('data-sample')) : undefined;
}

function svgEl(tag: string, attrs: Record<string, string>): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}
