// The extension as a user gets it: a production build packaged with vsce, installed into
// a fresh extensions folder with `code-server --install-extension`, and the workbench
// opened WITHOUT the source tree as a development extension. Then the two things a
// first-time user tries: SVD of a selection and an activation hover.
// Screenshots: test-results/ui-vsix/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { repoRoot, resultsDir } from '../harness/paths';
import { packageVsix, type Packaged } from '../harness/vsix';
import { openFile, runPaletteCommand, screenshot, selectInEditor, waitForWorkbench, webviewFrame, workbenchUrl } from '../harness/workbench';
import { stepsBuildOnEachOther } from '../harness/steps';

const MAX_VSIX_BYTES = 3 * 1024 * 1024;
const SHOTS = 'ui-vsix';

/** What the extension loads at run time; the package is useless without any of these. */
const REQUIRED = [
  'package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'README.md', 'LICENSE', 'CHANGELOG.md',
  'dist/extension.js', 'dist/worker.js', 'dist/workerBoot.js', 'dist/channelWorker.js', 'dist/web/extension.js', 'dist/cli.js',
  'dist/webview/main.js', 'dist/webview/main.css', 'schemas/mdl.schema.json', 'media/icon.png',
  // The walkthrough's pictures, and the example files its "Open an example" step copies for the student.
  'media/walkthrough/decompose.png', 'examples/assignment.mdl.json', 'examples/svd.md',
];

describe('UI: the packaged .vsix, installed like a user would', function () {
  stepsBuildOnEachOther();
  let packaged: Packaged | undefined;
  let cs: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let extensionsDir = '';

  before(async function () {
    this.timeout(600_000);
    packaged = packageVsix();
    extensionsDir = path.join(packaged.root, 'extensions');
    // VS Code's default theme for new users (and one whose charts.orange is translucent).
    cs = await startCodeServer({ extensionsDir, installExtensions: [packaged.vsix], settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(cs, { folder: cs.freshWorkspace(path.join(repoRoot, 'examples')), extensionDevelopmentPath: null }));
    await waitForWorkbench(page, 'svd.md');
  });

  after(async () => {
    await browser?.close();
    await cs?.stop();
    if (packaged && !process.env.MDL_KEEP_TMP) fs.rmSync(packaged.root, { recursive: true, force: true, maxRetries: 3 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, SHOTS, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it(`is under ${MAX_VSIX_BYTES / 2 ** 20} MB and holds what runs, and nothing else`, () => {
    const { size } = fs.statSync(packaged!.vsix);
    console.log(`      .vsix: ${(size / 2 ** 20).toFixed(2)} MB, ${packaged!.files.length} files`);
    assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${size} bytes`);
    const files = packaged!.files;
    for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is missing from the package`);
    const unwanted = files.filter((f) => /\.map$|^(src|webview|test|bench|scripts|node_modules|test-results)\/|^media\/screenshots\/|\.vsix$|^tsconfig/.test(f));
    assert.deepStrictEqual(unwanted, [], 'the package ships files nothing loads');
  });

  it('is installed into the fresh extensions folder, not loaded from the source tree', () => {
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('mdl-steps.mdl-steps-'));
    assert.strictEqual(installed.length, 1, `extensions folder holds ${fs.readdirSync(extensionsDir).join(', ')}`);
    const dir = path.join(extensionsDir, installed[0]);
    // vsce renames the docs (readme.md, LICENSE.txt); the run-time files keep their paths.
    for (const f of REQUIRED.filter((f) => f.includes('/') || f === 'package.json')) assert.ok(fs.existsSync(path.join(dir, f)), `${f} was not installed`);
    assert.ok(!page.url().includes('extensionDevelopmentPath'), 'the workbench was opened with a development extension');
  });

  it('"Decompose selection (SVD)" on examples/svd.md shows the singular values √3 and 1', async () => {
    await openFile(page, 'svd.md');
    await selectInEditor(page, '[[1,1],[1,0],[0,1]]');
    await runPaletteCommand(page, 'MDL: Decompose selection (SVD)');
    await page.locator('.tabs-container .tab', { hasText: 'SVD · 3×2' }).waitFor();
    const view = webviewFrame(page);
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await view.locator('#step-title').click(); // focus the webview so it gets the keys
    // Each step on the way is a frame of the README's stepper animation (scripts/make-stepper-apng.mjs).
    const panel = (await page.locator('iframe.webview.ready').boundingBox())!;
    const frames = path.join(resultsDir, SHOTS, 'stepper');
    fs.rmSync(frames, { recursive: true, force: true });
    fs.mkdirSync(frames, { recursive: true });
    const frame = async (i: number) => {
      await page.mouse.move(panel.x - 200, panel.y + panel.height - 20); // over the editor: no hover highlight in the picture
      await page.waitForTimeout(300); // typesetting and the chart
      await page.screenshot({ path: path.join(frames, `step-${String(i).padStart(2, '0')}.png`), clip: { x: panel.x, y: panel.y, width: panel.width, height: Math.min(panel.height, 640) } });
    };
    for (let i = 1; i <= 12; i++) {
      await view.locator('#step-counter', { hasText: new RegExp(`^Step ${i} of`) }).waitFor();
      await frame(i);
      if ((await view.locator('#step-title').innerText()).trim() === 'Singular values') break;
      await page.keyboard.press('ArrowRight');
    }
    assert.strictEqual((await view.locator('#step-title').innerText()).trim(), 'Singular values');
    const text = await view.locator('.step-text').innerText();
    assert.match(text, /σ₁ = √3/);
    assert.match(text, /σ₂ = 1/);
    // The maths was typeset by the bundled MathJax (no network, no missing asset).
    assert.ok((await view.locator('.step .math svg').count()) >= 1, 'no typeset formula');
    await screenshot(page, SHOTS, '01-svd-singular-values');
  });

  it('a hover over nn.SiLU in examples/activations.py shows f and f′', async () => {
    await openFile(page, 'activations.py');
    const token = page.locator('.view-lines .view-line span span', { hasText: 'SiLU' }).first();
    await token.waitFor();
    const hover = page.locator('.monaco-hover:visible');
    // The hover needs the language service and our worker; move off and on again until it shows.
    for (let i = 0; i < 15 && !(await hover.locator('img[src^="data:image/svg+xml"]').count()); i++) {
      const box = await token.boundingBox();
      const text = await token.innerText();
      if (box) {
        const at = text.indexOf('SiLU');
        await page.mouse.move(10, 10);
        await page.mouse.move(box.x + ((at + 2) * box.width) / text.length, box.y + box.height / 2);
      }
      await page.waitForTimeout(1500);
    }
    assert.ok((await hover.locator('img[src^="data:image/svg+xml"]').count()) >= 3, 'expected the f, f′ and plot images');
    assert.match(await hover.innerText(), /Open in Activation Explorer/);
    await screenshot(page, SHOTS, '02-hover-silu');
  });

  it('the Activation Explorer draws f and f′ in opaque theme colours', async () => {
    await page.mouse.move(10, 10);
    await runPaletteCommand(page, 'MDL: Open Activation Explorer');
    await page.locator('.tabs-container .tab', { hasText: /Activation · / }).first().waitFor({ timeout: 30_000 });
    const view = webviewFrame(page);
    await view.locator('.act-chart svg').first().waitFor({ timeout: 30_000 });
    // Dark Modern's charts.orange is #EA5C0055; drawn as is, f′ would be a faint brown line.
    const strokes = await view.locator('.act-chart svg [stroke]').evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('stroke')!))]);
    const translucent = strokes.filter((c) => /^rgba\(.*,\s*0?\.\d+\)$/.test(c));
    assert.deepStrictEqual(translucent, [], `translucent curve colours among ${strokes.join(' ')}`);
    assert.ok(strokes.filter((c) => /^(#|rgb)/.test(c)).length >= 2, `expected two curve colours, got ${strokes.join(' ')}`);
    await view.locator('.act-chart').scrollIntoViewIfNeeded();
    await screenshot(page, SHOTS, '03-activation-explorer');
  });
});
