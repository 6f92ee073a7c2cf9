// PCA in the real workbench: select the assignment's table in examples/pca.md, run
// "MDL: Reduce dimensions (PCA)", find the projections and the scatter plot, and take
// screenshots in the light and the dark theme. Screenshots: test-results/ui-pca/.
import * as assert from 'node:assert';
import { openFile, runPaletteCommand, selectLines, useWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';

describe('UI: PCA of the assignment table in examples/pca.md', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-pca', 'pca.md', { 'workbench.colorTheme': 'Default Light Modern', 'workbench.preferredDarkColorTheme': 'Default Dark Modern' });

  it('selects the tab-separated table (features as rows) and runs the command', async () => {
    await openFile(ui.page, 'pca.md');
    await selectLines(ui.page, 8, 3, 87);
    await runPaletteCommand(ui.page, 'MDL: Reduce dimensions (PCA)');
    await ui.page.locator('.tabs-container .tab', { hasText: 'PCA · 4×2 → 1' }).waitFor();
    await webviewFrame(ui.page).locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await ui.shot('01-panel-open-light');
  });

  it('draws the scatter plot with the principal axes', async () => {
    const view = webviewFrame(ui.page);
    await view.locator('#pca-heading').waitFor();
    assert.ok((await view.locator('.pca-chart-inner svg').count()) >= 1, 'no scatter plot');
    assert.match(await view.locator('.pca-orientation-text').innerText(), /Features as rows/);
  });

  it('steps to the projections and shows the first principal component ±(−4.3052, 3.7361, 5.6928, −5.1238)', async () => {
    const view = webviewFrame(ui.page);
    await view.locator('#step-title').click();
    for (let i = 0; i < 12 && !/^Project onto/.test((await view.locator('#step-title').innerText()).trim()); i++) {
      await ui.page.keyboard.press('ArrowRight');
      await ui.page.waitForTimeout(150);
    }
    assert.match((await view.locator('#step-title').innerText()).trim(), /^Project onto the first component/);
    const text = await view.locator('body').innerText();
    for (const v of ['4.3052', '3.7361', '5.6928', '5.1238']) assert.ok(text.includes(v), `${v} is not shown`);
    await view.locator('#pca-heading').scrollIntoViewIfNeeded();
    await ui.shot('02-projections-light');
  });

  it('follows the dark theme', async () => {
    await runPaletteCommand(ui.page, 'Preferences: Toggle between Light/Dark Themes');
    await ui.page.locator('.monaco-workbench.vs-dark').waitFor();
    await ui.page.waitForTimeout(800); // the webview redraws its plots on the theme change
    await ui.shot('03-projections-dark');
    await webviewFrame(ui.page).locator('.pca-chart-inner').scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(300);
    await ui.shot('04-scatter-dark');
  });
});
