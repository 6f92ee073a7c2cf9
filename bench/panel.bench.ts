/**
 * End to end in the real workbench (code-server + Chromium): from pressing
 * Enter on "MDL: Decompose selection (SVD)" to the derivation typeset in the
 * webview. Needs the test environment (`npm run test:setup`); skipped otherwise.
 */
import * as path from 'node:path';
import {
  launchBrowser,
  openFile,
  repoRoot,
  runPaletteCommand,
  selectInEditor,
  startCodeServer,
  testEnvReady,
  waitForWorkbench,
  webviewFrame,
  workbenchUrl,
} from '../test/harness';
import type { BenchRow } from './timing';

const RUNS = 5;

export async function bench(): Promise<BenchRow[]> {
  if (!testEnvReady()) return [{ name: 'command → rendered derivation', medianMs: NaN, minMs: NaN, maxMs: NaN, runs: 0, note: 'skipped: run npm run test:setup first' }];
  const cs = await startCodeServer();
  const browser = await launchBrowser();
  const samples: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(cs, { folder: cs.freshWorkspace(path.join(repoRoot, 'examples')) }));
    await waitForWorkbench(page, 'svd.md');
    for (let i = 0; i <= RUNS; i++) {
      if (i > 0) await runPaletteCommand(page, 'View: Close All Editors'); // the panel from the previous run
      await openFile(page, 'svd.md');
      await selectInEditor(page, '[[1,1],[1,0],[0,1]]');
      await page.keyboard.press('F1');
      await page.keyboard.type('MDL: Decompose selection (SVD)');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Decompose selection (SVD)' }).first().waitFor();
      const t0 = Date.now();
      await page.keyboard.press('Enter');
      const view = webviewFrame(page);
      await view.locator('body[data-ready="true"] .math svg').first().waitFor({ timeout: 60_000 });
      if (i > 0) samples.push(Date.now() - t0); // the first run warms the worker and MathJax
    }
  } finally {
    await browser.close();
    await cs.stop();
  }
  samples.sort((a, b) => a - b);
  return [
    {
      name: 'command → derivation typeset in the webview (3×2)',
      medianMs: samples[Math.floor(samples.length / 2)],
      minMs: samples[0],
      maxMs: samples[samples.length - 1],
      runs: samples.length,
      note: 'real workbench in Chromium; includes the panel opening',
    },
  ];
}
