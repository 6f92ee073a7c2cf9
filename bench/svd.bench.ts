/** Derivation build times: the 3×2 assignment example (textbook route) and a 100×100 matrix (summary route). */
import { deriveSvd } from '../src/core/svd/derive';
import { svdFromText } from '../src/core/topics';
import { time, type BenchRow } from './timing';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

export async function bench(): Promise<BenchRow[]> {
  const options = { precision: 4, exactForms: true };
  const rand = seeded(7);
  const big = Array.from({ length: 100 }, () => Array.from({ length: 100 }, rand));
  const bigText = JSON.stringify(big);
  return [
    await time('derivation 3×2 (assignment, from text)', () => svdFromText('[[1,1],[1,0],[0,1]]'), { runs: 50, warmup: 5 }),
    await time('derivation 4×4 (textbook route)', () => deriveSvd({ values: [[4, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 1], [0, 0, 1, 1]] }, options), { runs: 20, warmup: 3 }),
    await time('derivation 100×100 (summary route)', () => deriveSvd({ values: big }, options), { runs: 10, warmup: 2 }),
    await time('parse + derivation 100×100 from JSON text', () => svdFromText(bigText), { runs: 10, warmup: 2 }),
  ];
}
