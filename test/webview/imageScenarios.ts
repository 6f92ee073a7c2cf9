/**
 * Preview scenarios for the image-compression explorer: the real core on
 * examples/images/shapes-256.png (grey and RGB) builds the ImagePayload the
 * host would send; the webview's live figures are checked against the core's
 * own measureCompression; screenshots at k = 1, 10, 50 and kMax; and the
 * per-move redraw time for a 1024×1024 synthetic payload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostMessage, ImagePayload } from '../../src/protocol';
import { compressImage, decodeImage, deriveImage, energyRank, measureCompression, rankOneLayers, toChannels } from '../../src/core/image';
import { check, root, type Session } from './harness';
import { elementShot, fullShot } from './shots';

const FILE = 'examples/images/shapes-256.png';

export interface ImageCase {
  payload: ImagePayload;
  show: HostMessage;
  /** The core's figures for a rank, to compare with what the webview shows. */
  report: (k: number) => ReturnType<typeof measureCompression>;
}

/** What the host builds for the panel, from the real core. */
export function imageCase(mode: 'gray' | 'rgb', k = 10, kMax = 100): ImageCase {
  const image = toChannels(decodeImage(fs.readFileSync(path.join(root, FILE)), FILE), mode, 1024);
  const { factors, report } = compressImage(image, k, { kMax });
  const rows = (m: { rows: number; cols: number; data: Float64Array }) => {
    const out = new Float32Array(m.rows * factors.kMax);
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < factors.kMax; j++) out[i * factors.kMax + j] = m.data[i * m.cols + j];
    return out;
  };
  // A rounded to bytes, channels interleaved (the protocol's `original`).
  const c = image.channels.length;
  const original = new Uint8Array(image.width * image.height * c);
  for (let p = 0; p < image.width * image.height; p++) {
    for (let ch = 0; ch < c; ch++) original[c * p + ch] = Math.max(0, Math.min(255, Math.round(image.channels[ch].data[p])));
  }
  const payload: ImagePayload = {
    fileName: 'shapes-256.png',
    width: image.width,
    height: image.height,
    mode,
    kMax: factors.kMax,
    k,
    original,
    channels: factors.channels.map((c) => ({ sigma: Float64Array.from(c.s.subarray(0, factors.kMax)), U: rows(c.U), V: rows(c.V), frobeniusSq: c.frobeniusSq })),
    approximate: factors.channels.some((c) => c.approximate),
    energyRanks: { p90: energyRank(factors, 0.9), p95: energyRank(factors, 0.95), p99: energyRank(factors, 0.99) },
    layers: rankOneLayers(factors, 4, 256).map((l) => ({ index: l.index, width: l.width, height: l.height, rgba: l.rgba })),
  };
  const derivation = deriveImage(image, factors, report, 'shapes-256.png');
  // The protocol has no image PanelInput yet; an SVD input stands in (the hook keys on derivation.kind).
  const show: HostMessage = { type: 'show', input: { kind: 'svd', text: '0', source: FILE }, derivation, view: { step: 0, mode: 'step' }, precision: 4 };
  return { payload, show, report: (r) => measureCompression(image, factors, r) };
}

/** Typed arrays go over as plain lists and are rebuilt in the page, then posted like the host's message. */
export async function sendImage(s: Session, payload: ImagePayload): Promise<void> {
  const wire = {
    ...payload,
    original: Array.from(payload.original),
    channels: payload.channels.map((c) => ({ sigma: Array.from(c.sigma), U: Array.from(c.U), V: Array.from(c.V), frobeniusSq: c.frobeniusSq })),
    layers: payload.layers.map((l) => ({ index: l.index, width: l.width, height: l.height, rgba: Array.from(l.rgba) })),
  };
  await s.page.evaluate(
    (w) =>
      new Promise<void>((resolve) => {
        const p = {
          ...w,
          original: new Uint8Array(w.original),
          channels: w.channels.map((c) => ({ sigma: new Float64Array(c.sigma), U: new Float32Array(c.U), V: new Float32Array(c.V), frobeniusSq: c.frobeniusSq })),
          layers: w.layers.map((l) => ({ index: l.index, width: l.width, height: l.height, rgba: new Uint8Array(l.rgba) })),
        };
        window.addEventListener('message', () => resolve(), { once: true });
        window.postMessage({ type: 'image', payload: p }, '*');
      }),
    wire,
  );
}

/** Sets the slider like a drag would (input event) and waits for the redraw. */
async function setK(s: Session, k: number): Promise<void> {
  await s.page.evaluate((v) => {
    const slider = document.getElementById('image-k-slider') as HTMLInputElement;
    slider.value = String(v);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  }, k);
  await s.page.waitForFunction((v) => document.querySelector<HTMLElement>('.image-explorer')?.dataset.k === String(v), k);
}

const figure = (s: Session, i: number) => s.page.locator('.image-figures .figure-value').nth(i).textContent();
const detail = (s: Session, i: number) => s.page.locator('.image-figures .figure-detail').nth(i).textContent();

/** One theme: grey at k = 1, 10, 50, kMax, every control, then RGB; `prefix` names the screenshots. */
export async function imageExplorer(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  const grey = imageCase('gray');
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  await s.send(grey.show);
  await sendImage(s, grey.payload);
  await page.waitForSelector('.image-explorer .image-chart svg.mdl-plot');
  check((await page.locator('#image-heading').textContent()) === 'Explore: compress the image', 'image: the section is shown');
  check((await page.locator('#image-k-slider').getAttribute('max')) === String(grey.payload.kMax), `image: slider runs 1..kMax (${grey.payload.kMax})`);
  check(!!(await page.locator('#image-k-slider').getAttribute('aria-label')), 'image: the slider has an aria-label');
  check((await page.locator('canvas.image-canvas').first().getAttribute('width')) === '256', 'image: canvases sized to the image');
  check((await page.locator('.image-layer').count()) === 4, 'image: four rank-one layers');
  check((await page.locator('.image-layer figcaption').first().textContent()) === 'σ₁u₁v₁ᵀ', 'image: layers labelled σ₁u₁v₁ᵀ…');

  for (const k of [1, 10, 50, grey.payload.kMax]) {
    await setK(s, k);
    const r = grey.report(k);
    const ey = (await figure(s, 2)) ?? '';
    const measured = (await detail(s, 2)) ?? '';
    const psnr = (await figure(s, 3)) ?? '';
    const pct = (x: number) => (x >= 0.1 ? `${(100 * x).toFixed(1)}%` : x >= 0.001 ? `${(100 * x).toFixed(2)}%` : `${(100 * x).toPrecision(2)}%`);
    check(ey === pct(r.eckartYoungError), `image k=${k}: Eckart–Young error ${ey} matches the core (${pct(r.eckartYoungError)})`);
    const measuredValue = Number(measured.match(/measured ([\d.]+)%/)?.[1]) / 100;
    check(Math.abs(measuredValue - r.relativeError) <= 0.003 + 0.01 * r.relativeError, `image k=${k}: measured error ${measuredValue} ≈ the core's ${r.relativeError.toFixed(5)} (A from the rounded original)`);
    const shownPsnr = psnr.startsWith('∞') ? null : Number(psnr.replace(' dB', ''));
    check(r.psnr === null ? shownPsnr === null : shownPsnr !== null && Math.abs(shownPsnr - r.psnr) < 0.15, `image k=${k}: PSNR ${psnr} ≈ the core's ${r.psnr?.toFixed(2)} dB`);
    check((await figure(s, 0)) === r.storage.compressed.toLocaleString('en-US'), `image k=${k}: storage ${await figure(s, 0)} = k(m+n+1)`);
    await elementShot(s, '.image-explorer', `${prefix}-image-grey-k${k === grey.payload.kMax ? 'max' : k}`);
  }
  await setK(s, 10);
  await fullShot(s, `${prefix}-image-grey-page`);

  // Keyboard: the slider takes the arrow keys (and the steps do not move).
  const stepBefore = await page.locator('#step-counter').textContent();
  await page.focus('#image-k-slider');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector<HTMLElement>('.image-explorer')?.dataset.k === '11');
  check((await page.locator('#step-counter').textContent()) === stepBefore, 'image: arrow keys on the slider do not change step');
  check((await page.locator('#image-k-output').textContent()) === `k = 11 of ${grey.payload.kMax}`, 'image: → on the slider moves k to 11');
  await page.waitForTimeout(300);
  check((await s.posted()).some((m) => m.type === 'viewChanged' && m.view.k === 11), 'image: k is reported with viewChanged');

  // Energy rank buttons set k.
  const p95 = grey.payload.energyRanks.p95;
  if (p95 !== null) {
    await page.locator('.image-energy-button').nth(1).click();
    await page.waitForFunction((v) => document.querySelector<HTMLElement>('.image-explorer')?.dataset.k === String(v), p95);
    check((await page.locator('#image-k-slider').inputValue()) === String(p95), `image: the 95% button sets k = ${p95}`);
  }
  // viewChanged is debounced and may land after the click's own message, so look for the kind.
  const postedSince = async (before: number) => (await s.posted()).slice(before);
  let before = (await s.posted()).length;
  await page.click('#image-save');
  const saved = (await postedSince(before)).find((m) => m.type === 'saveImage');
  check(saved?.type === 'saveImage' && saved.k === (p95 ?? 11), `image: #image-save posts saveImage with k (${JSON.stringify(saved)})`);
  before = (await s.posted()).length;
  await page.click('#image-more');
  check((await postedSince(before)).some((m) => m.type === 'moreComponents'), 'image: #image-more posts moreComponents');
  check((await page.locator('#image-more').getAttribute('aria-busy')) === 'true', 'image: #image-more is busy until the new payload');

  // The host answers with more components: k stays.
  const more = imageCase('gray', 10, 150);
  await sendImage(s, more.payload);
  check((await page.locator('#image-k-slider').getAttribute('max')) === '150', 'image: more components widen the slider');
  const keptK = await page
    .waitForFunction((v) => document.querySelector<HTMLElement>('.image-explorer')?.dataset.k === v, String(p95 ?? 11), { timeout: 5000 })
    .then(() => true, () => false);
  check(keptK, 'image: …and keep k');
  // A show of the same (image) derivation keeps the section; a non-image one drops it.
  await s.send(grey.show);
  check((await page.locator('.image-explorer').count()) === 1, 'image: a show of the image derivation keeps the section');
  const other = { ...grey.show, derivation: { ...(grey.show as { derivation: object }).derivation, kind: 'svd' } } as HostMessage;
  await s.send(other);
  check((await page.locator('.image-explorer').count()) === 0, 'image: a non-image derivation drops the section');

  // RGB.
  const colour = imageCase('rgb');
  await s.send(colour.show);
  await sendImage(s, colour.payload);
  await page.waitForSelector('.image-explorer .image-chart svg.mdl-plot');
  await setK(s, 10);
  const r = colour.report(10);
  const shownPsnr = Number(((await figure(s, 3)) ?? '').replace(' dB', ''));
  check(r.psnr !== null && Math.abs(shownPsnr - r.psnr) < 0.15, `image RGB k=10: PSNR ${shownPsnr} ≈ the core's ${r.psnr?.toFixed(2)}`);
  check((await figure(s, 0)) === r.storage.compressed.toLocaleString('en-US'), `image RGB k=10: storage 3·k(m+n+1) = ${await figure(s, 0)}`);
  await elementShot(s, '.image-explorer', `${prefix}-image-rgb-k10`);
}

/** Per-move redraw time for a random 1024×1024 payload (gray or RGB), measured in the page. */
export async function measureImageMove(s: Session, mode: 'gray' | 'rgb'): Promise<string> {
  const { page } = s;
  await s.send(imageCase('gray').show);
  const size = 1024, kMax = 100;
  await page.evaluate(
    ({ size, kMax, mode }) =>
      new Promise<void>((resolve) => {
        // tsx's keepNames wraps the named helpers below in __name; make sure the page has it.
        (globalThis as unknown as { __name: unknown }).__name ??= (f: unknown) => f;
        let seed = 12345;
        const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
        const factor = (len: number) => Float32Array.from({ length: len * kMax }, () => rand() / Math.sqrt(len));
        const channels = Array.from({ length: mode === 'gray' ? 1 : 3 }, () => ({
          sigma: Float64Array.from({ length: kMax }, (_, i) => 100000 / (i + 1)),
          U: factor(size),
          V: factor(size),
          frobeniusSq: 1e12,
        }));
        const original = new Uint8Array(size * size * (mode === 'gray' ? 1 : 3)).map((_, i) => (i * 7) & 255);
        const payload = { fileName: 'random.png', width: size, height: size, mode, kMax, k: 1, original, channels, approximate: true, energyRanks: { p90: null, p95: null, p99: null }, layers: [] };
        window.addEventListener('message', () => resolve(), { once: true });
        window.postMessage({ type: 'image', payload }, '*');
      }),
    { size, kMax, mode },
  );
  await page.waitForSelector('.image-explorer');
  const result = await page.evaluate(async (kMax) => {
    (globalThis as unknown as { __name: unknown }).__name ??= (f: unknown) => f;
    const slider = document.getElementById('image-k-slider') as HTMLInputElement;
    const section = document.querySelector<HTMLElement>('.image-explorer')!;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const step: number[] = [];
    const jump: number[] = [];
    const measure: number[] = [];
    const started = performance.now();
    let moves = 0;
    // A drag: one rank per frame, up and back.
    for (let k = 2; k <= 40; k++, moves++) {
      slider.value = String(k);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      step.push(Number(section.dataset.moveMs));
    }
    const elapsed = performance.now() - started;
    // The measured error and PSNR are recomputed once the slider rests.
    await new Promise((r) => setTimeout(r, 200));
    measure.push(Number(section.dataset.measureMs));
    // Jumps of ten ranks.
    for (const k of [50, 60, 70, 60, 50, 40]) {
      slider.value = String(k);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      jump.push(Number(section.dataset.moveMs));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { step: median(step), max: Math.max(...step), jump: median(jump), measure: median(measure), fps: (1000 * moves) / elapsed, kMax };
  }, kMax);
  // Reported, never asserted: speed belongs to `npm run bench` (bench/webview.bench.ts reads this line).
  return `${size}×${size} ${mode}: |Δk| = 1 median ${result.step.toFixed(1)} ms (max ${result.max.toFixed(1)}), |Δk| = 10 median ${result.jump.toFixed(1)} ms, drag ${result.fps.toFixed(0)} moves/s, measured error + PSNR ${result.measure.toFixed(1)} ms after`;
}
