// Writes examples/images/shapes-256.png: a 256×256 RGB test picture made of a
// colour gradient, two discs, diagonal stripes and a little seeded noise.
// Deterministic (fixed seed), so re-running it reproduces the same file.
// Usage: node scripts/make-example-image.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import UPNG from 'upng-js';

const SIZE = 256;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'examples', 'images', 'shapes-256.png');

// mulberry32: tiny seeded PRNG so the noise is the same on every run.
let seed = 20240601;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const rgba = new Uint8Array(SIZE * SIZE * 4);
const disc = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    // Background: a smooth gradient (low rank on its own).
    let r = 40 + (160 * x) / SIZE, g = 60 + (120 * y) / SIZE, b = 200 - (120 * (x + y)) / (2 * SIZE);
    // Diagonal stripes in the lower-left quarter (diagonals need many singular values).
    if (x < 128 && y >= 128 && Math.floor((x + y) / 8) % 2 === 0) { r *= 0.55; g *= 0.55; b *= 0.55; }
    if (disc(x, y, 170, 90, 50)) { r = 230; g = 200; b = 40; }
    if (disc(x, y, 185, 185, 35)) { r = 200; g = 50; b = 60; }
    const noise = (random() - 0.5) * 12;
    const i = 4 * (y * SIZE + x);
    rgba[i] = Math.max(0, Math.min(255, Math.round(r + noise)));
    rgba[i + 1] = Math.max(0, Math.min(255, Math.round(g + noise)));
    rgba[i + 2] = Math.max(0, Math.min(255, Math.round(b + noise)));
    rgba[i + 3] = 255;
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, new Uint8Array(UPNG.encode([rgba.buffer], SIZE, SIZE, 0)));
console.log(`wrote ${out}`);
