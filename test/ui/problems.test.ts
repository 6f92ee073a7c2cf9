// Problem files in the real workbench: click the "Run Adam here" CodeLens above Question 5
// of examples/assignment.mdl.json; the panel shows the Adam table (m̂, v̂) and the
// trajectory over the level sets. Screenshots: test-results/ui-problems/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { openFile, repoRoot, useWorkbench, webviewFrame, stepsBuildOnEachOther } from '../harness';


async function stepTo(page: Page, title: RegExp): Promise<void> {
  const view = webviewFrame(page);
  await view.locator('#step-title').click();
  for (let i = 0; i < 20 && !title.test((await view.locator('#step-title').innerText()).trim()); i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
  }
  assert.match((await view.locator('#step-title').innerText()).trim(), title);
}

describe('UI: "Run Adam here" on examples/assignment.mdl.json', function () {
  stepsBuildOnEachOther();
  const ui = useWorkbench('ui-problems', 'assignment.mdl.json');

  it('shows the CodeLens and clicks "Run Adam here"', async () => {
    await openFile(ui.page, 'assignment.mdl.json');
    const lens = ui.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run Adam here' }).first();
    // Bring Question 5 into view (CodeLens are rendered only for visible lines): go to its line.
    const lines = fs.readFileSync(path.join(repoRoot, 'examples', 'assignment.mdl.json'), 'utf8').split('\n');
    const q5 = lines.findIndex((l) => l.includes('"id": "q5"')) + 1;
    await ui.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await ui.page.keyboard.press('Control+G');
    await ui.page.keyboard.type(String(q5));
    await ui.page.keyboard.press('Enter');
    await lens.waitFor({ timeout: 30_000 });
    await ui.shot('01-codelens');
    await lens.click();
    await ui.page.locator('.tabs-container .tab', { hasText: /Adam/ }).first().waitFor({ timeout: 30_000 });
    await webviewFrame(ui.page).locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  });

  it('shows the m̂/v̂ table of the first steps', async () => {
    await stepTo(ui.page, /^The first 20 steps/);
    const header = await webviewFrame(ui.page).locator('table').first().innerText();
    assert.match(header, /m̂/);
    assert.match(header, /v̂/);
    await ui.shot('02-adam-table');
  });

  it('shows the trajectory over the level sets with a run slider', async () => {
    await stepTo(ui.page, /^The path over the level sets/);
    const view = webviewFrame(ui.page);
    await view.locator('#run-slider').waitFor();
    assert.ok((await view.locator('figure svg').count()) >= 1, 'no contour plot');
    await ui.shot('03-trajectory');
  });
});
