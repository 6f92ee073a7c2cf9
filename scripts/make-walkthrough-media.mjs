// Builds media/walkthrough/*.png from UI-test screenshots (test-results/, made by
// `npm run test:ui`): scaled to 800 px wide by Chromium (playwright-core, the Debian
// binary) and quantised to 128 colours with upng-js, so each stays well under 150 KB.
// Usage: node scripts/make-walkthrough-media.mjs [results-dir]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import UPNG from 'upng-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = process.argv[2] ?? join(root, 'test-results');
const WIDTH = 800;
const COLOURS = 128;
/** walkthrough image ← UI-test screenshot */
const SOURCES = {
  'open-example.png': 'ui/01-svd-md-open.png',
  'decompose.png': 'ui/03-panel-open.png',
  'hover.png': 'ui-activations/01-hover-silu.png',
  'adam.png': 'ui-problems/02-adam-table.png',
};

const out = join(root, 'media', 'walkthrough');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 }, deviceScaleFactor: 1 });
  for (const [name, source] of Object.entries(SOURCES)) {
    const data = readFileSync(join(results, source)).toString('base64');
    await page.setContent(`<!DOCTYPE html><body style="margin:0"><img style="display:block;width:${WIDTH}px" src="data:image/png;base64,${data}"></body>`);
    const img = page.locator('img');
    await img.evaluate((el) => el.decode());
    const scaled = UPNG.decode(await img.screenshot());
    const png = UPNG.encode([UPNG.toRGBA8(scaled)[0]], scaled.width, scaled.height, COLOURS);
    writeFileSync(join(out, name), Buffer.from(png));
    console.log(`${name}: ${scaled.width}×${scaled.height}, ${(png.byteLength / 1024).toFixed(0)} KB (from ${source})`);
  }
} finally {
  await browser.close();
}
