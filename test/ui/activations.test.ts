// Activations in the real workbench: a real mouse hover over nn.SiLU shows the typeset maths
// as an image, the Activation Explorer opens, and so does each Question 6–9 panel.
// Screenshots: test-results/ui-activations/.
import * as assert from 'node:assert';
import type { Page } from 'playwright-core';
import { openFile, runPaletteCommand, useWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';

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


describe('UI: activation hovers and panels', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-activations', 'activations.py');

  it('a mouse hover over nn.SiLU shows f and f′ as rendered images', async () => {
    await openFile(ui.page, 'activations.py');
    const point = await pointAt(ui.page, 'SiLU');
    const hover = ui.page.locator('.monaco-hover:visible');
    // The hover needs the language service and our worker; move off and on again until it shows.
    for (let i = 0; i < 10 && !(await hover.locator('img[src^="data:image/svg+xml"]').count()); i++) {
      await ui.page.mouse.move(10, 10);
      await ui.page.mouse.move(point.x, point.y);
      await ui.page.waitForTimeout(1500);
    }
    const images = hover.locator('img[src^="data:image/svg+xml"]');
    assert.ok((await images.count()) >= 3, 'expected the f, f′ and plot images');
    const box = await images.first().boundingBox();
    assert.ok(box && box.width > 10 && box.height > 5, 'the maths image is not rendered');
    assert.match(await hover.innerText(), /Open in Activation Explorer/);
    await ui.shot('01-hover-silu');
  });

  it('no hover on relu_count', async () => {
    await ui.page.mouse.move(10, 10);
    await ui.page.waitForTimeout(500);
    const point = await pointAt(ui.page, 'relu_count');
    await ui.page.mouse.move(point.x, point.y);
    await ui.page.waitForTimeout(1500);
    assert.strictEqual(await ui.page.locator('.monaco-hover:visible img[src^="data:image/svg+xml"]').count(), 0);
  });

  for (const [command, tab, name] of [
    ['MDL: Open Activation Explorer', /Activation · /, '02-activation-explorer'],
    ['MDL: Cross-entropy vs MSE (Question 6)', /Cross-entropy vs MSE/, '03-cross-entropy'],
    ['MDL: Sigmoid zig-zag (Question 8)', /Sigmoid zig-zag/, '04-zigzag'],
  ] as const) {
    it(`"${command}" opens its panel`, async () => {
      await runPaletteCommand(ui.page, command);
      await ui.page.locator('.tabs-container .tab', { hasText: tab }).first().waitFor({ timeout: 30_000 });
      await webviewFrame(ui.page).locator('body[data-ready="true"] .math svg').first().waitFor({ timeout: 30_000 });
      await ui.shot(name);
    });
  }

  it('"MDL: Differentiate an activation" derives the Swish derivative', async () => {
    await runPaletteCommand(ui.page, 'MDL: Differentiate an activation (Question 9)');
    const input = ui.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('x * sigmoid(x)');
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.tabs-container .tab', { hasText: /d\/dx/ }).first().waitFor({ timeout: 30_000 });
    const view = webviewFrame(ui.page);
    await view.locator('body[data-ready="true"] .math svg').first().waitFor({ timeout: 30_000 });
    await ui.shot('05-derivative');
  });
});
