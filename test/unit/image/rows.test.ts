import { strict as assert } from 'node:assert';
import { forEachRankKRow } from '../../../src/core/image/rows';
import { rankK } from '../../../src/core/svd/truncation';
import type { ChannelFactors } from '../../../src/core/image/types';

function randomFactors(m: number, n: number, kMax: number, seed: number): ChannelFactors {
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const fill = (len: number) => Float64Array.from({ length: len }, rand);
  const s = Float64Array.from({ length: kMax }, (_, i) => 100 / (i + 1));
  return { U: { rows: m, cols: kMax, data: fill(m * kMax) }, s, V: { rows: n, cols: kMax, data: fill(n * kMax) }, frobeniusSq: 1, approximate: true };
}

describe('image: rank-k rows without the dense matrix', () => {
  for (const [m, n, kMax, k] of [[7, 5, 4, 3], [5, 9, 5, 5], [12, 12, 6, 1], [3, 4, 2, 0]]) {
    it(`${m}×${n}, rank ${k} of ${kMax}: every row equals the dense Σσᵢuᵢvᵢᵀ`, () => {
      const f = randomFactors(m, n, kMax, m * 31 + k);
      const dense = rankK(f.U, f.s, f.V, k);
      const seen: number[] = [];
      forEachRankKRow(f, k, (i, row) => {
        seen.push(i);
        assert.equal(row.length, n);
        for (let j = 0; j < n; j++) assert.ok(Math.abs(row[j] - dense.data[i * n + j]) <= 1e-12 * (1 + Math.abs(dense.data[i * n + j])), `(${i}, ${j})`);
      });
      assert.deepEqual(seen, Array.from({ length: m }, (_, i) => i));
    });
  }
});
