/** Parsing speed: a 1000×250 matrix in several selection formats (target: under 100 ms). */
import { parseMatrix } from '../src/core/parse';
import { formatters } from '../test/unit/parse/helpers';
import { time, type BenchRow } from './timing';

export async function bench(): Promise<BenchRow[]> {
  const cells = Array.from({ length: 1000 }, (_, i) => Array.from({ length: 250 }, (_, j) => (((i * 31 + j * 17) % 1000) / 7 - 50).toFixed(6)));
  const rows: BenchRow[] = [];
  for (const name of ['python', 'csv', 'latex', 'matlab']) {
    const text = formatters[name](cells);
    rows.push(await time(`parse 1000×250 (${name})`, () => parseMatrix(text), { runs: 5, warmup: 1 }));
  }
  return rows;
}
