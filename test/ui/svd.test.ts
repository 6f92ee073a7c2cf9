// The student's path through the real workbench in real Chromium: open the example,
// select the matrix, run the command from the palette, step to the singular values,
// reload the window and find the panel where it was. Screenshots: test-results/ui/.
import * as assert from 'node:assert';
import { openFile, runPaletteCommand, selectInEditor, useWorkbench, waitForWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';

const MATRIX = '[[1,1],[1,0],[0,1]]';

describe('UI: SVD of examples/svd.md', function () {
  stepsBuildOnEachOther(); // each step builds on the one before
  const ui = useWorkbench('ui', 'svd.md');
  let counterBefore = '';

  it('opens svd.md and selects the matrix', async () => {
    await openFile(ui.page, 'svd.md');
    await ui.shot('01-svd-md-open');
    await selectInEditor(ui.page, MATRIX);
    await ui.shot('02-matrix-selected');
  });

  it('runs "MDL: Decompose selection (SVD)" from the palette and shows the panel', async () => {
    await runPaletteCommand(ui.page, 'MDL: Decompose selection (SVD)');
    await ui.page.locator('.tabs-container .tab', { hasText: 'SVD · 3×2' }).waitFor();
    const view = webviewFrame(ui.page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await view.locator('#step-counter', { hasText: /^Step 1 of \d+$/ }).waitFor();
    await ui.shot('03-panel-open');
  });

  it('steps with → to "Singular values" and shows σ₁ = √3', async () => {
    const view = webviewFrame(ui.page);
    const counter = await view.locator('#step-counter').innerText();
    const total = Number(/of (\d+)/.exec(counter)![1]);
    await view.locator('#step-title').click(); // focus the webview so it gets the keys
    for (let i = 0; i < total && (await view.locator('#step-title').innerText()).trim() !== 'Singular values'; i++) {
      await ui.page.keyboard.press('ArrowRight');
      await ui.page.waitForTimeout(150); // let the webview render the step
    }
    assert.strictEqual((await view.locator('#step-title').innerText()).trim(), 'Singular values');
    assert.match(await view.locator('.step-text').innerText(), /σ₁ = √3/);
    counterBefore = (await view.locator('#step-counter').innerText()).trim();
    assert.notStrictEqual(counterBefore, 'Step 1 of ' + total, 'the arrows did not move the panel');
    await ui.shot('04-singular-values');
  });

  it('comes back on the same step after a window reload', async () => {
    // "Developer: Reload Window" reloads the page through the workbench's own shutdown,
    // which saves the editor layout first. A bare browser reload (F5) in code-server only
    // keeps what the workbench last flushed (every 60 s, or when the tab loses focus), so
    // a panel opened seconds earlier may not come back: that is the web workbench, not us.
    const reloaded = ui.page.waitForEvent('load', { timeout: 60_000 });
    await runPaletteCommand(ui.page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(ui.page, 'svd.md');
    const view = webviewFrame(ui.page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await view.locator('#step-counter', { hasText: counterBefore }).waitFor({ timeout: 15_000 });
    assert.strictEqual((await view.locator('#step-title').innerText()).trim(), 'Singular values');
    assert.match(await view.locator('.step-text').innerText(), /σ₁ = √3/);
    await ui.shot('05-after-reload');
  });
});
