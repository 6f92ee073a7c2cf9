// The student's path through the real workbench in real Chromium: open the example,
// select the matrix, run the command from the palette, step to the singular values,
// reload the window and find the panel where it was. Screenshots: test-results/ui/.
import * as assert from 'node:assert';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  CodeServer,
  launchBrowser,
  openFile,
  repoRoot,
  runPaletteCommand,
  screenshot,
  selectInEditor,
  startCodeServer,
  waitForWorkbench,
  webviewFrame,
  workbenchUrl,
} from '../harness';

const MATRIX = '[[1,1],[1,0],[0,1]]';
const shot = (page: Page, name: string) => screenshot(page, 'ui', name);

describe('UI: SVD of examples/svd.md', function () {
  this.bail(true); // each step builds on the one before
  let cs: CodeServer;
  let browser: Browser;
  let page: Page;
  let counterBefore = '';

  before(async () => {
    cs = await startCodeServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const folder = cs.freshWorkspace(path.join(repoRoot, 'examples'));
    await page.goto(workbenchUrl(cs, { folder }));
    await waitForWorkbench(page, 'svd.md');
  });

  after(async () => {
    await browser?.close();
    await cs?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await shot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('opens svd.md and selects the matrix', async () => {
    await openFile(page, 'svd.md');
    await shot(page, '01-svd-md-open');
    await selectInEditor(page, MATRIX);
    await shot(page, '02-matrix-selected');
  });

  it('runs "MDL: Decompose selection (SVD)" from the palette and shows the panel', async () => {
    await runPaletteCommand(page, 'MDL: Decompose selection (SVD)');
    await page.locator('.tabs-container .tab', { hasText: 'SVD · 3×2' }).waitFor();
    const view = webviewFrame(page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await view.locator('#step-counter', { hasText: /^Step 1 of \d+$/ }).waitFor();
    await shot(page, '03-panel-open');
  });

  it('steps with → to "Singular values" and shows σ₁ = √3', async () => {
    const view = webviewFrame(page);
    const counter = await view.locator('#step-counter').innerText();
    const total = Number(/of (\d+)/.exec(counter)![1]);
    await view.locator('#step-title').click(); // focus the webview so it gets the keys
    for (let i = 0; i < total && (await view.locator('#step-title').innerText()).trim() !== 'Singular values'; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(150); // let the webview render the step
    }
    assert.strictEqual((await view.locator('#step-title').innerText()).trim(), 'Singular values');
    assert.match(await view.locator('.step-text').innerText(), /σ₁ = √3/);
    counterBefore = (await view.locator('#step-counter').innerText()).trim();
    assert.notStrictEqual(counterBefore, 'Step 1 of ' + total, 'the arrows did not move the panel');
    await shot(page, '04-singular-values');
  });

  it('comes back on the same step after a window reload', async () => {
    // "Developer: Reload Window" reloads the page through the workbench's own shutdown,
    // which saves the editor layout first. A bare browser reload (F5) in code-server only
    // keeps what the workbench last flushed (every 60 s, or when the tab loses focus), so
    // a panel opened seconds earlier may not come back: that is the web workbench, not us.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runPaletteCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, 'svd.md');
    const view = webviewFrame(page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await view.locator('#step-counter', { hasText: counterBefore }).waitFor({ timeout: 15_000 });
    assert.strictEqual((await view.locator('#step-title').innerText()).trim(), 'Singular values');
    assert.match(await view.locator('.step-text').innerText(), /σ₁ = √3/);
    await shot(page, '05-after-reload');
  });
});
