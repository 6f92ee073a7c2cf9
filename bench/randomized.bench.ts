/** Randomized truncated SVD: top-50 of a 1024×1024 synthetic image (target ≤ 0.5 s single-threaded). */
import { truncatedSvd, type Mat } from '../src/core/linalg';
import { time, type BenchRow } from './timing';

/** Smooth shading, two edges, a disc and pixel noise: a σ₁-dominated spectrum over a noise floor, like photos. */
export function syntheticImage(rows: number, cols: number, seed = 5): Mat {
  let s = seed >>> 0;
  const noise = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const disc = (i - rows / 2) ** 2 + (j - cols / 2.5) ** 2 < (rows / 5) ** 2 ? 0.3 : 0;
      data[i * cols + j] = 0.5 + 0.3 * Math.sin(i / 90) * Math.cos(j / 70) + (i > 0.7 * j + rows / 10 ? 0.5 : 0) + disc + 0.05 * noise();
    }
  }
  return { rows, cols, data };
}

export async function bench(): Promise<BenchRow[]> {
  const image = syntheticImage(1024, 1024), wide = syntheticImage(768, 2048);
  const rows: BenchRow[] = [];
  for (const q of [2, 4]) {
    rows.push(await time(`top-50 of 1024×1024 image, q = ${q}, p = 10`, () => truncatedSvd(image, 50, { powerIterations: q }), { runs: 5 }));
  }
  rows.push(await time('top-100 of 1024×1024 image (defaults)', () => truncatedSvd(image, 100), { runs: 3 }));
  rows.push(await time('top-50 of 768×2048 image (defaults)', () => truncatedSvd(wide, 50), { runs: 3 }));
  return rows;
}
