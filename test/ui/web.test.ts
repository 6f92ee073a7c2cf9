// The web build (package.json `browser`, as on vscode.dev / github.dev) in the real workbench.
// The `remote.extensionKind` setting forces MDL Steps into the browser's web worker extension
// host, so code-server loads dist/web/extension.js there instead of dist/extension.js in its
// Node host, and the compute worker is a Web Worker. Then the student's path: the SVD panel,
// the k slider, a hover, problem-file diagnostics, and an image compressed and saved.
// Screenshots: test-results/ui-web/. How this works: test/harness/README.md.
import * as assert from 'node:assert';
import type { Page } from 'playwright-core';
import { mdlPanelFrame, openFile, runPaletteCommand, selectInEditor, useWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';

const MATRIX = '[[1,1],[1,0],[0,1]]';
/** Forces MDL Steps into the browser's web worker extension host (it has a `browser` entry). */
const WEB_HOST = { 'remote.extensionKind': { 'mdl-steps.mdl-steps': ['web'] } };

/**
 * The text of an output channel, picked with "Output: Show Output Channels". The channel is
 * listed only once the extension has activated, so reopen the list until it is (up to `timeout`).
 */
async function outputChannelText(page: Page, channel: string, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    await runPaletteCommand(page, 'Output: Show Output Channels');
    await page.locator('.quick-input-widget input').fill(channel);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: channel }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      await row.click();
      break;
    } catch {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`no output channel "${channel}"`);
      await page.waitForTimeout(1000);
    }
  }
  const lines = page.locator('.part.panel .view-lines').first();
  await lines.waitFor();
  return (await lines.innerText()).replace(/\s/g, ' '); // Monaco renders spaces as U+00A0
}

describe('UI: the web build in the browser (web worker extension host)', function () {
  stepsBuildOnEachOther(); // each step builds on the one before
  const ui = useWorkbench('ui-web', 'svd.md', WEB_HOST);

  it('runs in the web worker extension host, not in code-server’s Node one', async () => {
    await openFile(ui.page, 'svd.md'); // activates the extension (onLanguage:markdown)
    // The line comes from src/extension/platform/web.ts, which only dist/web/extension.js contains;
    // the Node bundle writes "node" instead. Poll: activation may still be under way.
    let text = '';
    for (let i = 0; i < 20 && !/running in the \w+ extension host/.test(text); i++) {
      text = await outputChannelText(ui.page, 'MDL Steps');
      if (!/extension host/.test(text)) await ui.page.waitForTimeout(1000);
    }
    assert.match(text, /running in the web extension host/);
    assert.doesNotMatch(text, /running in the node extension host/);
    await ui.shot('01-output-web-host');
    await runPaletteCommand(ui.page, 'View: Hide Panel');
  });

  it('"MDL: Decompose selection (SVD)" renders the derivation: σ₁ = √3, σ₂ = 1', async () => {
    await selectInEditor(ui.page, MATRIX);
    await runPaletteCommand(ui.page, 'MDL: Decompose selection (SVD)');
    await ui.page.locator('.tabs-container .tab', { hasText: 'SVD · 3×2' }).waitFor({ timeout: 30_000 });
    const view = webviewFrame(ui.page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await ui.shot('02-panel-open');
    const counter = await view.locator('#step-counter').innerText();
    const total = Number(/of (\d+)/.exec(counter)![1]);
    await view.locator('#step-title').click(); // focus the webview so it gets the keys
    for (let i = 0; i < total && (await view.locator('#step-title').innerText()).trim() !== 'Singular values'; i++) {
      await ui.page.keyboard.press('ArrowRight');
      await ui.page.waitForTimeout(150);
    }
    assert.strictEqual((await view.locator('#step-title').innerText()).trim(), 'Singular values');
    const text = await view.locator('.step-text').innerText();
    assert.match(text, /σ₁ = √3/);
    assert.match(text, /σ₂ = 1/);
    await ui.shot('03-singular-values');
  });

  it('the k slider gets A₂ from the Web Worker (the truncate task)', async () => {
    const view = webviewFrame(ui.page);
    const slider = view.locator('#k-slider');
    await slider.scrollIntoViewIfNeeded();
    await slider.focus();
    await ui.page.keyboard.press('End');
    await view.locator('#k-output', { hasText: 'k = 2 of 2' }).waitFor();
    // Until the worker answers, the panel shows the last A_k dimmed (aria-busy); rank 2 gives A back.
    const grid = view.locator('figure.matrix-figure[aria-busy="false"] table[aria-label="Entries of A_2"]');
    await grid.waitFor({ timeout: 30_000 });
    const cells = (await grid.locator('td').allInnerTexts()).map((t) => Number(t.replace('−', '-')));
    assert.deepStrictEqual(cells, [1, 1, 1, 0, 0, 1]);
    await grid.scrollIntoViewIfNeeded();
    await ui.shot('04-rank-2');
  });

  it('a hover over nn.SiLU shows f and f′ (rendered in the Web Worker)', async () => {
    await runPaletteCommand(ui.page, 'View: Close All Editors'); // one editor group again, for selectInEditor
    await openFile(ui.page, 'activations.py');
    // The caret inside the word (Find selects it; ← then → puts the caret after its first letter)
    // and "Show or Focus Hover": a mouse hover is cancelled by any stray move, and a cancel
    // stops the worker, which a Web Worker takes a moment to come back from.
    await selectInEditor(ui.page, 'SiLU');
    await ui.page.keyboard.press('ArrowLeft');
    await ui.page.keyboard.press('ArrowRight');
    await ui.page.locator('#status\\.editor\\.selection', { hasText: /Ln 12, Col 24/ }).waitFor();
    await runPaletteCommand(ui.page, 'Show or Focus Hover');
    const hover = ui.page.locator('.monaco-hover:visible');
    const images = hover.locator('img[src^="data:image/svg+xml"]');
    await images.first().waitFor({ timeout: 60_000 });
    assert.ok((await images.count()) >= 3, 'expected the f, f′ and plot images');
    const box = await images.first().boundingBox();
    assert.ok(box && box.width > 10 && box.height > 5, 'the maths image is not rendered');
    assert.match(await hover.innerText(), /Open in Activation Explorer/);
    await ui.shot('05-hover-silu');
    await ui.page.keyboard.press('Escape');
  });

  it('a problem file gets its diagnostics from the worker', async () => {
    await openFile(ui.page, 'broken.mdl.json');
    await runPaletteCommand(ui.page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const markers = ui.page.locator('.markers-panel');
    // Ours, from the worker (source "MDL"), not the JSON schema's: the list shows only the rows on screen.
    const row = markers.locator('.monaco-list-row', { hasText: 'Unknown kind "svdd". Did you mean "svd"?' }).filter({ hasText: /MDL\s*unknown-kind/ });
    await row.first().waitFor({ timeout: 30_000 });
    assert.ok((await markers.locator('.monaco-list-row', { hasText: /MDL\s*[a-z-]+\s*\[Ln/ }).count()) >= 5, 'expected many MDL diagnostics');
    await ui.shot('06-problem-diagnostics');
    await runPaletteCommand(ui.page, 'View: Hide Panel');
  });

  it('compresses an image read through workspace.fs and saves the rank-k picture', async () => {
    const rows = ui.page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: /^images$/ }).first().click();
    await rows.filter({ hasText: 'shapes-256.png' }).first().click();
    await ui.page.locator('.tabs-container .tab[aria-label*="shapes-256.png"]').first().waitFor();
    await runPaletteCommand(ui.page, 'MDL: Compress image with SVD');
    await ui.page.locator('.tabs-container .tab', { hasText: /shapes-256/ }).last().waitFor({ timeout: 30_000 });
    const view = mdlPanelFrame(ui.page);
    await view.locator('#image-heading').waitFor({ timeout: 60_000 });
    const slider = view.locator('#image-k-slider');
    await slider.focus();
    await ui.page.keyboard.press('Home');
    for (let i = 1; i < 10; i++) await ui.page.keyboard.press('ArrowRight');
    await view.locator('#image-k-output', { hasText: /\b10\b/ }).waitFor();
    await view.locator('.image-pair').scrollIntoViewIfNeeded();
    await ui.shot('07-image-k-10');
    await view.locator('#image-save').click();
    // Written with workspace.fs next to the original; the explorer lists it.
    await rows.filter({ hasText: 'shapes-256.rank-10.png' }).first().waitFor({ timeout: 30_000 });
    await ui.shot('08-image-saved');
  });
});

