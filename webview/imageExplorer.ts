/**
 * "Explore: compress the image": the original beside its rank-k
 * approximation (pixel-exact canvases), a k slider redrawn from an
 * incremental accumulator (imageRank.ts), the live figures for k, the
 * spectrum and energy charts with the 90/95/99% ranks as buttons, and the
 * first rank-one layers. Nothing here computes an SVD: the host sends the
 * factors, this file only adds them up.
 */
import type { ImagePayload, WebviewMessage } from '../src/protocol';
import { afterPaint, h } from './dom';
import { energyChart, spectrumChart, type EnergyMark } from './imageCharts';
import { imageDataFrom, originalImageData, RankImage, type MeasuredFigures, type RankFigures } from './imageRank';
import { liveChart } from './liveChart';
import { typesetInline } from './math';

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => [...String(n)].map((d) => SUBSCRIPT[Number(d)]).join('');
const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => (x >= 0.1 ? `${(100 * x).toFixed(1)}%` : x >= 0.001 ? `${(100 * x).toFixed(2)}%` : `${(100 * x).toPrecision(2)}%`);
/** Upscaled pictures stop growing here (px per side). */
const MAX_DISPLAY = 512;
const GAP = 24;

export interface ImageExplorerOptions {
  /** Rank to start at (a kept k when more components arrive); defaults to the payload's. */
  k?: number;
  post: (m: WebviewMessage) => void;
  /** k moved (persist it). */
  onK?: (k: number) => void;
}

interface Figure {
  value: HTMLElement;
  detail: HTMLElement;
}

/** Rest time before the measured figures are recomputed: longer than a frame, shorter than a glance. */
const MEASURE_AFTER_MS = 40;

export class ImageExplorer {
  readonly element: HTMLElement;
  readonly payload: ImagePayload;
  private readonly rank: RankImage;
  private readonly slider: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  private readonly original: HTMLCanvasElement;
  private readonly approx: HTMLCanvasElement;
  private readonly approxCtx: CanvasRenderingContext2D | null;
  private readonly approxCaption: HTMLElement;
  private readonly figures: Record<'storage' | 'ratio' | 'error' | 'psnr' | 'energy', Figure>;
  private readonly stripK: HTMLElement;
  private readonly layerFigures: HTMLElement[] = [];
  private readonly more: HTMLElement;
  private readonly resize: ResizeObserver;
  private markSpectrum?: (k: number) => void;
  private markEnergy?: (k: number) => void;
  private pendingK: number | undefined;
  private frame = 0;
  private moreLabel = '';
  private readonly announcer = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite' } });
  private announceTimer = 0;
  private measureTimer = 0;
  /** Time (ms) the last slider move took: accumulator update, pixels, figures, canvas. */
  lastMoveMs = 0;

  constructor(payload: ImagePayload, private readonly options: ImageExplorerOptions) {
    this.payload = payload;
    const { width: n, height: m, kMax, mode } = payload;
    this.rank = new RankImage(payload);
    const k0 = Math.max(1, Math.min(kMax, Math.round(options.k ?? payload.k)));

    this.slider = h('input', {
      id: 'image-k-slider',
      attrs: { type: 'range', min: '1', max: String(kMax), step: '1', 'aria-label': `Rank k, from 1 to ${kMax}` },
    });
    this.slider.value = String(k0);
    this.slider.disabled = kMax === 1;
    this.slider.addEventListener('input', () => this.request(Number(this.slider.value)));
    this.output = h('output', { id: 'image-k-output', class: 'k-output', attrs: { for: 'image-k-slider', 'aria-live': 'off' } });

    const fullRank = Math.min(m, n);
    this.more = h('vscode-button', {
      id: 'image-more',
      text: 'Compute more components',
      attrs: { secondary: '', 'aria-label': `Compute more than ${kMax} components` },
    });
    if (kMax >= fullRank) {
      this.more.setAttribute('disabled', '');
      this.more.setAttribute('title', `All ${fullRank} components are already computed`);
    }
    this.more.addEventListener('click', () => {
      if (this.more.hasAttribute('disabled')) return;
      this.more.setAttribute('disabled', '');
      this.more.setAttribute('aria-busy', 'true');
      this.more.textContent = 'Computing…';
      options.post({ type: 'moreComponents' });
    });
    this.moreLabel = this.more.textContent ?? '';
    const save = h('vscode-button', { id: 'image-save', text: 'Save rank-k image', attrs: { 'aria-label': 'Save the rank-k image as a PNG next to the original' } });
    save.addEventListener('click', () => options.post({ type: 'saveImage', k: this.rank.currentK }));

    const card = (cls: string, label: string): [HTMLElement, Figure] => {
      const value = h('span', { class: 'figure-value' });
      const detail = h('span', { class: 'figure-detail' });
      return [h('div', { class: `figure ${cls}` }, h('dt', { text: label }), h('dd', {}, value, detail)), { value, detail }];
    };
    const [storageCard, storage] = card('image-figure', 'Numbers stored');
    const [ratioCard, ratio] = card('image-figure', 'Compression ratio');
    const [errorCard, error] = card('image-figure', 'Relative error ‖A − Aₖ‖_F / ‖A‖_F');
    const [psnrCard, psnr] = card('image-figure', 'PSNR (peak 255)');
    const [energyCard, energy] = card('image-figure', 'Energy kept');
    this.figures = { storage, ratio, error, psnr, energy };

    this.original = canvas(n, m, mode === 'gray' ? 'Original image in greyscale, the matrix A' : 'Original image, channels A_R, A_G, A_B');
    this.original.getContext('2d')?.putImageData(originalImageData(payload), 0, 0);
    this.approx = canvas(n, m, 'Rank-k approximation');
    this.approxCtx = this.approx.getContext('2d');
    this.approxCaption = h('figcaption', { class: 'image-caption' });
    const pair = h(
      'div',
      { class: 'image-pair' },
      h('figure', { class: 'image-figure-pic' }, h('figcaption', { class: 'image-caption', text: `Original A (${n}×${m}${mode === 'rgb' ? ', RGB' : ', grey'})` }), this.original),
      h('figure', { class: 'image-figure-pic' }, this.approxCaption, this.approx),
    );
    this.resize = new ResizeObserver(() => this.fit(pair));
    this.resize.observe(pair);

    const ranks: Array<[string, number | null]> = [
      ['90%', payload.energyRanks.p90],
      ['95%', payload.energyRanks.p95],
      ['99%', payload.energyRanks.p99],
    ];
    const rankButtons = ranks.map(([label, k]) => {
      const b = h('vscode-button', {
        class: 'image-energy-button',
        text: k === null ? `${label}: beyond k = ${kMax}` : `${label}: k = ${k}`,
        attrs: {
          secondary: '',
          'aria-label': k === null ? `${label} of the energy needs more than ${kMax} components` : `Set k to ${k}, the smallest rank keeping ${label} of the energy`,
          ...(k === null ? { disabled: '' } : { 'data-k': String(k) }),
        },
      });
      if (k !== null) b.addEventListener('click', () => this.setK(k));
      return b;
    });
    const marks: EnergyMark[] = ranks.filter((r): r is [string, number] => r[1] !== null && r[1] <= kMax).map(([label, k]) => ({ label, k }));

    const spectrum = h('div', { class: 'chart image-chart' });
    const energyPlot = h('div', { class: 'chart image-chart' });
    const sigmas = payload.channels.map((c) => c.sigma);
    const curve = this.rank.energyCurve();
    liveChart(spectrum, (width, palette) => {
      const chart = spectrumChart(sigmas, width, palette, this.rank.currentK || k0);
      this.markSpectrum = chart.mark;
      return chart.svg;
    });
    liveChart(energyPlot, (width, palette) => {
      const chart = energyChart(curve, marks, width, palette, this.rank.currentK || k0);
      this.markEnergy = chart.mark;
      return chart.svg;
    });

    this.stripK = h('span', { class: 'image-strip-k' });
    const stripFormula = h('span', { class: 'image-strip-tex' }); // typeset after the first paint, below
    const layers = payload.layers.map((l) => {
      const c = canvas(l.width, l.height, `Rank-one layer ${l.index}, σ${sub(l.index)}u${sub(l.index)}v${sub(l.index)}ᵀ, shown around mid-grey`);
      c.classList.add('image-layer-canvas');
      c.getContext('2d')?.putImageData(imageDataFrom(l.rgba, l.width, l.height), 0, 0);
      const fig = h('figure', { class: 'image-layer' }, c, h('figcaption', { text: `σ${sub(l.index)}u${sub(l.index)}v${sub(l.index)}ᵀ` }));
      fig.dataset.index = String(l.index);
      this.layerFigures.push(fig);
      return fig;
    });
    const strip = h(
      'div',
      { class: 'image-strip', attrs: { role: 'group', 'aria-label': 'The rank-k sum and its first rank-one layers' } },
      h('p', { class: 'image-strip-formula' }, stripFormula, this.stripK),
      layers.length
        ? h('div', { class: 'image-layers' }, ...layers.flatMap((f, i) => [i > 0 ? h('span', { class: 'image-plus', text: '+', attrs: { 'aria-hidden': 'true' } }) : null, f]), h('span', { class: 'image-plus', text: '+ …', attrs: { 'aria-hidden': 'true' } }))
        : null,
      h('p', { class: 'explorer-note', text: 'Each layer is shown around mid-grey (zero) and stretched to its own largest value; the kept ones (i ≤ k) are outlined.' }),
    );

    this.element = h(
      'section',
      { class: 'explorer image-explorer', attrs: { 'aria-labelledby': 'image-heading' } },
      h('h2', { id: 'image-heading', class: 'explorer-heading', text: 'Explore: compress the image' }),
      h(
        'p',
        { class: 'explorer-intro' },
        `${payload.fileName} as ${mode === 'gray' ? 'one greyscale matrix' : 'three colour matrices'} of ${m}×${n}. Keep the k largest singular triplets and see what it costs and what is lost. `,
        payload.approximate ? 'The factors come from a randomized SVD, so the smallest ones are approximate.' : '',
      ),
      h(
        'div',
        { class: 'k-row' },
        h('label', { class: 'k-label', text: 'Rank k', attrs: { for: 'image-k-slider' } }),
        this.slider,
        this.output,
        h('div', { class: 'image-actions' }, this.more, save),
      ),
      // Not a live region: a drag would read out every card at every rank. `announcer` sums up once the slider rests.
      h('dl', { class: 'image-figures' }, storageCard, ratioCard, errorCard, psnrCard, energyCard),
      this.announcer,
      pair,
      h('div', { class: 'image-energy-ranks', attrs: { role: 'group', 'aria-label': 'Ranks that keep 90, 95 and 99 percent of the energy' } }, h('span', { class: 'image-energy-label', text: 'Jump to the rank keeping' }), ...rankButtons),
      h(
        'div',
        { class: 'image-charts' },
        h('figure', { class: 'plot-figure' }, h('figcaption', { class: 'plot-title', text: 'Singular values σᵢ (log scale), k marked' }), spectrum),
        h('figure', { class: 'plot-figure' }, h('figcaption', { class: 'plot-title', text: 'Cumulative energy Σᵢ≤ₖ σᵢ² / ‖A‖²_F' }), energyPlot),
      ),
      strip,
    );
    this.apply(k0);
    afterPaint(() => {
      // The first picture is on screen. Benchmarks read this stamp rather than polling for
      // data-pixels-k, whose poll interval would be timed as well.
      this.element.dataset.paintedAt = String(Date.now());
      // MathJax's first formula costs tens of milliseconds: not before the picture.
      stripFormula.replaceChildren(typesetInline('A \\approx A_k = \\sum_{i=1}^{k} \\sigma_i\\, u_i v_i^{\\mathsf T}'));
    });
  }

  /**
   * The host could not compute more components (an error, or the student
   * cancelled): the button comes back so they can try again. Returns true
   * when a request was in flight, so the caller knows the error belongs here.
   */
  moreFailed(): boolean {
    if (this.more.getAttribute('aria-busy') !== 'true') return false;
    this.more.removeAttribute('aria-busy');
    this.more.removeAttribute('disabled');
    this.more.textContent = this.moreLabel;
    return true;
  }

  get currentK(): number {
    return this.rank.currentK;
  }

  /** Sets k now (buttons, tests); the slider follows. */
  setK(k: number): void {
    this.slider.value = String(k);
    this.request(k);
  }

  /** Slider input is coalesced: at most one redraw per animation frame. */
  private request(k: number): void {
    this.pendingK = k;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const next = this.pendingK;
      this.pendingK = undefined;
      if (next === undefined || next === this.rank.currentK) return;
      this.apply(next);
      this.options.onK?.(this.rank.currentK);
    });
  }

  /**
   * The picture first (accumulators, pixels, canvas) and the figures that need
   * no pass over the pixels; the measured error and PSNR (one more pass, 7 ms
   * for 1024² RGB) follow once the slider has rested for MEASURE_AFTER_MS, so a
   * drag never waits for them.
   */
  private apply(k: number): void {
    const started = performance.now();
    this.rank.setK(k);
    this.approxCtx?.putImageData(this.rank.pixels, 0, 0);
    const figures = this.rank.figures();
    this.showFigures(figures);
    this.lastMoveMs = performance.now() - started;
    this.element.dataset.moveMs = this.lastMoveMs.toFixed(3);
    this.element.dataset.pixelsK = String(figures.k);
    window.clearTimeout(this.measureTimer);
    this.measureTimer = window.setTimeout(() => {
      const t0 = performance.now();
      const measured = this.rank.measure();
      this.showMeasured(measured);
      this.element.dataset.measureMs = (performance.now() - t0).toFixed(3);
      // data-k says the whole panel, measured figures included, shows rank k.
      this.element.dataset.k = String(measured.k);
    }, MEASURE_AFTER_MS);
  }

  private showMeasured(f: MeasuredFigures): void {
    this.figures.error.detail.textContent = `Eckart–Young √(‖A‖² − Σσᵢ²)/‖A‖; measured ${pct(f.measuredError)}`;
    this.figures.psnr.value.textContent = f.psnr === null ? '∞ dB' : `${f.psnr.toFixed(1)} dB`;
    this.figures.psnr.detail.textContent = f.psnr === null ? 'identical 8-bit pixels' : 'on the rounded, clamped 8-bit pixels';
  }

  private showFigures(f: RankFigures): void {
    const { kMax, width: n, height: m, channels } = this.rank;
    const ch = channels === 3 ? '3·' : '';
    this.slider.setAttribute('aria-valuetext', `k = ${f.k} of ${kMax}`);
    this.output.textContent = `k = ${f.k} of ${kMax}`;
    this.approxCaption.textContent = `Rank ${f.k} approximation Aₖ`;
    this.approx.setAttribute('aria-label', `Rank ${f.k} approximation of the image`);
    this.figures.storage.value.textContent = int(f.storage);
    this.figures.storage.detail.textContent = `${ch}k(m+n+1) = ${ch}${f.k}·${m + n + 1}, against ${ch}mn = ${int(f.original)}`;
    this.figures.ratio.value.textContent = `${f.ratio >= 10 ? f.ratio.toFixed(1) : f.ratio.toFixed(2)} : 1`;
    this.figures.ratio.detail.textContent = f.ratio < 1 ? 'more numbers than the pixels themselves' : `${pct(f.storage / f.original)} of the pixel count`;
    this.figures.error.value.textContent = pct(f.eckartYoungError);
    this.figures.energy.value.textContent = pct(f.energy);
    this.figures.energy.detail.textContent = 'Σᵢ≤ₖ σᵢ² / ‖A‖²_F';
    this.stripK.textContent = `, here with k = ${f.k}`;
    for (const fig of this.layerFigures) fig.classList.toggle('is-kept', Number(fig.dataset.index) <= f.k);
    this.markSpectrum?.(f.k);
    this.markEnergy?.(f.k);
    window.clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(() => {
      this.announcer.textContent = `Rank ${f.k}: ${this.figures.storage.value.textContent} numbers stored, ratio ${this.figures.ratio.value.textContent}, relative error ${this.figures.error.value.textContent}, PSNR ${this.figures.psnr.value.textContent}, energy kept ${this.figures.energy.value.textContent}.`;
    }, 600);
  }

  /** Both pictures side by side: whole-number upscaling (pixelated) when there is room, else scaled down to fit. */
  private fit(pair: HTMLElement): void {
    const { width: n, height: m } = this.rank;
    const available = pair.clientWidth;
    if (available === 0) return;
    const per = Math.max(40, (available - GAP) / 2);
    const scale = per >= n ? Math.max(1, Math.min(Math.floor(per / n), Math.floor(MAX_DISPLAY / Math.max(n, m)))) : per / n;
    for (const c of [this.original, this.approx]) {
      c.style.width = `${Math.round(n * scale)}px`;
      c.style.height = `${Math.round(m * scale)}px`;
      c.classList.toggle('is-upscaled', scale > 1);
    }
  }

  /** A new payload for the same picture (more components) keeps k and the button's state resets. */
  dispose(): void {
    this.resize.disconnect();
    window.clearTimeout(this.announceTimer);
    window.clearTimeout(this.measureTimer);
    if (this.frame) cancelAnimationFrame(this.frame);
  }
}

function canvas(width: number, height: number, label: string): HTMLCanvasElement {
  const c = h('canvas', { class: 'image-canvas', attrs: { width: String(width), height: String(height), role: 'img', 'aria-label': label } });
  return c;
}

/** True when `b` is the same picture as `a` (a kept k still makes sense). */
export function samePicture(a: ImagePayload, b: ImagePayload): boolean {
  return a.fileName === b.fileName && a.width === b.width && a.height === b.height && a.mode === b.mode;
}
