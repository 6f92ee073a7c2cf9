// "Developer: Reload Window" with a real reload, for panel kinds beyond SVD (test/ui/svd.test.ts
// covers SVD): each panel is opened from the palette, moved on (a step, or the image's rank
// slider), the window is reloaded, and the panel must come back where it was.
// Screenshots: test-results/ui-restore/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { mdlPanelFrame, openFile, runPaletteCommand, useWorkbench, waitForWorkbench } from '../harness';

async function reload(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runPaletteCommand(page, 'Developer: Reload Window');
  await reloaded;
  await waitForWorkbench(page, 'svd.md');
}

/** Steps forward twice with → and returns the step counter ("Step 3 of 9"). */
async function stepTwice(page: Page, view: FrameLocator): Promise<string> {
  await view.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  await view.locator('#step-title').click();
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
  }
  const counter = (await view.locator('#step-counter').innerText()).trim();
  assert.match(counter, /^Step 3 of \d+$/);
  await page.waitForTimeout(500); // the webview reports and persists its view shortly after a move
  return counter;
}

describe('UI: every panel kind comes back after "Developer: Reload Window"', function () {
  const ui = useWorkbench('ui-restore', 'svd.md');

  for (const [label, command] of [
    ['Activation Explorer', 'MDL: Open Activation Explorer'],
    ['Sigmoid zig-zag', 'MDL: Sigmoid zig-zag (Question 8)'],
    ['Cross-entropy', 'MDL: Cross-entropy vs MSE (Question 6)'],
  ] as const) {
    it(`${label}: same panel, same step`, async () => {
      await runPaletteCommand(ui.page, command);
      const view = mdlPanelFrame(ui.page);
      const counter = await stepTwice(ui.page, view);
      const title = (await view.locator('#step-title').innerText()).trim();
      await reload(ui.page);
      const restored = mdlPanelFrame(ui.page);
      await restored.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
      await restored.locator('#step-counter', { hasText: counter }).waitFor({ timeout: 30_000 });
      assert.strictEqual((await restored.locator('#step-title').innerText()).trim(), title);
      await ui.shot(`${label.replace(/\W+/g, '-').toLowerCase()}-after-reload`);
    });
  }

  it('image compression: same picture, same rank on the slider', async () => {
    const rows = ui.page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: /^images$/ }).first().click();
    await rows.filter({ hasText: 'shapes-256.png' }).first().click();
    await ui.page.locator('.tabs-container .tab[aria-label*="shapes-256.png"]').first().waitFor();
    await runPaletteCommand(ui.page, 'MDL: Compress image with SVD');
    const view = mdlPanelFrame(ui.page);
    await view.locator('#image-k-slider').waitFor({ timeout: 60_000 });
    await view.locator('#image-k-slider').focus();
    await ui.page.keyboard.press('Home');
    for (let i = 1; i < 7; i++) await ui.page.keyboard.press('ArrowRight');
    await view.locator('#image-k-output', { hasText: /\b7\b/ }).waitFor();
    await ui.page.waitForTimeout(800); // reported and persisted shortly after the slider settles
    await reload(ui.page);
    const restored = mdlPanelFrame(ui.page);
    await restored.locator('#image-k-slider').waitFor({ timeout: 60_000 });
    await restored.locator('#image-k-output', { hasText: /\b7\b/ }).waitFor({ timeout: 30_000 });
    assert.strictEqual(await restored.locator('#image-k-slider').inputValue(), '7');
    await ui.shot('image-after-reload');
  });

  it('a large selection (kept out of the webview, stashed by the host) comes back too', async () => {
    // 160×160 integers: well over the 64 KB that travel to the webview as they are.
    const folder = new URL(ui.page.url()).searchParams.get('folder');
    assert.ok(folder, 'no folder in the workbench URL');
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) % 199;
    const rows = Array.from({ length: 160 }, () => Array.from({ length: 160 }, () => next() - 99).join(' '));
    fs.writeFileSync(path.join(folder, 'large.txt'), rows.join('\n') + '\n');
    await openFile(ui.page, 'large.txt');
    await ui.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await ui.page.keyboard.press('Control+A');
    await runPaletteCommand(ui.page, 'MDL: Decompose selection (SVD)');
    await ui.page.locator('.tabs-container .tab', { hasText: 'SVD · 160×160' }).waitFor({ timeout: 60_000 });
    const view = mdlPanelFrame(ui.page);
    const counter = await stepTwice(ui.page, view);
    await reload(ui.page);
    const restored = mdlPanelFrame(ui.page);
    await restored.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await restored.locator('#step-counter', { hasText: counter }).waitFor({ timeout: 30_000 });
    await ui.page.locator('.tabs-container .tab', { hasText: 'SVD · 160×160' }).waitFor();
    await ui.shot('large-svd-after-reload');
  });
});
