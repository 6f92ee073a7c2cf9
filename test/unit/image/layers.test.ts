import { strict as assert } from 'node:assert';
import { rankOneLayers } from '../../../src/core/image/reconstruct';
import type { ImageFactors } from '../../../src/core/image/types';

/** A 7×10 grey picture's first two triplets, with unnormalised but fixed u and v (the layers only need σuvᵀ). */
function factors(): ImageFactors {
  const m = 7, n = 10, k = 2;
  const U = Float64Array.from({ length: m * k }, (_, p) => Math.sin(p + 1));
  const V = Float64Array.from({ length: n * k }, (_, p) => Math.cos(p * 0.7));
  return { width: n, height: m, mode: 'gray', kMax: k, channels: [{ U: { rows: m, cols: k, data: U }, s: Float64Array.of(50, 20), V: { rows: n, cols: k, data: V }, frobeniusSq: 1, approximate: false }] };
}

describe('image: rank-one layer thumbnails', () => {
  it('full size when no maximum side is given', () => {
    const [layer] = rankOneLayers(factors(), 1);
    assert.deepEqual([layer.width, layer.height, layer.rgba.length], [10, 7, 280]);
  });

  it('a thumbnail is the area average of the full layer, block by block (partial blocks included)', () => {
    const f = factors();
    const [thumb] = rankOneLayers(f, 2, 4).slice(1); // block = ceil(10/4) = 3 → 4×3
    assert.deepEqual([thumb.width, thumb.height], [4, 3]);
    const { U, V, s } = f.channels[0];
    const full = (i: number, j: number) => s[1] * U.data[i * 2 + 1] * V.data[j * 2 + 1];
    const means: number[] = [];
    for (let I = 0; I < 3; I++)
      for (let J = 0; J < 4; J++) {
        let sum = 0, count = 0;
        for (let i = 3 * I; i < Math.min(7, 3 * I + 3); i++) for (let j = 3 * J; j < Math.min(10, 3 * J + 3); j++) (sum += full(i, j)), count++;
        means.push(sum / count);
      }
    const scale = Math.max(...means.map(Math.abs));
    assert.ok(Math.abs(thumb.scale - scale) < 1e-9 * scale, `scale ${thumb.scale} vs ${scale}`);
    means.forEach((v, p) => {
      const expected = Math.min(255, Math.max(0, Math.round(128 + (127 * v) / scale)));
      assert.ok(Math.abs(thumb.rgba[p * 4] - expected) <= 1, `pixel ${p}: ${thumb.rgba[p * 4]} vs ${expected}`);
      assert.equal(thumb.rgba[p * 4 + 3], 255);
    });
  });
});
