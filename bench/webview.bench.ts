/**
 * The image slider's per-move redraw in a real Chromium page (the webview bundle,
 * 1024² random factors, k_max = 100): the accumulator update, the pixels, the
 * figures and putImageData. Runs the webview preview harness's two timing
 * scenarios and reads the medians it prints.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { BenchRow } from './timing';

const root = path.resolve(__dirname, '..', '..');

export async function bench(): Promise<BenchRow[]> {
  const run = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['test/webview/preview.ts', 'per-move redraw'], { cwd: root, encoding: 'utf8' });
  const rows: BenchRow[] = [];
  for (const m of (run.stdout ?? '').matchAll(/1024×1024 (\w+): \|Δk\| = 1 median ([\d.]+) ms \(max ([\d.]+)\), \|Δk\| = 10 median ([\d.]+) ms, drag (\d+) moves\/s, measured error \+ PSNR ([\d.]+) ms after/g)) {
    rows.push({ name: `image slider, 1024² ${m[1]}, one rank per move`, medianMs: Number(m[2]), minMs: NaN, maxMs: Number(m[3]), runs: 39, note: `${m[5]} moves/s while dragging; error and PSNR ${m[6]} ms later` });
    rows.push({ name: `image slider, 1024² ${m[1]}, ten ranks per move`, medianMs: Number(m[4]), minMs: NaN, maxMs: NaN, runs: 6 });
  }
  if (!rows.length) throw new Error(`the webview preview printed no timings:\n${run.stdout}\n${run.stderr}`);
  return rows;
}
