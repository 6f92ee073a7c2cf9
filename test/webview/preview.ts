/**
 * Preview harness for the webview renderer, outside VS Code.
 *
 *   npx tsx test/webview/preview.ts [part of a scenario name]
 *
 * Plays the host's part (show, busy, error, navigate, truncation replies,
 * PCA edits, Activation Explorer changes) against the real bundle and HTML,
 * checks the DOM contract, keyboard use, posted messages and persisted
 * state, and screenshots light, dark and high-contrast themes into
 * test-results/webview-preview/. Exits non-zero if a check fails, the page
 * logs a console error, or the CSP blocks anything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { HostMessage } from '../../src/protocol';
import { build, check, failures, open, outDir, root, serve, type Session } from './harness';
import { bigExample, hostileDerivation, smallTruncations, svdDerivation } from './sampleDerivation';
import { assignment, pcaHost } from './pcaData';
import { bigPlane, measureRedraw, pcaAssignment, pcaNarrow, pcaScores, pcaUpdateKeepsScroll } from './pcaScenarios';
import type { ThemeName } from './themes';
import { activationInteraction, activationThemes, lossTopics } from './activationScenarios';
import { divergingPath, gdCompareRuns, gdCopy, gdLoop, optimNarrow, rosenbrockRun, runPlayback } from './optimScenarios';
import { activationHost } from './topicData';
import { imageExplorer, measureImageMove } from './imageScenarios';

const show = (derivation = svdDerivation, step = 0, mode: 'step' | 'all' = 'step', k?: number): HostMessage => ({
  type: 'show',
  input: { kind: 'svd', text: '[[1, 1], [1, 0], [0, 1]]', source: 'examples/svd.py:3' },
  derivation,
  view: k === undefined ? { step, mode } : { step, mode, k },
  precision: 4,
});

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const last = <T>(list: T[]) => list[list.length - 1];

// ---------------------------------------------------------------------------
// Scenarios

async function lightWalkthrough(s: Session): Promise<void> {
  const { page } = s;
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  check((await s.posted())[0]?.type === 'ready', 'posts ready on load');
  await s.send(show());
  await page.waitForSelector('body[data-ready="true"]');
  check((await text(page, '#step-counter')) === 'Step 1 of 11', 'counter reads "Step 1 of 11"');
  check((await text(page, '#step-title')) === 'The matrix', '#step-title is the first title');
  check((await page.locator('.math').count()) === 1, 'one .math in step mode');
  check((await page.locator('.math svg').count()) >= 1, 'the formula is typeset to SVG');
  check((await page.locator('.math mjx-assistive-mml math').count()) === 1, 'assistive MathML accompanies the formula');
  check(await page.locator('#prev').evaluate((b) => b.hasAttribute('disabled')), '#prev disabled on the first step');
  await s.shot('light-step-01');

  await page.click('#next');
  check((await text(page, '#step-counter')) === 'Step 2 of 11', '#next moves to step 2');
  const changed = last(await s.posted());
  check(changed?.type === 'viewChanged' && changed.view.step === 1 && changed.view.mode === 'step', 'posts viewChanged after #next');
  const state = await page.evaluate(() => (window as unknown as { __state: { version: number; view: { step: number } } }).__state);
  check(state?.version === 1 && state.view.step === 1, 'persists {version: 1, input, view} with setState');
  check((await page.locator('.highlight').count()) === 2, 'highlights listed under the maths');
  await s.shot('light-step-02-highlights');

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  check((await text(page, '#step-counter')) === 'Step 4 of 11', '→ key moves forward');
  await page.waitForSelector('.chart svg.mdl-plot');
  await s.shot('light-step-04-bar');
  await page.keyboard.press('End');
  check((await text(page, '#step-counter')) === 'Step 11 of 11', 'End goes to the last step');
  await page.keyboard.press('Home');
  check((await text(page, '#step-counter')) === 'Step 1 of 11', 'Home goes to the first step');
  await page.keyboard.press('ArrowLeft');
  check((await text(page, '#step-counter')) === 'Step 1 of 11', '← on the first step stays put');
  await s.send({ type: 'navigate', to: 'last' });
  check((await text(page, '#step-counter')) === 'Step 11 of 11', 'host navigate "last"');
  await s.send({ type: 'navigate', to: 'previous' });
  check((await text(page, '#step-counter')) === 'Step 10 of 11', 'host navigate "previous"');

  await page.locator('.step-link').nth(4).click();
  check((await text(page, '#step-counter')) === 'Step 5 of 11', 'clicking the step list');
  check((await page.locator('.step-link').nth(4).getAttribute('aria-current')) === 'step', 'aria-current marks the current step');
  check((await page.locator('.data-table tbody tr').count()) === 2, 'table rows drawn');
  await s.shot('light-step-05-table');

  await page.click('#copy-tex');
  const copy = last(await s.posted());
  check(copy?.type === 'copyTex' && copy.step === 4, '#copy-tex posts copyTex with the step index');
  await page.click('#export-md');
  check(last(await s.posted())?.type === 'exportMarkdown', '#export-md posts exportMarkdown');

  // The truncation explorer: k from 1 to 2 by keyboard; the stub host answers.
  await page.keyboard.press('End');
  await page.waitForSelector('.matrix-grid >> nth=1');
  await page.focus('#k-slider');
  await page.keyboard.press('ArrowRight');
  check((await text(page, '#step-counter')) === 'Step 11 of 11', 'arrow keys on the slider do not change step');
  await page.waitForFunction(() => document.querySelector('.k-output')?.textContent === 'k = 2 of 2');
  await page.waitForTimeout(300);
  const posted = await s.posted();
  check(posted.some((m) => m.type === 'requestTruncation' && m.k === 2), 'moving the slider posts requestTruncation');
  check(posted.some((m) => m.type === 'viewChanged' && m.view.k === 2), 'moving the slider posts viewChanged with k');
  await page.waitForFunction(() => document.querySelectorAll('.matrix-grid')[1]?.textContent?.includes('1.0000'));
  const grid = await page.locator('.matrix-grid').nth(1).locator('td').allTextContents();
  check(grid.join(' ') === '1.0000 1.0000 1.0000 0.0000 0.0000 1.0000', `A_2 drawn from the reply to precision (${grid.join(' ')})`);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelectorAll('.matrix-grid')[1]?.textContent?.includes('0.5000'));
  await s.shot('light-step-11-explorer', true);

  await s.send({ type: 'bogus', payload: '<img src=x>' });
  await s.send({ type: 'show', derivation: 'nope' });
  await page.waitForTimeout(50);
  check(s.warnings.filter((w) => w.includes('not in the protocol')).length === 2, 'messages outside the protocol are ignored with a warning');
  check((await text(page, '#step-counter')) === 'Step 11 of 11', 'and change nothing');
}

async function darkModes(s: Session): Promise<void> {
  const { page } = s;
  await s.send(show(svdDerivation, 9));
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('.chart svg.mdl-plot');
  check((await page.locator('.plot-legend li').count()) === 2, 'legend for two series');
  await s.shot('dark-step-10-line');

  const before = await page.locator('.chart svg.mdl-plot g[aria-label="line"]').first().getAttribute('stroke');
  await s.setTheme('light');
  await page.waitForTimeout(200);
  const after = await page.locator('.chart svg.mdl-plot g[aria-label="line"]').first().getAttribute('stroke');
  check(before !== after && after === '#1a85ff', `plots redraw on theme change (${before} → ${after})`);
  await s.setTheme('dark');

  await page.click('#mode-toggle');
  check((await page.locator('#mode-toggle').getAttribute('aria-pressed')) === 'true', '#mode-toggle is pressed');
  check((await page.locator('.math').count()) === 11, 'whole derivation shows every step');
  check((await page.locator('#step-title').count()) === 1 && (await page.locator('#copy-tex').count()) === 1, 'ids stay unique in whole mode');
  const mode = last(await s.posted());
  check(mode?.type === 'viewChanged' && mode.view.mode === 'all', 'mode change posts viewChanged');
  await page.waitForTimeout(300);
  await page.keyboard.press('Home');
  await s.shot('dark-all', true);
  await page.locator('.step-link').nth(6).click();
  await page.waitForTimeout(100);
  check((await text(page, '#step-counter')) === 'Step 7 of 11', 'list click in whole mode');
  const top = await page.locator('.step[data-index="6"]').evaluate((el) => el.getBoundingClientRect().top);
  check(top >= 0 && top < 120, `…scrolls that step to the top (${Math.round(top)} px)`);
  await s.shot('dark-all-step-07');
  await page.click('#mode-toggle');
  check((await page.locator('.math').count()) === 1 && (await text(page, '#step-counter')) === 'Step 7 of 11', 'back to step mode at the same step');

  await s.send({ type: 'busy', message: 'Decomposing a 300×200 matrix…' });
  check((await page.locator('vscode-progress-ring').count()) === 1, 'busy shows a progress ring');
  await s.shot('dark-busy', false, 1000); // mid-spin, so the ring is visible
  await s.send({ type: 'error', message: 'Could not parse the selection as a matrix: row 2 has 3 entries, row 1 has 2.' });
  check((await text(page, '#error'))?.startsWith('Could not parse') === true, '#error shows the message');
  await s.shot('dark-error');
}

async function highContrast(s: Session): Promise<void> {
  const { page } = s;
  await s.send(show(svdDerivation, 1));
  await page.waitForSelector('body[data-ready="true"]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await s.shot('hc-step-02-focus');
  await s.send({ type: 'navigate', to: 'last' });
  await page.waitForSelector('.matrix-grid >> nth=1');
  await s.shot('hc-step-11-explorer', true);

  // A restored view in whole-derivation mode opens scrolled to its step.
  await s.send(show(svdDerivation, 6, 'all'));
  await page.waitForTimeout(600);
  const top = await page.locator('.step[data-index="6"]').evaluate((el) => el.getBoundingClientRect().top);
  check(top >= 0 && top < 120 && (await text(page, '#step-counter')) === 'Step 7 of 11', `show in whole mode scrolls to the restored step (${Math.round(top)} px)`);
}

async function bigMatrix(s: Session): Promise<void> {
  const { page } = s;
  const big = bigExample(24, 30);
  const started = Date.now();
  await s.send(show(big.derivation, 0, 'step', 3));
  await page.waitForSelector('body[data-ready="true"]');
  // Reported, not asserted: speed belongs to npm run bench.
  console.log(`  info a 24×30 matrix in TeX typeset in ${Date.now() - started} ms`);
  check((await page.locator('.math svg').count()) >= 1, '…as SVG');
  check((await page.locator('.math[tabindex="0"][role="region"]').count()) === 1, 'a formula wider than the panel can be scrolled by keyboard');
  await s.shot('dark-big-step-01');
  await page.keyboard.press('End');
  await page.waitForSelector('canvas.heatmap >> nth=1');
  check((await page.locator('.matrix-grid').count()) === 0, 'no number grid above 12 columns');
  check((await page.locator('#k-slider').getAttribute('max')) === '24', 'slider runs to min(m, n)');
  await page.locator('#k-slider').scrollIntoViewIfNeeded();
  await s.shot('dark-big-heatmaps', true);
}

async function hostile(s: Session): Promise<void> {
  const { page } = s;
  const started = Date.now();
  await s.send(show(hostileDerivation, 0, 'all'));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  check(Date.now() - started < 5000, `hostile TeX renders promptly (${Date.now() - started} ms)`);
  const leaked = await page.evaluate(() => ({
    pwned: document.body.dataset.pwned,
    tags: document.querySelectorAll('#app img, #app script, #app a, #app b, #app i').length,
    classes: document.querySelectorAll('#app .evil, #app .x, #y, #a').length,
  }));
  check(!leaked.pwned && leaked.tags === 0 && leaked.classes === 0, `markup and unsafe TeX stay inert (${JSON.stringify(leaked)})`);
  check((await text(page, '.derivation-title'))?.startsWith('<img') === true, 'titles are shown as text');
  check((await page.locator('.part-error').count()) === 1, 'a malformed plot is reported in place');
  await s.shot('light-hostile', true);
}

async function narrow(s: Session): Promise<void> {
  const { page } = s;
  await s.send(show(svdDerivation, 3));
  await page.waitForSelector('.chart svg.mdl-plot');
  await s.shot('light-narrow-step-04', true);
}

async function restored(s: Session): Promise<void> {
  const { page } = s;
  check((await text(page, '.empty')) === 'Restoring the derivation…', 'a saved state shows "Restoring…" until the host re-sends show');
}

// ---------------------------------------------------------------------------

type Scenario = [string, ThemeName, (s: Session) => Promise<void>, Parameters<typeof open>[3]];

/** The same scenario in light, dark and high contrast; screenshots are prefixed light-, dark-, hc-. */
function themed(name: string, run: (s: Session, prefix: string) => Promise<void>, opts: Parameters<typeof open>[3]): Scenario[] {
  const prefixes: Record<ThemeName, string> = { light: 'light', dark: 'dark', 'high-contrast': 'hc' };
  return (Object.keys(prefixes) as ThemeName[]).map((theme) => [name, theme, (s) => run(s, prefixes[theme]), opts]);
}

/** Update → redraw measurements, printed at the end. */
const timings: string[] = [];
/** Image slider: per-move redraw times, printed at the end. */
const imageTimings: string[] = [];

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  console.log(await build());
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const small = (k: number) => smallTruncations[k];
  const big = bigExample(24, 30);
  const scenarios: Scenario[] = [
    ['light walkthrough', 'light', lightWalkthrough, { truncate: small }],
    ['dark: plots, whole derivation, busy, error', 'dark', darkModes, { truncate: small }],
    ['high contrast', 'high-contrast', highContrast, { truncate: small }],
    ['big matrix', 'dark', bigMatrix, { truncate: big.truncate }],
    ['hostile input', 'light', hostile, {}],
    ['narrow panel', 'light', narrow, { width: 480, height: 900, truncate: small }],
    ['restored panel', 'dark', restored, { savedState: { version: 1, input: { kind: 'svd', text: '1' }, view: { step: 0, mode: 'step' } } }],
    ['PCA: the assignment', 'light', (s) => pcaAssignment(s, 'light'), { host: pcaHost(assignment) }],
    ['PCA: the assignment', 'dark', (s) => pcaAssignment(s, 'dark'), { host: pcaHost(assignment) }],
    ['PCA: the assignment', 'high-contrast', (s) => pcaAssignment(s, 'hc'), { host: pcaHost(assignment) }],
    ['PCA: an update in whole-derivation mode', 'light', pcaUpdateKeepsScroll, {}],
    ['PCA: d = 5 scores view', 'light', (s) => pcaScores(s, 'light'), {}],
    ['PCA: d = 5 scores view', 'dark', (s) => pcaScores(s, 'dark'), {}],
    ['PCA: d = 5 scores view', 'high-contrast', (s) => pcaScores(s, 'hc'), {}],
    ['PCA: narrow panel', 'light', pcaNarrow, { width: 480, height: 900 }],
    ['PCA: update → redraw, N = 4', 'dark', async (s) => void timings.push(await measureRedraw(s, 4)), {}],
    ['PCA: update → redraw, N = 500', 'dark', async (s) => void timings.push(await measureRedraw(s, bigPlane.samples.length)), {}],
    ...themed('Activation explorer', activationThemes, { host: activationHost() }),
    ['Activation explorer: every control', 'light', activationInteraction, { host: activationHost(20) }],
    ...themed('Losses and derivatives', lossTopics, {}),
    ...themed('Optimizers: Rosenbrock, Adam vs four', rosenbrockRun, {}),
    ['Optimizers: playing the run', 'dark', runPlayback, {}],
    ['Optimizers: a diverging path', 'light', divergingPath, {}],
    ...themed('Optimizers: the training loop', gdLoop, {}),
    ['Optimizers: copying the loop', 'light', gdCopy, { permissions: ['clipboard-read', 'clipboard-write'] }],
    ...themed('Optimizers: batch vs SGD vs mini-batch', gdCompareRuns, {}),
    ['Optimizers: narrow panel', 'light', optimNarrow, { width: 480, height: 900 }],
    ['Image: compress shapes-256', 'light', (s) => imageExplorer(s, 'light'), {}],
    ['Image: compress shapes-256', 'dark', (s) => imageExplorer(s, 'dark'), {}],
    ['Image: compress shapes-256', 'high-contrast', (s) => imageExplorer(s, 'hc'), {}],
    ['Image: per-move redraw, 1024² grey', 'dark', async (s) => void imageTimings.push(await measureImageMove(s, 'gray')), {}],
    ['Image: per-move redraw, 1024² RGB', 'dark', async (s) => void imageTimings.push(await measureImageMove(s, 'rgb')), {}],
  ];
  try {
    // `npx tsx test/webview/preview.ts PCA` runs only the scenarios whose name contains "PCA".
    const only = process.argv[2];
    for (const [name, theme, run, opts] of scenarios.filter(([name]) => !only || name.includes(only))) {
      console.log(`\n${name} (${theme})`);
      const s = await open(browser, server.origin, theme, opts);
      try {
        await run(s);
      } catch (err) {
        check(false, `${name} threw: ${err instanceof Error ? err.message : err}`);
      }
      const csp = await s.close();
      check(csp.length === 0, `no CSP violations${csp.length ? ': ' + csp.join(' | ') : ''}`);
      check(s.errors.length === 0, `no console errors${s.errors.length ? ': ' + s.errors.join(' | ') : ''}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (timings.length) console.log(`\nPCA update → redrawn scatter (median of 10):\n  ${timings.join('\n  ')}`);
  if (imageTimings.length) console.log(`\nImage slider, per move (accumulator + pixels + figures + putImageData):\n  ${imageTimings.join('\n  ')}`);
  console.log(`\nScreenshots in ${path.relative(root, outDir)}/`);
  if (failures.length) {
    console.error(`\n${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}

void main();
