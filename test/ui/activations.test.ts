// Activations in the real workbench: a real mouse hover over nn.SiLU shows the typeset maths
// as an image, the Activation Explorer opens, and so does each Question 6–9 panel.
// Screenshots: test-results/ui-activations/.
import * as assert from 'node:assert';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CodeServer, launchBrowser, openFile, repoRoot, runPaletteCommand, screenshot, startCodeServer, waitForWorkbench, webviewFrame, workbenchUrl } from '../harness';

/** Screen point over the middle of `word` in the editor, from the token span that contains it. */
async function pointAt(page: Page, word: string): Promise<{ x: number; y: number }> {
  // Monaco re-renders lines as tokenisation finishes, so retry until the token holds still.
  for (let attempt = 0; ; attempt++) {
    const token = page.locator('.view-lines .view-line span span', { hasText: word }).first();
    await token.waitFor();
    const text = await token.innerText();
    const box = await token.boundingBox();
    if (box && text.includes(word)) {
      const width = box.width / text.length;
      return { x: box.x + (text.indexOf(word) + word.length / 2) * width, y: box.y + box.height / 2 };
    }
    if (attempt > 20) throw new Error(`"${word}" is not on screen`);
    await page.waitForTimeout(250);
  }
}

const shot = (page: Page, name: string) => screenshot(page, 'ui-activations', name);

describe('UI: activation hovers and panels', function () {
  this.bail(true);
  let cs: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    cs = await startCodeServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(cs, { folder: cs.freshWorkspace(path.join(repoRoot, 'examples')) }));
    await waitForWorkbench(page, 'activations.py');
  });

  after(async () => {
    await browser?.close();
    await cs?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await shot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('a mouse hover over nn.SiLU shows f and f′ as rendered images', async () => {
    await openFile(page, 'activations.py');
    const point = await pointAt(page, 'SiLU');
    const hover = page.locator('.monaco-hover:visible');
    // The hover needs the language service and our worker; move off and on again until it shows.
    for (let i = 0; i < 10 && !(await hover.locator('img[src^="data:image/svg+xml"]').count()); i++) {
      await page.mouse.move(10, 10);
      await page.mouse.move(point.x, point.y);
      await page.waitForTimeout(1500);
    }
    const images = hover.locator('img[src^="data:image/svg+xml"]');
    assert.ok((await images.count()) >= 3, 'expected the f, f′ and plot images');
    const box = await images.first().boundingBox();
    assert.ok(box && box.width > 10 && box.height > 5, 'the maths image is not rendered');
    assert.match(await hover.innerText(), /Open in Activation Explorer/);
    await shot(page, '01-hover-silu');
  });

  it('no hover on relu_count', async () => {
    await page.mouse.move(10, 10);
    await page.waitForTimeout(500);
    const point = await pointAt(page, 'relu_count');
    await page.mouse.move(point.x, point.y);
    await page.waitForTimeout(1500);
    assert.strictEqual(await page.locator('.monaco-hover:visible img[src^="data:image/svg+xml"]').count(), 0);
  });

  for (const [command, tab, name] of [
    ['MDL: Open Activation Explorer', /Activation · /, '02-activation-explorer'],
    ['MDL: Cross-entropy vs MSE (Question 6)', /Cross-entropy vs MSE/, '03-cross-entropy'],
    ['MDL: Sigmoid zig-zag (Question 8)', /Sigmoid zig-zag/, '04-zigzag'],
  ] as const) {
    it(`"${command}" opens its panel`, async () => {
      await runPaletteCommand(page, command);
      await page.locator('.tabs-container .tab', { hasText: tab }).first().waitFor({ timeout: 30_000 });
      await webviewFrame(page).locator('body[data-ready="true"] .math svg').first().waitFor({ timeout: 30_000 });
      await shot(page, name);
    });
  }

  it('"MDL: Differentiate an activation" derives the Swish derivative', async () => {
    await runPaletteCommand(page, 'MDL: Differentiate an activation (Question 9)');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('x * sigmoid(x)');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: /d\/dx/ }).first().waitFor({ timeout: 30_000 });
    const view = webviewFrame(page);
    await view.locator('body[data-ready="true"] .math svg').first().waitFor({ timeout: 30_000 });
    await shot(page, '05-derivative');
  });
});
