/** PCA: the assignment's 4×2 derivation, and N = 10,000 samples × d = 50 features (parse, fit, derivation). */
import { derivePca } from '../src/core/pca/derive';
import { pcaFromInput } from '../src/core/topics';
import { time, type BenchRow } from './timing';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

export async function bench(): Promise<BenchRow[]> {
  const rand = seeded(3);
  const big = Array.from({ length: 10_000 }, () => Array.from({ length: 50 }, rand));
  const csv = ['x' + Array.from({ length: 50 }, (_, j) => j + 1).join(',x'), ...big.map((r) => r.join(','))].join('\n');
  const options = { precision: 4, exactForms: true, denominator: 'n-1' as const };
  const assignment = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14';
  const dragged = { text: assignment, components: 1, transpose: false, edits: [{ index: 0, point: [4.5, 11.5] as [number, number] }] };
  return [
    await time('PCA derivation, assignment table (from text)', () => pcaFromInput({ text: assignment, components: 1, transpose: false, edits: [] }, { ...options, maxEntries: 250_000, pcaMaxEntries: 1_000_000 }), { runs: 50, warmup: 5 }),
    await time('host recompute after a dragged point (assignment)', () => pcaFromInput(dragged, { ...options, maxEntries: 250_000, pcaMaxEntries: 1_000_000 }), { runs: 50, warmup: 5, note: 'the host half of drag → redraw; the webview redraw is measured in the preview harness' }),
    await time('PCA derivation N = 10,000, d = 50, k = 2', () => derivePca({ featureNames: [], samples: big, orientation: 'samples-as-rows' }, { ...options, components: 2 }), { runs: 5, warmup: 1 }),
    await time('parse CSV + PCA N = 10,000, d = 50', () => pcaFromInput({ text: csv, components: 2, transpose: false, edits: [] }, { ...options, maxEntries: 250_000, pcaMaxEntries: 1_000_000 }), { runs: 3, warmup: 1 }),
  ];
}
