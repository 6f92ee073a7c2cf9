// Accessibility in the real workbench, in the high-contrast themes: the SVD derivation,
// the PCA panel and the Activation Explorer are walked with Tab alone. Every control
// focus lands on must have an accessible name (computed by Playwright's accessibility
// tree, not read off one attribute) and a visible focus indicator; Enter, Space and the
// arrow keys must work the controls; every formula must carry text a screen reader reads
// (MathJax's assistive MathML); every chart and canvas must be an image with a label.
// Screenshots (Default High Contrast, then Default High Contrast Light): test-results/ui-a11y/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openFile, repoRoot, runPaletteCommand, selectInEditor, selectLines, useWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';

interface Focused {
  /** tag#id.class, for messages. */
  what: string;
  /** Identity across presses, to see when the walk comes round again. */
  key: string;
  visible: boolean;
  indicator: string | null;
}

/** Where focus is in the webview and how it shows; null when focus has left the page. */
async function focused(view: FrameLocator): Promise<Focused | null> {
  return view.locator('body').evaluate((body) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === body || el === document.documentElement) return null;
    const w = window as unknown as { __mdlKeys?: WeakMap<Element, string>; __mdlNext?: number };
    w.__mdlKeys ??= new WeakMap();
    if (!w.__mdlKeys.has(el)) w.__mdlKeys.set(el, String((w.__mdlNext = (w.__mdlNext ?? 0) + 1)));
    const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class') ?? '';
    const what = `${el.localName}${el.id ? '#' + el.id : ''}${cls ? '.' + cls.trim().split(/\s+/).join('.') : ''}`;
    const box = el.getBoundingClientRect();
    // vscode-button draws its ring on the .base inside its shadow root.
    const target = (el.shadowRoot?.querySelector('.base') as HTMLElement | null) ?? el;
    const cs = getComputedStyle(target);
    // (No named helpers in here: tsx would wrap them in a __name() the page does not have.)
    const opaque = cs.outlineColor !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(cs.outlineColor);
    let indicator: string | null = null;
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && opaque) indicator = `outline ${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}`;
    else if (cs.boxShadow !== 'none') indicator = `box-shadow ${cs.boxShadow}`;
    else if (el instanceof SVGElement && cs.stroke !== 'none' && parseFloat(cs.strokeWidth) >= 2) indicator = `stroke ${cs.strokeWidth} ${cs.stroke}`;
    return { what, key: w.__mdlKeys.get(el)!, visible: box.width > 0 && box.height > 0, indicator };
  });
}

/** Role and accessible name of the focused element, as Playwright's accessibility snapshot computes them. */
async function accessibleName(view: FrameLocator): Promise<{ role: string; name: string }> {
  const focus = view.locator(':focus');
  // YAML: a line with a colon in the name is quoted as a whole ('button "a: b"').
  let first = (await focus.ariaSnapshot()).split('\n')[0];
  const quoted = /^- '(.*)'(:.*)?$/.exec(first);
  if (quoted) first = `- ${quoted[1].replace(/''/g, "'")}${quoted[2] ?? ''}`;
  const m = /^- ([\w-]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(first);
  // Playwright gives <summary> no role; Chrome exposes it as a disclosure button named by its text.
  const summaryText = /^- text: (.+)$/.exec(first);
  if (summaryText && (await focus.evaluate((el) => el.localName)) === 'summary') return { role: 'summary', name: summaryText[1] };
  return { role: m?.[1] ?? `? (${first})`, name: m?.[2] ?? '' };
}

/**
 * Tabs from the top of the panel until focus leaves it or comes round again, and checks
 * every stop. Returns the stops, for the report and for tests of specific controls.
 */
async function tabThrough(page: Page, view: FrameLocator, limit = 200): Promise<Array<Focused & { role: string; name: string }>> {
  // Focus the page itself, then start from its top.
  await view.locator('#derivation-title').click();
  const stops: Array<Focused & { role: string; name: string }> = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(view);
    if (!f || seen.has(f.key)) break;
    seen.add(f.key);
    const { role, name } = await accessibleName(view);
    stops.push({ ...f, role, name });
    if (!name.trim()) problems.push(`${f.what} (${role}) has no accessible name`);
    if (!f.visible) problems.push(`${f.what} takes focus but is not visible`);
    if (!f.indicator) problems.push(`${f.what} shows no focus indicator`);
  }
  assert.ok(stops.length > 0, 'Tab never reached a control in the panel');
  assert.deepStrictEqual(problems, [], `Tab stops:\n${stops.map((s) => `  ${s.role} "${s.name}" — ${s.what} — ${s.indicator}`).join('\n')}`);
  return stops;
}

/** Every typeset formula has text for screen readers; the drawing itself is hidden from them. */
async function checkFormulas(view: FrameLocator): Promise<number> {
  const report = await view.locator('body').evaluate(() => {
    const problems: string[] = [];
    const containers = [...document.querySelectorAll('mjx-container')];
    for (const c of containers) {
      const mml = c.querySelector('mjx-assistive-mml math');
      const text = (mml?.textContent ?? c.getAttribute('aria-label') ?? '').trim();
      if (!text) problems.push(`a formula has no accessible text: ${c.outerHTML.slice(0, 120)}`);
      const hidden = c.querySelector('mjx-assistive-mml');
      // Visually hidden, not display:none, or screen readers skip it too.
      if (hidden && getComputedStyle(hidden).display === 'none') problems.push('the assistive MathML is display:none');
      const svg = c.querySelector(':scope > svg');
      if (svg && svg.getAttribute('aria-hidden') !== 'true' && !svg.getAttribute('aria-label')) problems.push('a formula SVG is exposed without a label (read twice or as gibberish)');
    }
    return { count: containers.length, problems };
  });
  assert.deepStrictEqual(report.problems, []);
  return report.count;
}

/** Charts are images with a description; canvases too, unless decorative and hidden. */
async function checkGraphics(view: FrameLocator): Promise<number> {
  const report = await view.locator('body').evaluate(() => {
    const problems: string[] = [];
    const charts = [...document.querySelectorAll('svg.mdl-plot, canvas')].filter((el) => !el.closest('[aria-hidden="true"]'));
    for (const el of charts) {
      const role = el.getAttribute('role');
      const label = el.getAttribute('aria-label') ?? '';
      if (!['img', 'group', 'application'].includes(role ?? '')) problems.push(`${el.localName}.${el.getAttribute('class')} has role ${role}`);
      if (label.trim().length < 8) problems.push(`${el.localName}.${el.getAttribute('class')} has no descriptive label ("${label}")`);
    }
    return { count: charts.length, problems };
  });
  assert.deepStrictEqual(report.problems, []);
  return report.count;
}

async function waitForPanel(page: Page, tab: RegExp | string): Promise<FrameLocator> {
  await page.locator('.tabs-container .tab', { hasText: tab }).first().waitFor({ timeout: 30_000 });
  const view = webviewFrame(page);
  await view.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  await view.locator('.math svg').first().waitFor({ timeout: 30_000 });
  return view;
}

describe('UI: keyboard and screen-reader access, in the high-contrast themes', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-a11y', 'svd.md', {
    'workbench.colorTheme': 'Default High Contrast',
    'window.autoDetectHighContrast': false,
  });

  it('the workbench is in Default High Contrast', async () => {
    await ui.page.locator('.monaco-workbench.hc-black').waitFor();
  });

  it('SVD derivation: every Tab stop is named and shows focus; formulas and charts are accessible', async () => {
    await openFile(ui.page, 'svd.md');
    await selectInEditor(ui.page, '[[1,1],[1,0],[0,1]]');
    await runPaletteCommand(ui.page, 'MDL: Decompose selection (SVD)');
    const view = await waitForPanel(ui.page, 'SVD · 3×2');
    const stops = await tabThrough(ui.page, view);
    console.log(`      SVD: ${stops.length} Tab stops, ${await checkFormulas(view)} formulas, ${await checkGraphics(view)} charts`);
    for (const id of ['prev', 'next', 'mode-toggle', 'export-md', 'k-slider']) {
      assert.ok(stops.some((s) => s.what.startsWith(`${id === 'k-slider' ? 'input' : 'vscode-button'}#${id}`)) || id === 'prev', `#${id} is not reachable with Tab`);
    }
    await view.locator('#next').focus();
    await ui.shot('01-svd-next-focused-hc-dark');
  });

  it('SVD derivation: Enter and Space press buttons, the arrow keys move the k slider', async () => {
    const view = webviewFrame(ui.page);
    const counter = view.locator('#step-counter');
    await view.locator('#next').focus();
    await ui.page.keyboard.press('Enter');
    await counter.filter({ hasText: /^Step 2 of/ }).waitFor();
    await ui.page.keyboard.press(' ');
    await counter.filter({ hasText: /^Step 3 of/ }).waitFor();
    await view.locator('#prev').focus();
    await ui.page.keyboard.press(' ');
    await counter.filter({ hasText: /^Step 2 of/ }).waitFor();
    const toggle = view.locator('#mode-toggle');
    await toggle.focus();
    await ui.page.keyboard.press('Enter');
    await view.locator('#mode-toggle[aria-pressed="true"]').waitFor();
    await ui.page.keyboard.press(' ');
    await view.locator('#mode-toggle[aria-pressed="false"]').waitFor();
    const slider = view.locator('#k-slider');
    await slider.focus();
    await ui.page.keyboard.press('Home');
    assert.strictEqual(await slider.getAttribute('aria-valuetext'), 'k = 1 of 2');
    await ui.page.keyboard.press('ArrowRight');
    await view.locator('#k-slider[aria-valuetext="k = 2 of 2"]').waitFor();
    await ui.shot('02-svd-k-slider-focused-hc-dark');
  });

  it('SVD derivation, whole derivation with the step list open: every Tab stop is named and shows focus', async () => {
    const view = webviewFrame(ui.page);
    await view.locator('#mode-toggle').click();
    await view.locator('#mode-toggle[aria-pressed="true"]').waitFor();
    await view.locator('details.step-nav').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const stops = await tabThrough(ui.page, view);
    console.log(`      SVD, every step: ${stops.length} Tab stops, ${await checkFormulas(view)} formulas, ${await checkGraphics(view)} charts`);
    assert.ok(stops.filter((s) => s.what.includes('step-link')).length >= 10, 'the step list is not reachable with Tab');
    // What the accessibility tree holds for the singular values' formula: the maths as text, not an unnamed picture.
    const sigma = view.locator('.step', { has: view.locator('.step-heading', { hasText: /^Singular values$/ }) }).locator('.math').first();
    const tree = await sigma.ariaSnapshot();
    assert.match(tree, /σ/, `the formula's accessibility tree has no σ:\n${tree}`);
    assert.match(tree, /√|sqrt|3/, `the formula's accessibility tree has no √3:\n${tree}`);
    await view.locator('.step-link').nth(4).focus();
    // In high contrast the focus ring and the "current" marker share one colour; they must differ in style.
    const current = await view.locator('.step-link[aria-current="step"]').evaluate((el) => {
      const cs = getComputedStyle(el);
      return { style: cs.borderTopStyle, width: cs.borderTopWidth, colour: cs.borderTopColor };
    });
    const focusRing = stops.find((st) => st.what.includes('step-link'))!.indicator!;
    assert.ok(parseFloat(current.width) > 0 && current.colour !== 'rgba(0, 0, 0, 0)', `the current step has no border in high contrast: ${JSON.stringify(current)}`);
    assert.ok(!focusRing.includes(current.style), `current step (${current.style} border) looks like the focus ring (${focusRing})`);
    await ui.shot('02b-svd-whole-derivation-hc-dark');
    await view.locator('#mode-toggle').click();
    await view.locator('#mode-toggle[aria-pressed="false"]').waitFor();
  });

  it('PCA panel: every Tab stop is named and shows focus, the points included', async () => {
    // One editor group again, so the file and its selection are where the helpers look.
    await runPaletteCommand(ui.page, 'View: Close All Editor Groups');
    await ui.page.locator('.explorer-folders-view .monaco-list-row[aria-label="pca.md"]').click();
    await openFile(ui.page, 'pca.md');
    await selectLines(ui.page, 8, 3, 87);
    await runPaletteCommand(ui.page, 'MDL: Reduce dimensions (PCA)');
    const view = await waitForPanel(ui.page, 'PCA · 4×2 → 1');
    await view.locator('.pca-chart-inner svg').first().waitFor();
    const stops = await tabThrough(ui.page, view);
    console.log(`      PCA: ${stops.length} Tab stops, ${await checkFormulas(view)} formulas, ${await checkGraphics(view)} charts`);
    const points = stops.filter((s) => s.what.startsWith('circle'));
    assert.strictEqual(points.length, 4, 'Tab should visit each of the 4 samples once');
    assert.match(points[0].name, /\(.+\), PC1 score/);
    await view.locator('.pca-points circle').first().focus();
    await view.locator('.pca-chart-inner').scrollIntoViewIfNeeded();
    await ui.shot('03-pca-point-focused-hc-dark');
  });

  it('Activation Explorer: every Tab stop is named and shows focus; a parameter slider moves with the arrows', async () => {
    await runPaletteCommand(ui.page, 'MDL: Open Activation Explorer');
    const view = await waitForPanel(ui.page, /Activation · /);
    await view.locator('#activation-select').waitFor();
    // A function with a parameter, so the explorer shows a slider.
    await view.locator('#activation-select').selectOption({ label: 'Leaky ReLU' }).catch(async () => {
      const options = await view.locator('#activation-select option').allInnerTexts();
      throw new Error(`no Leaky ReLU among ${options.join(', ')}`);
    });
    const slider = view.locator('.act-param input[type="range"]').first();
    await slider.waitFor({ timeout: 15_000 });
    const stops = await tabThrough(ui.page, view);
    console.log(`      Activation Explorer: ${stops.length} Tab stops, ${await checkFormulas(view)} formulas, ${await checkGraphics(view)} charts`);
    for (const id of ['activation-select', 'compare-select', 'show-f', 'show-df']) assert.ok(stops.some((s) => s.what.includes(`#${id}`)), `#${id} is not reachable with Tab`);
    await slider.focus();
    const before = await slider.inputValue();
    const text = await slider.getAttribute('aria-valuetext');
    assert.ok(text && text.includes(before), `the slider's aria-valuetext "${text}" does not say its value ${before}`);
    await ui.page.keyboard.press('ArrowRight');
    assert.notStrictEqual(await slider.inputValue(), before, 'ArrowRight did not move the slider');
    await ui.page.waitForTimeout(400); // the host answers and the chart redraws
    await slider.scrollIntoViewIfNeeded();
    await ui.shot('04-activation-slider-focused-hc-dark');
  });

  it('Default High Contrast Light: the same panels, screenshots to look at', async () => {
    await runPaletteCommand(ui.page, 'Preferences: Color Theme');
    const input = ui.page.locator('.quick-input-widget input');
    await input.fill('Default High Contrast Light');
    await ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Default High Contrast Light' }).first().click();
    await ui.page.locator('.monaco-workbench.hc-light').waitFor();
    await ui.page.waitForTimeout(800); // the webview redraws its plots on the theme change
    const view = webviewFrame(ui.page);
    await view.locator('body.vscode-high-contrast-light').waitFor();
    const slider = view.locator('.act-param input[type="range"]').first();
    await slider.focus();
    await ui.shot('05-activation-slider-focused-hc-light');
    const stops = await tabThrough(ui.page, view);
    assert.ok(stops.length > 5);
    await view.locator('.act-chart').scrollIntoViewIfNeeded();
    await ui.shot('06-activation-chart-hc-light');
  });

  it('Default High Contrast Light: the SVD panel, its charts and heatmaps', async () => {
    await runPaletteCommand(ui.page, 'View: Close All Editor Groups');
    // Closing the panel can leave keyboard focus nowhere (Ctrl+P then goes unheard): give it to the workbench.
    await ui.page.locator('.explorer-folders-view .monaco-list-row[aria-label="svd.md"]').click();
    await openFile(ui.page, 'svd.md');
    await selectInEditor(ui.page, '[[1,1],[1,0],[0,1]]');
    await runPaletteCommand(ui.page, 'MDL: Decompose selection (SVD)');
    const view = await waitForPanel(ui.page, 'SVD · 3×2');
    await view.locator('#mode-toggle').click();
    await view.locator('details.step-nav').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await view.locator('.step-link').nth(4).click();
    await ui.page.waitForTimeout(500);
    await ui.shot('07-svd-whole-derivation-hc-light');
    await view.locator('#k-slider').focus();
    await view.locator('.matrices').scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(300);
    await ui.shot('08-svd-explorer-hc-light');
    assert.ok((await checkGraphics(view)) >= 3);
  });

  it('Default High Contrast Light: an Adam run (CodeLens), with its step sliders, Play buttons and loop code', async () => {
    await runPaletteCommand(ui.page, 'View: Close All Editor Groups');
    await ui.page.locator('.explorer-folders-view .monaco-list-row[aria-label="assignment.mdl.json"]').click();
    await openFile(ui.page, 'assignment.mdl.json');
    const lines = fs.readFileSync(path.join(repoRoot, 'examples', 'assignment.mdl.json'), 'utf8').split('\n');
    const q5 = lines.findIndex((l) => l.includes('"id": "q5"')) + 1;
    await ui.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await ui.page.keyboard.press('Control+G');
    await ui.page.keyboard.type(String(q5));
    await ui.page.keyboard.press('Enter');
    const lens = ui.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run Adam here' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    const view = await waitForPanel(ui.page, /Adam/);
    await view.locator('#mode-toggle').click();
    await view.locator('#mode-toggle[aria-pressed="true"]').waitFor();
    const stops = await tabThrough(ui.page, view, 400);
    const sliders = stops.filter((st) => st.role === 'slider');
    console.log(`      Adam run, every step: ${stops.length} Tab stops (${sliders.length} sliders), ${await checkFormulas(view)} formulas, ${await checkGraphics(view)} charts`);
    assert.ok(sliders.length >= 1, 'no run slider reachable with Tab');
    const slider = view.locator('.run-slider').first();
    await slider.focus();
    await ui.page.keyboard.press('Home');
    await view.locator('.run-slider[aria-valuetext^="t = 1 of"]').first().waitFor();
    await ui.page.keyboard.press('ArrowRight');
    await view.locator('.run-slider[aria-valuetext^="t = 2 of"]').first().waitFor();
    await view.locator('.run-figure').first().scrollIntoViewIfNeeded();
    await ui.shot('09-adam-run-slider-focused-hc-light');
  });
});
