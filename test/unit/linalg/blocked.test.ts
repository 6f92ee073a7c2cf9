// The randomized SVD's two kernels take an output range so threads can share a
// product (src/extension/sharedProducts.ts). Any split must give exactly the
// numbers of the whole product, and the whole product must be the product.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { panelTimes, productWithPanelT } from '../../../src/core/linalg/blocked';

function random(length: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** Cut [0, size) at the given fractions (sorted, deduplicated), as ranges. */
function cuts(size: number, fractions: number[]): Array<[number, number]> {
  const edges = [...new Set([0, ...fractions.map((f) => Math.floor(f * size)), size])].sort((a, b) => a - b);
  return edges.slice(1).map((end, i) => [edges[i], end]);
}

describe('blocked panel products', () => {
  it('productWithPanelT is (A·Pᵀ)ᵀ, and panelTimes is P·A (against the plain triple loop)', () => {
    const m = 37, n = 1030, l = 7; // n > the 512-wide column block, odd sizes for the remainder paths
    const A = random(m * n, 1), P = random(l * n, 2), Q = random(l * m, 3);
    const y = new Float64Array(l * m), z = new Float64Array(l * n);
    productWithPanelT(A, m, n, P, l, y);
    panelTimes(Q, l, A, m, n, z);
    for (let j = 0; j < l; j++) {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[i * n + k] * P[j * n + k];
        assert.ok(Math.abs(y[j * m + i] - s) <= 1e-12 * n, `y[${j}][${i}]`);
      }
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += Q[j * m + i] * A[i * n + c];
        assert.ok(Math.abs(z[j * n + c] - s) <= 1e-12 * m, `z[${j}][${c}]`);
      }
    }
  });

  it('any split into ranges, done in any order into a dirty output, gives the whole product bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 45 }),
        fc.integer({ min: 1, max: 1100 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.boolean(),
        (m, n, l, fractions, reverse) => {
          const A = random(m * n, m * 31 + n), P = random(l * n, l + 7), Q = random(l * m, l + 11);
          const y = new Float64Array(l * m), z = new Float64Array(l * n);
          productWithPanelT(A, m, n, P, l, y);
          panelTimes(Q, l, A, m, n, z);
          const ys = new Float64Array(l * m).fill(NaN), zs = new Float64Array(l * n).fill(NaN);
          const rows = cuts(m, fractions), cols = cuts(n, fractions);
          for (const [a, b] of reverse ? rows.reverse() : rows) productWithPanelT(A, m, n, P, l, ys, a, b);
          for (const [a, b] of reverse ? cols.reverse() : cols) panelTimes(Q, l, A, m, n, zs, a, b);
          assert.deepEqual(ys, y);
          assert.deepEqual(zs, z);
        },
      ),
      { numRuns: 60 },
    );
  });
});
