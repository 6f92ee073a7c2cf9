/**
 * The Activation Explorer: pick a function, set its parameters, overlay a
 * second one; f and f′ on shared axes. Every change goes to the host
 * (`explorerChange`), which answers with `update`; the panel draws only the
 * samples it is sent, so no activation maths lives here.
 */
import { plot, line, dot, ruleX, ruleY, tip, pointerX } from '@observablehq/plot';
import type { ActivationExplorer, ParamSpec } from '../src/core/activations/types';
import type { WebviewMessage } from '../src/protocol';
import { h } from './dom';
import { formatNumber } from './format';
import { liveChart, redraw } from './liveChart';
import { baseOptions, withoutInlineStyle } from './plots';
import type { Palette } from './theme';

type Params = Record<string, number | string>;

/** Slider drags post at most this often (the host recomputes the derivation each time). */
const POST_INTERVAL_MS = 100;
const CHART_HEIGHT = 300;
const MAX_WIDTH = 760;
const COMPARE_DASH = '7,4';

const isNums = (a: unknown, n: number) => Array.isArray(a) && a.length === n && a.every((v) => typeof v === 'number' && Number.isFinite(v));
const isKinks = (a: unknown) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));

/** The protocol guard checks only the tag; check everything drawn from. */
export function isUsableActivationExplorer(s: ActivationExplorer): boolean {
  const n = Array.isArray(s.x) ? s.x.length : 0;
  const specOk = (p: ParamSpec) => typeof p?.key === 'string' && typeof p.label === 'string' && (typeof p.default === 'number' || typeof p.default === 'string') && (p.choices === undefined || (Array.isArray(p.choices) && p.choices.every((c) => typeof c === 'string')));
  const c = s.compare;
  return (
    typeof s.name === 'string' &&
    n >= 2 && isNums(s.x, n) && isNums(s.f, n) && isNums(s.df, n) && isKinks(s.kinks) &&
    Array.isArray(s.domain) && isNums(s.domain, 2) &&
    typeof s.params === 'object' && s.params !== null &&
    Array.isArray(s.paramSpecs) && s.paramSpecs.every(specOk) &&
    Array.isArray(s.choices) && s.choices.every((ch) => typeof ch?.name === 'string' && typeof ch.label === 'string') &&
    (c === undefined || (typeof c.name === 'string' && typeof c.label === 'string' && isNums(c.f, n) && isNums(c.df, n) && isKinks(c.kinks)))
  );
}

/** The smallest of 1, 2, 5 × 10ⁿ at least `v`. */
function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v * (1 - 1e-9))!;
}

/**
 * A slider range for a numeric parameter: its bounds where it has them,
 * otherwise a tidy span around the default that keeps the value in reach.
 * The number field beside it takes any value the host accepts.
 */
function sliderRange(ps: ParamSpec, value: number): { min: number; max: number; step: number } {
  const d = typeof ps.default === 'number' ? ps.default : 0;
  const span = niceCeil(Math.max(1, 2 * Math.abs(d), ps.min !== undefined && ps.max !== undefined ? ps.max - ps.min : 0));
  const step = span / 100;
  let lo = ps.min ?? (ps.max !== undefined ? ps.max - span : d - span / 2);
  let hi = ps.max ?? lo + span;
  // Snap inside the bounds to the step, so the slider never offers 0.010001.
  lo = Math.ceil(lo / step - 1e-9) * step;
  hi = Math.floor(hi / step + 1e-9) * step;
  const tidy = (v: number) => Number(v.toFixed(10));
  return { min: tidy(Math.min(lo, value)), max: tidy(Math.max(hi, value)), step: tidy(step) };
}

interface Curve {
  name: string;
  values: number[];
  kinks: number[];
  colour: string;
  dash: string;
}

/**
 * A curve as points with a gap (NaN) at every kink inside the domain. A
 * sample exactly on a kink is the convention frameworks use there: drawn as
 * a filled dot, with an open one where the other side's limit would be.
 */
function broken(x: number[], values: number[], kinks: number[]) {
  const points: Array<{ x: number; y: number }> = [];
  const filled: Array<{ x: number; y: number }> = [];
  const open: Array<{ x: number; y: number }> = [];
  const tol = 1e-9 * Math.max(1, Math.abs(x[x.length - 1] - x[0]));
  const onKink = (v: number) => kinks.some((k) => Math.abs(v - k) <= tol);
  const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  x.forEach((xi, i) => {
    if (i > 0 && kinks.some((k) => k > x[i - 1] + tol && k < xi - tol)) points.push({ x: (x[i - 1] + xi) / 2, y: NaN });
    if (!onKink(xi)) return void points.push({ x: xi, y: values[i] });
    points.push({ x: xi, y: NaN });
    filled.push({ x: xi, y: values[i] });
    for (const j of [i - 1, i + 1]) if (j >= 0 && j < x.length && !closeTo(values[j], values[i])) open.push({ x: xi, y: values[j] });
  });
  return { points, filled, open };
}

export class ActivationExplorerPanel {
  readonly element: HTMLElement;
  private spec: ActivationExplorer;
  private readonly functionSelect = h('select', { id: 'activation-select', class: 'explorer-select' });
  private readonly compareSelect = h('select', { id: 'compare-select', class: 'explorer-select' });
  private readonly showF = h('input', { id: 'show-f', attrs: { type: 'checkbox', checked: '' } });
  private readonly showDf = h('input', { id: 'show-df', attrs: { type: 'checkbox', checked: '' } });
  private readonly paramsBox = h('div', { class: 'act-params' });
  private readonly legend = h('ul', { class: 'plot-legend', attrs: { 'aria-label': 'Legend' } });
  private readonly chart = h('div', { class: 'chart act-chart' });
  private readonly note = h('p', { class: 'explorer-note act-note' });
  /** The host's refusal of the last change, shown by the controls rather than at the top of the panel. */
  private readonly error = h('p', { class: 'error act-error', attrs: { role: 'alert', hidden: '' } });
  /** A change was sent and not yet answered: an error now is its answer. */
  private awaiting = false;
  /** What the student asked for last; the host's answer may lag behind it. */
  private params: Params;
  private compare: string | undefined;
  private paramsFor = '';
  private controls = new Map<string, { slider?: HTMLInputElement; field?: HTMLInputElement; select?: HTMLSelectElement }>();
  private postTimer: number | undefined;
  private lastPost = -Infinity;
  private drag = false;

  constructor(spec: ActivationExplorer, private readonly send: (m: WebviewMessage) => void) {
    this.spec = spec;
    this.params = { ...(spec.params as Params) };
    this.compare = spec.compare?.name;
    this.functionSelect.append(...spec.choices.map((c) => h('option', { text: c.label, attrs: { value: c.name } })));
    this.functionSelect.addEventListener('change', () => {
      // Another function has other parameters: start from its defaults (the host fills them in).
      this.params = {};
      if (this.compare === this.functionSelect.value) this.compare = undefined;
      this.post(true);
    });
    this.compareSelect.addEventListener('change', () => {
      this.compare = this.compareSelect.value === 'none' ? undefined : this.compareSelect.value;
      this.post(true);
    });
    for (const box of [this.showF, this.showDf]) box.addEventListener('change', () => redraw(this.chart));
    const field = (label: string, control: HTMLElement) => h('label', { class: 'act-field' }, h('span', { class: 'act-field-label', text: label }), control);
    this.element = h(
      'section',
      { class: 'explorer activation-explorer', attrs: { 'aria-labelledby': 'activation-heading' } },
      h('h2', { id: 'activation-heading', class: 'explorer-heading', text: 'Explore: activation functions' }),
      h('p', { class: 'explorer-intro', text: 'Pick a function and set its parameters; f and its derivative f′ are redrawn on shared axes. Compare overlays a second function (dashed, at its default parameters).' }),
      h(
        'div',
        { class: 'act-controls' },
        field('Function', this.functionSelect),
        field('Compare with', this.compareSelect),
        h('fieldset', { class: 'act-show' }, h('legend', { text: 'Show' }), h('label', {}, this.showF, ' f'), h('label', {}, this.showDf, ' f′')),
      ),
      this.paramsBox,
      this.error,
      h('figure', { class: 'plot-figure' }, this.legend, this.chart),
      this.note,
    );
    this.sync();
    liveChart(this.chart, (width, palette) => this.draw(width, palette));
  }

  /** The host's answer to a change: redraw from its samples, keep what the student is holding. */
  update(spec: ActivationExplorer): void {
    this.spec = spec;
    this.awaiting = false;
    this.error.hidden = true;
    this.error.removeAttribute('id');
    this.sync();
    redraw(this.chart);
  }

  /** Shows the host's error if it answers this explorer's change (true), else leaves it to the panel (false). */
  showError(message: string): boolean {
    if (!this.awaiting) return false;
    this.awaiting = false;
    this.error.id = 'error';
    this.error.textContent = message;
    this.error.hidden = false;
    return true;
  }

  /** True while a parameter slider is held (main.ts holds back retypesetting the steps). */
  get dragging(): boolean {
    return this.drag;
  }

  // -------------------------------------------------------------------------

  private label(name: string): string {
    return this.spec.choices.find((c) => c.name === name)?.label ?? name;
  }

  /** Pickers and parameter controls from the spec, except values the student is changing right now. */
  private sync(): void {
    const s = this.spec;
    // While a drag is on, or a change is still to be sent, the student's values are newer than the host's.
    if (!this.drag && !this.postTimer) {
      this.params = { ...(s.params as Params) };
      this.compare = s.compare?.name;
    }
    this.functionSelect.value = s.name;
    this.compareSelect.replaceChildren(
      h('option', { text: 'none', attrs: { value: 'none' } }),
      ...s.choices.filter((c) => c.name !== s.name).map((c) => h('option', { text: c.label, attrs: { value: c.name } })),
    );
    this.compareSelect.value = s.compare?.name ?? 'none';
    const key = JSON.stringify([s.name, s.paramSpecs.map((p) => p.key)]);
    if (key !== this.paramsFor) this.buildParams();
    else this.syncParams();
    this.paramsFor = key;
    this.note.textContent = this.kinkNote();
  }

  /** Where each drawn f′ jumps, and what the dots there mean. */
  private kinkNote(): string {
    const s = this.spec;
    const within = (ks: number[]) => ks.filter((k) => k >= s.domain[0] && k <= s.domain[1]);
    const functions = [{ label: this.label(s.name), kinks: within(s.kinks) }, ...(s.compare ? [{ label: s.compare.label, kinks: within(s.compare.kinks) }] : [])];
    const jumps = functions.filter((f) => f.kinks.length);
    const smooth = functions.filter((f) => !f.kinks.length);
    const parts = jumps.map((f) => `f′ of ${f.label} jumps at x = ${f.kinks.map(compact).join(', ')}, a corner of f.`);
    if (jumps.length) parts.push('The filled dot is the value frameworks return there; the open one is the limit from the other side.');
    if (smooth.length) parts.push(`f′ of ${smooth.map((f) => f.label).join(' and of ')} ${smooth.length > 1 ? 'are' : 'is'} continuous on [${s.domain.map(compact).join(', ')}].`);
    return parts.join(' ');
  }

  private buildParams(): void {
    this.controls.clear();
    const specs = this.spec.paramSpecs;
    if (specs.length === 0) {
      this.paramsBox.replaceChildren(h('p', { class: 'act-no-params', text: `${this.label(this.spec.name)} has no parameters.` }));
      return;
    }
    this.paramsBox.replaceChildren(...specs.map((ps) => this.paramControl(ps)));
  }

  private paramControl(ps: ParamSpec): HTMLElement {
    const id = `param-${ps.key}`;
    const value = this.spec.params[ps.key] ?? ps.default;
    const description = h('span', { id: `${id}-description`, class: 'act-param-description', text: ps.description });
    if (ps.choices) {
      const select = h('select', { id, class: 'explorer-select', attrs: { 'aria-describedby': description.id } }, ...ps.choices.map((c) => h('option', { text: c, attrs: { value: c } })));
      select.value = String(value);
      select.addEventListener('change', () => {
        this.params = { ...this.params, [ps.key]: select.value };
        this.post(true);
      });
      this.controls.set(ps.key, { select });
      return h('div', { class: 'act-param' }, h('label', { class: 'act-field-label', text: ps.label, attrs: { for: id } }), select, description);
    }
    const range = sliderRange(ps, Number(value));
    const slider = h('input', { id, attrs: { type: 'range', min: String(range.min), max: String(range.max), step: String(range.step), 'aria-describedby': description.id } });
    const field = h('input', { class: 'act-number', attrs: { type: 'number', step: 'any', 'aria-label': `${ps.label}, exact value`, ...(ps.min !== undefined ? { min: String(ps.min) } : {}), ...(ps.max !== undefined ? { max: String(ps.max) } : {}) } });
    slider.value = field.value = String(value);
    describeSlider(slider, ps.label);
    const set = (v: number, now: boolean) => {
      this.params = { ...this.params, [ps.key]: v };
      this.post(now);
    };
    slider.addEventListener('pointerdown', () => (this.drag = true));
    for (const end of ['pointerup', 'pointercancel']) slider.addEventListener(end, () => (this.drag = false));
    slider.addEventListener('input', () => {
      describeSlider(slider, ps.label);
      field.value = slider.value;
      field.removeAttribute('aria-invalid');
      set(Number(slider.value), false);
    });
    slider.addEventListener('change', () => {
      this.drag = false;
      set(Number(slider.value), true);
    });
    // A typed value is sent when committed (Enter or leaving the field), and only if the host would accept it.
    field.addEventListener('change', () => {
      const v = Number(field.value);
      const ok = field.value.trim() !== '' && Number.isFinite(v) && (ps.min === undefined || v >= ps.min) && (ps.max === undefined || v <= ps.max);
      field.toggleAttribute('aria-invalid', !ok);
      if (!ok) return;
      slider.value = String(v);
      describeSlider(slider, ps.label);
      set(v, true);
    });
    this.controls.set(ps.key, { slider, field });
    return h('div', { class: 'act-param' }, h('label', { class: 'act-field-label', text: ps.label, attrs: { for: id } }), slider, field, description);
  }

  private syncParams(): void {
    if (this.drag) return;
    for (const ps of this.spec.paramSpecs) {
      const c = this.controls.get(ps.key);
      const v = this.params[ps.key] ?? this.spec.params[ps.key] ?? ps.default;
      for (const el of [c?.slider, c?.field, c?.select]) if (el && el !== document.activeElement) el.value = String(v);
      if (c?.slider) describeSlider(c.slider, ps.label);
    }
  }

  /** Sends the current choice; slider drags at most every POST_INTERVAL_MS, the last one always. */
  private post(now: boolean): void {
    window.clearTimeout(this.postTimer);
    this.postTimer = undefined;
    const wait = POST_INTERVAL_MS - (performance.now() - this.lastPost);
    if (!now && wait > 0) {
      this.postTimer = window.setTimeout(() => this.post(true), wait);
      return;
    }
    this.lastPost = performance.now();
    this.awaiting = true;
    const name = this.functionSelect.value;
    this.send({ type: 'explorerChange', name, params: { ...this.params }, ...(this.compare ? { compare: this.compare } : {}) });
  }

  // -------------------------------------------------------------------------

  private draw(width: number, palette: Palette): Node {
    const s = this.spec;
    const [fColour, dfColour] = palette.series;
    const own = this.label(s.name);
    const curves: Curve[] = [];
    if (this.showF.checked) curves.push({ name: `${own}: f`, values: s.f, kinks: [], colour: fColour, dash: '' });
    if (this.showDf.checked) curves.push({ name: `${own}: f′`, values: s.df, kinks: s.kinks, colour: dfColour, dash: '' });
    if (s.compare && this.showF.checked) curves.push({ name: `${s.compare.label}: f`, values: s.compare.f, kinks: [], colour: fColour, dash: COMPARE_DASH });
    if (s.compare && this.showDf.checked) curves.push({ name: `${s.compare.label}: f′`, values: s.compare.df, kinks: s.compare.kinks, colour: dfColour, dash: COMPARE_DASH });
    this.legend.replaceChildren(...curves.map((c) => h('li', {}, swatch(c), c.name)));
    if (curves.length === 0) return h('p', { class: 'explorer-note', text: 'Tick f or f′ to draw a curve.' });
    const drawn = curves.map((c) => ({ c, ...broken(s.x, c.values, c.kinks) }));
    const fmt = (v: number) => formatNumber(v, 3);
    const index = s.x.map((_, i) => i);
    const svg = plot({
      ...baseOptions(Math.min(width, MAX_WIDTH), CHART_HEIGHT, palette),
      ariaLabel: `${curves.map((c) => c.name).join(', ')} for x from ${s.domain[0]} to ${s.domain[1]}`,
      x: { domain: s.domain, label: 'x', labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { label: 'value', labelArrow: 'none', grid: true, nice: true },
      marks: [
        ruleY([0], { strokeOpacity: 0.45 }),
        ruleX([0], { strokeOpacity: 0.45 }),
        ...drawn.flatMap(({ c, points, filled, open }) => [
          line(points, { x: 'x', y: 'y', stroke: c.colour, strokeWidth: 2, strokeDasharray: c.dash || undefined }),
          dot(filled, { x: 'x', y: 'y', r: 4, fill: c.colour }),
          dot(open, { x: 'x', y: 'y', r: 4, fill: palette.background, stroke: c.colour, strokeWidth: 1.5 }),
        ]),
        tip(index, pointerX({ x: (i: number) => s.x[i], y: (i: number) => curves[0].values[i], title: (i: number) => [`x = ${fmt(s.x[i])}`, ...curves.map((c) => `${c.name} = ${fmt(c.values[i])}`)].join('\n') })),
      ],
    });
    return withoutInlineStyle(svg);
  }
}

/** Screen readers say "α (negative slope) = 0.2" rather than a bare number. */
function describeSlider(slider: HTMLInputElement, label: string): void {
  slider.setAttribute('aria-valuetext', `${label} = ${slider.value}`);
}

/** Up to three decimals, no trailing zeros: 0, −0.5, 6. */
const compact = (v: number) => formatNumber(v, 3).replace(/\.?0+$/, '');

function swatch(c: Curve): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('viewBox', '0 0 24 8');
  svg.setAttribute('aria-hidden', 'true');
  const stroke = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: '0', y1: '4', x2: '24', y2: '4', 'stroke-width': '2', stroke: c.colour, ...(c.dash ? { 'stroke-dasharray': c.dash } : {}) })) stroke.setAttribute(k, v);
  svg.append(stroke);
  return svg;
}
