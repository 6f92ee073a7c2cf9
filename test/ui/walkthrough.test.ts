// The native bits in the real workbench: the walkthrough opens from "Welcome: Open
// Walkthrough..." with its steps and pictures, and Alt+] / Alt+[ step the panel while
// the webview has focus. Screenshots: test-results/ui-walkthrough/.
import type { Page } from 'playwright-core';
import { openFile, runPaletteCommand, selectInEditor, useWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';

/** Waits until the walkthrough shows media/walkthrough/<file>, loaded (not a broken image). */
async function shows(page: Page, file: string): Promise<void> {
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll('.getting-started-media img')].some((i) => {
        const img = i as HTMLImageElement;
        return decodeURIComponent(img.currentSrc).includes(`/media/walkthrough/${name}`) && img.complete && img.naturalWidth > 0;
      }),
    file,
    { timeout: 30_000 },
  );
}

describe('UI: walkthrough and keybindings', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-walkthrough', 'svd.md');

  it('opens "Get started with MDL Steps" from Welcome: Open Walkthrough...', async () => {
    const page = ui.page;
    await runPaletteCommand(page, 'Welcome: Open Walkthrough...');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with MDL Steps' }).first();
    await pick.waitFor({ timeout: 30_000 });
    await pick.click();
    const editor = page.locator('.gettingStartedContainer');
    await editor.locator('.getting-started-category-title, h2', { hasText: 'Get started with MDL Steps' }).first().waitFor({ timeout: 30_000 });
    for (const title of ['Open the example problem set', 'Decompose a selection', 'Hover an activation', 'Run Adam']) {
      await editor.locator('.getting-started-step', { hasText: title }).first().waitFor();
    }
    // The first step is expanded: its picture is our PNG and has actually loaded.
    await shows(page, 'open-example.png');
    await ui.shot('01-walkthrough');
    // Another step shows its own picture.
    await editor.locator('.getting-started-step', { hasText: 'Run Adam' }).first().click();
    await shows(page, 'adam.png');
    await ui.shot('02-walkthrough-adam');
    // Its command link opens the problem file, which completes the first step (onCommand:mdlSteps.openExample).
    await editor.locator('.getting-started-step', { hasText: 'Run Adam' }).getByText('Open assignment.mdl.json').click();
    await page.locator('.tabs-container .tab[aria-label*="assignment.mdl.json"]').first().waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await editor.locator('.getting-started-step[aria-checked="true"]', { hasText: 'Open the example problem set' }).first().waitFor({ timeout: 10_000 });
  });

  it('steps the panel with Alt+] and Alt+[ while the webview has focus', async () => {
    const page = ui.page;
    await openFile(page, 'svd.md');
    await selectInEditor(page, '[[1,1],[1,0],[0,1]]');
    await runPaletteCommand(page, 'MDL: Decompose selection (SVD)');
    const view = webviewFrame(page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await view.locator('#step-counter', { hasText: /^Step 1 of \d+$/ }).waitFor();
    await view.locator('#step-title').click(); // focus the webview
    await page.keyboard.press('Alt+BracketRight');
    await view.locator('#step-counter', { hasText: /^Step 2 of \d+$/ }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Alt+BracketRight');
    await view.locator('#step-counter', { hasText: /^Step 3 of \d+$/ }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Alt+BracketLeft');
    await view.locator('#step-counter', { hasText: /^Step 2 of \d+$/ }).waitFor({ timeout: 10_000 });
    // The panel's title bar carries the step and export buttons.
    for (const label of ['Previous derivation step', 'Next derivation step', 'Export derivation as Markdown']) {
      await page.locator(`.editor-actions .action-label[aria-label^="${label}"]`).first().waitFor();
    }
    await ui.shot('03-panel-keys-and-title-bar');
    // Decomposing completed the walkthrough's second step (onCommand:mdlSteps.decomposeSvd).
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await page.locator('.gettingStartedContainer .getting-started-step[aria-checked="true"]', { hasText: 'Decompose a selection' }).first().waitFor({ timeout: 10_000 });
    await ui.shot('04-walkthrough-progress');
  });
});
