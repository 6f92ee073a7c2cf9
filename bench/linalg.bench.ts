/**
 * Dense linear algebra: our full SVD (U m×m and V n×n) at three sizes, ml-matrix's
 * SVD (the JAMA algorithm, also full) at the two larger ones for comparison, and
 * the symmetric eigensolver. Inputs are seeded uniform [−1, 1) so runs compare.
 */
import { Matrix, SVD } from 'ml-matrix';
import { multiplyTransposeA, svd, symmetricEigen, type Mat } from '../src/core/linalg';
import { time, type BenchRow } from './timing';

function uniform(rows: number, cols: number, seed: number): Mat {
  let s = seed >>> 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return { rows, cols, data };
}

function toMlMatrix(a: Mat): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < a.rows; i++) rows.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return new Matrix(rows);
}

export async function bench(): Promise<BenchRow[]> {
  const a100 = uniform(100, 100, 1), a256 = uniform(256, 256, 2), a512 = uniform(512, 512, 3);
  const tall = uniform(1000, 100, 4);
  const ml256 = toMlMatrix(a256), ml512 = toMlMatrix(a512);
  const gram256 = multiplyTransposeA(a256, a256);
  const full = 'full U and V';
  return [
    await time('svd 100×100', () => svd(a100), { runs: 20, warmup: 3, note: full }),
    await time('svd 256×256', () => svd(a256), { runs: 7, warmup: 2, note: full }),
    await time('svd 512×512', () => svd(a512), { runs: 5, warmup: 1, note: full }),
    await time('svd 1000×100 (tall)', () => svd(tall), { runs: 5, warmup: 1, note: 'full U is 1000×1000' }),
    await time('ml-matrix SVD 256×256', () => new SVD(ml256), { runs: 3, warmup: 1, note: 'JAMA port, for comparison' }),
    await time('ml-matrix SVD 512×512', () => new SVD(ml512), { runs: 2, warmup: 1, note: 'JAMA port, for comparison' }),
    await time('symmetricEigen 256×256', () => symmetricEigen(gram256), { runs: 7, warmup: 2, note: 'AᵀA' }),
  ];
}
