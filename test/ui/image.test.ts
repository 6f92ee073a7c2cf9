// Image compression in the real workbench: open examples/images/shapes-256.png, run
// "MDL: Compress image with SVD" on it, move the rank slider and watch the rank-k picture
// and the figures change, save the rank-k picture (and refuse to overwrite it silently), and
// compute more components. Screenshots at k = 1, 10 and 50: test-results/ui-image/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeImage } from '../../src/core/image/codec';
import { encodePng } from '../../src/core/image';
import { picture } from '../../bench/picture';
import type { FrameLocator, Page } from 'playwright-core';
import { mdlPanelFrame, runPaletteCommand, useWorkbench, stepsBuildOnEachOther } from '../harness';

/** Set the slider to k with the keyboard (Home, then → k−1 times) and wait for the panel to follow. */
async function setRank(page: Page, view: FrameLocator, k: number): Promise<void> {
  const slider = view.locator('#image-k-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 1; i < k; i++) await page.keyboard.press('ArrowRight');
  await view.locator('#image-k-output', { hasText: new RegExp(`\\b${k}\\b`) }).waitFor();
  await page.waitForTimeout(200);
}

describe('UI: compress examples/images/shapes-256.png', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-image', 'svd.md');

  it('opens the image and runs "MDL: Compress image with SVD"', async () => {
    // Through the explorer (no search index needed): the image opens in VS Code's image preview.
    const rows = ui.page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: /^images$/ }).first().click();
    await rows.filter({ hasText: 'shapes-256.png' }).first().click();
    // The command compresses the active tab's image, so wait until the preview is the active tab.
    await ui.page.locator('.tabs-container .tab.active[aria-label*="shapes-256.png"]').first().waitFor();
    await ui.shot('00-image-preview');
    await runPaletteCommand(ui.page, 'MDL: Compress image with SVD');
    // Our panel's tab (the preview's tab has the file name too).
    await ui.page.locator('.tabs-container .tab', { hasText: /SVD · shapes-256/ }).first().waitFor({ timeout: 30_000 });
    const view = mdlPanelFrame(ui.page);
    await view.locator('#image-heading').waitFor({ timeout: 30_000 });
    // The rank-k sum above the layers is typeset after the first picture is painted.
    await view.locator('.image-strip-tex svg').first().waitFor({ timeout: 10_000 });
    await view.locator('.image-strip').scrollIntoViewIfNeeded();
    await ui.shot('01-layers-strip');
    await view.locator('#image-heading').scrollIntoViewIfNeeded();
  });

  it('the rank-k picture and the figures change with the slider (k = 1, 10, 50)', async () => {
    const view = mdlPanelFrame(ui.page);
    const pictures: string[] = [];
    const figures: string[] = [];
    for (const k of [1, 10, 50]) {
      await setRank(ui.page, view, k);
      pictures.push(await view.locator('.image-pair canvas').nth(1).evaluate((c) => (c as HTMLCanvasElement).toDataURL()));
      figures.push(await view.locator('.image-figures').innerText());
      await view.locator('.image-pair').scrollIntoViewIfNeeded();
      await ui.page.waitForTimeout(150);
      await ui.shot(`k-${k}`);
    }
    assert.notStrictEqual(pictures[0], pictures[1], 'the picture did not change from k = 1 to 10');
    assert.notStrictEqual(pictures[1], pictures[2], 'the picture did not change from k = 10 to 50');
    assert.notStrictEqual(figures[0], figures[1], 'the figures did not update');
  });

  it('"Save rank-k image" writes name.rank-50.png next to the original, and asks before replacing it', async () => {
    const view = mdlPanelFrame(ui.page);
    const saved = path.join(ui.workspace, 'images', 'shapes-256.rank-50.png');
    assert.ok(!fs.existsSync(saved), 'the file existed before saving');
    await view.locator('#image-save').click();
    await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'shapes-256.rank-50.png' }).waitFor({ timeout: 30_000 });
    for (let i = 0; i < 100 && !fs.existsSync(saved); i++) await ui.page.waitForTimeout(100);
    const png = decodeImage(fs.readFileSync(saved), saved);
    assert.deepStrictEqual([png.width, png.height], [256, 256]);
    const before = fs.statSync(saved).mtimeMs;
    await ui.shot('saved');

    // Saving again must not overwrite without asking: a modal asks; Escape keeps the file.
    await view.locator('#image-save').click();
    const dialog = ui.page.locator('.monaco-dialog-box', { hasText: 'already exists' });
    await dialog.waitFor({ timeout: 30_000 });
    await ui.shot('replace-prompt');
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await ui.page.waitForTimeout(500);
    assert.strictEqual(fs.statSync(saved).mtimeMs, before, 'the file was replaced without "Replace"');
  });

  it('"Compute more components" doubles k_max and gives the button back', async () => {
    const view = mdlPanelFrame(ui.page);
    const slider = view.locator('#image-k-slider');
    const before = Number(await slider.getAttribute('max'));
    await view.locator('#image-more').click();
    await view.locator(`#image-k-slider[max="${Math.min(256, before * 2)}"]`).waitFor({ timeout: 60_000 });
    await view.locator('#image-more:not([aria-busy])').waitFor();
    await view.locator('.image-pair').scrollIntoViewIfNeeded();
    await ui.shot('more-components');
  });
});

// A new panel says "Computing…" until its picture is ready, even when it is the first webview
// of the window: its page starts after the host has posted that message, and a message posted
// while the page is loading can be lost (seen: the page showed "Select a matrix…" meanwhile,
// its placeholder then). The host sends the status again when the page says ready, and the
// placeholder is now "Loading…". A cold window's first page took over 2 s to start here, so the
// picture is 2048² RGB (maxSide 2048), which takes several seconds to factorise.
describe('UI: the first panel of a window says "Computing…" while a large picture is factorised', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-image-busy', 'svd.md', { 'mdlSteps.image.mode': 'rgb', 'mdlSteps.image.maxSide': 2048 });

  it('shows "Computing the image compression…" (never a placeholder), then the picture', async () => {
    fs.writeFileSync(path.join(ui.workspace, 'photo-2048.png'), encodePng(2048, 2048, picture(2048)));
    await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'photo-2048.png' }).first().click({ timeout: 30_000 });
    await ui.page.locator('.tabs-container .tab.active[aria-label*="photo-2048.png"]').first().waitFor();
    await runPaletteCommand(ui.page, 'MDL: Compress image with SVD');
    const view = mdlPanelFrame(ui.page);
    const seen: string[] = [];
    const started = Date.now();
    while (!(await view.locator('.image-explorer[data-painted-at]').count().catch(() => 0))) {
      assert.ok(Date.now() - started < 60_000, `no picture after 60 s; the page showed: ${seen.join(' / ')}`);
      const text = (await view.locator('body').innerText({ timeout: 250 }).catch(() => '')).split('\n')[0].trim();
      if (text && seen.at(-1) !== text) seen.push(text);
      if (text.startsWith('Computing')) await ui.shot('busy');
      await ui.page.waitForTimeout(40);
    }
    // The picture can be painted between two looks: read what the page shows now, once more.
    const last = (await view.locator('body').innerText()).split('\n')[0].trim();
    if (seen.at(-1) !== last) seen.push(last);
    console.log(`      the page showed, in order: ${seen.join(' / ')}`);
    assert.ok(seen.includes('Computing the image compression…'), `never said "Computing…": ${seen.join(' / ')}`);
    assert.ok(!seen.some((t) => /^Select a matrix/.test(t)), `showed a placeholder that does not apply: ${seen.join(' / ')}`);
    assert.match(seen.at(-1) ?? '', /SVD compression of photo-2048\.png \(2048×2048, RGB\)/);
  });
});
