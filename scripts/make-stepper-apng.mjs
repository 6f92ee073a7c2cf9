#!/usr/bin/env node
// Builds the README's stepper animation (an animated PNG) from the frames the .vsix UI test
// saves while it steps through the SVD derivation (test/ui/vsix.test.ts →
// test-results/ui-vsix/stepper/step-NN.png), one frame per step.
//
//   npx mocha --no-config -r tsx/cjs --timeout 600000 test/ui/vsix.test.ts
//   node scripts/make-stepper-apng.mjs [framesDir] [out.png]
//
// Frames are cropped to the smallest common size and quantised to 256 colours: text on a
// flat background loses nothing visible and the file stays well under 1 MB.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const UPNG = require('upng-js');

const framesDir = process.argv[2] ?? 'test-results/ui-vsix/stepper';
const out = process.argv[3] ?? 'media/screenshots/stepper.png';
const MAX_BYTES = 1024 * 1024;
/** How long each step stays up; the last one longer, before the loop starts again. */
const STEP_MS = 1800;
const LAST_MS = 4000;

const files = readdirSync(framesDir).filter((f) => /^step-\d+\.png$/.test(f)).sort();
if (files.length < 2) {
  console.error(`make-stepper-apng: need at least two frames in ${framesDir}; run test/ui/vsix.test.ts first`);
  process.exit(1);
}

const images = files.map((f) => {
  const img = UPNG.decode(readFileSync(join(framesDir, f)).buffer);
  return { name: f, width: img.width, height: img.height, rgba: new Uint8Array(UPNG.toRGBA8(img)[0]) };
});
const width = Math.min(...images.map((i) => i.width));
const height = Math.min(...images.map((i) => i.height));

/** The top-left width × height of an RGBA image. */
function crop({ rgba, width: w }) {
  const outRgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) outRgba.set(rgba.subarray(y * w * 4, (y * w + width) * 4), y * width * 4);
  return outRgba.buffer;
}

const frames = images.map(crop);
const delays = frames.map((_, i) => (i === frames.length - 1 ? LAST_MS : STEP_MS));
const png = Buffer.from(UPNG.encode(frames, width, height, 256, delays));
writeFileSync(out, png);
const bytes = statSync(out).size;
console.log(`${out}: ${frames.length} frames, ${width}×${height}, ${(bytes / 1024).toFixed(0)} KB`);
if (bytes >= MAX_BYTES) {
  console.error(`make-stepper-apng: ${bytes} bytes is over the 1 MB budget`);
  process.exit(1);
}
