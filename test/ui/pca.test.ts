// PCA in the real workbench: select the assignment's table in examples/pca.md, run
// "MDL: Reduce dimensions (PCA)", find the projections and the scatter plot, and take
// screenshots in the light and the dark theme. Screenshots: test-results/ui-pca/.
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
  startCodeServer,
  waitForWorkbench,
  webviewFrame,
  workbenchUrl,
} from '../harness';

const shot = (page: Page, name: string) => screenshot(page, 'ui-pca', name);

describe('UI: PCA of the assignment table in examples/pca.md', function () {
  this.bail(true);
  let cs: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    cs = await startCodeServer({ settings: { 'workbench.colorTheme': 'Default Light Modern', 'workbench.preferredDarkColorTheme': 'Default Dark Modern' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(cs, { folder: cs.freshWorkspace(path.join(repoRoot, 'examples')) }));
    await waitForWorkbench(page, 'pca.md');
  });

  after(async () => {
    await browser?.close();
    await cs?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await shot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('selects the tab-separated table (features as rows) and runs the command', async () => {
    await openFile(page, 'pca.md');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.locator('#status\\.editor\\.selection', { hasText: /\(87 selected\)/ }).waitFor();
    await runPaletteCommand(page, 'MDL: Reduce dimensions (PCA)');
    await page.locator('.tabs-container .tab', { hasText: 'PCA · 4×2 → 1' }).waitFor();
    await webviewFrame(page).locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await shot(page, '01-panel-open-light');
  });

  it('draws the scatter plot with the principal axes', async () => {
    const view = webviewFrame(page);
    await view.locator('#pca-heading').waitFor();
    assert.ok((await view.locator('.pca-chart-inner svg').count()) >= 1, 'no scatter plot');
    assert.match(await view.locator('.pca-orientation-text').innerText(), /Features as rows/);
  });

  it('steps to the projections and shows the first principal component ±(−4.3052, 3.7361, 5.6928, −5.1238)', async () => {
    const view = webviewFrame(page);
    await view.locator('#step-title').click();
    for (let i = 0; i < 12 && !/^Project onto/.test((await view.locator('#step-title').innerText()).trim()); i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(150);
    }
    assert.match((await view.locator('#step-title').innerText()).trim(), /^Project onto the first component/);
    const text = await view.locator('body').innerText();
    for (const v of ['4.3052', '3.7361', '5.6928', '5.1238']) assert.ok(text.includes(v), `${v} is not shown`);
    await view.locator('#pca-heading').scrollIntoViewIfNeeded();
    await shot(page, '02-projections-light');
  });

  it('follows the dark theme', async () => {
    await runPaletteCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor();
    await page.waitForTimeout(800); // the webview redraws its plots on the theme change
    await shot(page, '03-projections-dark');
    await webviewFrame(page).locator('.pca-chart-inner').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, '04-scatter-dark');
  });
});
