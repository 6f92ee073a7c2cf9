/**
 * svd and pca problems → the inputs of `deriveSvd` and `derivePca`. Each
 * reader reports what is wrong on the exact value (the short row, the bad
 * cell, the column inside a matrix string) and returns undefined then, so
 * the same code validates a file and prepares a run.
 */
import { isMdlError } from '../errors';
import type { RationalLike } from '../exact';
import { DEFAULT_MAX_ENTRIES, parseDataset, parseMatrix } from '../parse';
import type { Dataset, PcaOptions } from '../pca/derive';
import type { SvdInput } from '../svd/derive';
import type { ProblemContext } from './context';
import { readScalar, typicalLength } from './scalars';
import type { JsonPath } from './types';

type Exact = RationalLike | null;
interface Grid {
  values: number[][];
  exact: Exact[][];
}

export function svdInput(ctx: ProblemContext, maxEntries = DEFAULT_MAX_ENTRIES): SvdInput | undefined {
  const grid = ctx.get(['matrix']) !== undefined ? readGrid(ctx, ['matrix'], 'matrix', maxEntries) : undefined;
  return grid && { values: grid.values, exact: grid.exact };
}

/** A matrix written as rows of numbers or as a string in any selection format (parseMatrix). */
function readGrid(ctx: ProblemContext, path: JsonPath, what: string, maxEntries: number): Grid | undefined {
  const v = ctx.get(path);
  if (typeof v === 'string') {
    try {
      const parsed = parseMatrix(v, { maxEntries });
      return { values: parsed.values, exact: parsed.exact };
    } catch (e) {
      if (!isMdlError(e)) throw e;
      const where = e.position ? ctx.rangeInString(path, e.position.offset, e.position.length ?? 1) : ctx.range(path);
      ctx.error(where, e.code === 'ragged' ? 'matrix-ragged' : 'matrix-syntax', e.message);
      return undefined;
    }
  }
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0]) || v.some((r) => Array.isArray(r) && r.length === 0)) {
    ctx.error(path, 'matrix-syntax', `The ${what} must hold at least one row of numbers, e.g. [[1, 1], [1, 0], [0, 1]].`);
    return undefined;
  }
  const rows = v as unknown[];
  let ok = true;
  rows.forEach((r, i) => {
    if (!Array.isArray(r)) {
      ok = false;
      ctx.error([...path, i], 'matrix-syntax', `Row ${i + 1} must be an array of numbers, e.g. [1, 0]; write every row in brackets.`);
    }
  });
  if (!ok) return undefined;
  const lengths = (rows as unknown[][]).map((r) => r.length);
  const width = typicalLength(lengths);
  const reference = lengths.indexOf(width) + 1;
  lengths.forEach((n, i) => {
    if (n === width) return;
    ok = false;
    ctx.error([...path, i], 'matrix-ragged', `Row ${i + 1} has ${n} ${n === 1 ? 'entry' : 'entries'} but row ${reference} has ${width}: every row needs the same number of entries. ${n < width ? 'Add the missing' : 'Remove the extra'} ${Math.abs(width - n) === 1 ? 'entry' : 'entries'}.`);
  });
  if (!ok) return undefined;
  if (rows.length * width > maxEntries) {
    ctx.error(path, 'matrix-syntax', `The ${what} has ${rows.length * width} entries; the limit (setting mdlSteps.maxEntries) is ${maxEntries}.`);
    return undefined;
  }
  const values: number[][] = [];
  const exact: Exact[][] = [];
  (rows as unknown[][]).forEach((r, i) => {
    values.push([]);
    exact.push([]);
    r.forEach((_, j) => {
      const s = readScalar(ctx, [...path, i, j], `Row ${i + 1}, column ${j + 1}`);
      if (!s) ok = false;
      values[i].push(s?.value ?? NaN);
      exact[i].push(s?.exact ?? null);
    });
  });
  return ok ? { values, exact } : undefined;
}

export interface PcaProblemInput {
  data: Dataset;
  options: Pick<PcaOptions, 'components' | 'denominator'>;
}

export function pcaInput(ctx: ProblemContext, maxEntries = DEFAULT_MAX_ENTRIES): PcaProblemInput | undefined {
  if (ctx.get(['data']) === undefined) return undefined;
  const data = readDataset(ctx, maxEntries);
  const components = ctx.number(['components']) ?? 1;
  const denominator = ctx.get(['denominator']) === 'n' ? 'n' : 'n-1';
  if (ctx.has(['components']) && components < 1) ctx.error(['components'], 'out-of-range', `components must be at least 1 (the number of principal components to keep), not ${components}.`);
  if (!data) return undefined;
  const d = data.featureNames.length;
  const N = data.samples.length;
  if (N < 2) {
    ctx.error(['data'], 'data-invalid', `PCA needs at least 2 samples to estimate a covariance; the data has ${N}.`);
    return undefined;
  }
  if (components > d) {
    ctx.error(['components'], 'components-too-many', `components = ${components} but the data has only ${d} feature${d > 1 ? 's' : ''} (${data.featureNames.join(', ')}): use ${d === 1 ? '1' : d === 2 ? '1 or 2' : `1 to ${d}`}.`);
    return undefined;
  }
  if (components < 1) return undefined;
  return { data, options: { components, denominator } };
}

/** The four ways to write a data set; see the schema's description of `data`. */
function readDataset(ctx: ProblemContext, maxEntries: number): Dataset | undefined {
  const v = ctx.get(['data']);
  const layout = ctx.get(['layout']);
  if (typeof v === 'string') return tableFromString(ctx, v, layout, maxEntries);
  if (Array.isArray(v) && v.length > 0 && v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) return fromRowObjects(ctx, v as Array<Record<string, unknown>>);
  if (Array.isArray(v)) {
    const grid = readGrid(ctx, ['data'], 'data', maxEntries);
    if (!grid) return undefined;
    return oriented(grid, grid.values[0].map((_, j) => `x${subscript(j + 1)}`), layout === 'features-as-rows' ? 'features-as-rows' : 'samples-as-rows');
  }
  if (v && typeof v === 'object') return fromColumns(ctx, v as Record<string, unknown>);
  ctx.error(['data'], 'wrong-type', 'data must be an object of columns, an array of rows, or a table string.');
  return undefined;
}

/** { "X1": [4, 8, 13, 7], "X2": [11, 4, 5, 14] }: one array per feature, as the assignment's table lists them. */
function fromColumns(ctx: ProblemContext, columns: Record<string, unknown>): Dataset | undefined {
  const names = Object.keys(columns);
  if (names.length === 0) {
    ctx.error(['data'], 'data-invalid', 'data has no features: give one array per feature, e.g. { "X1": [4, 8, 13, 7], "X2": [11, 4, 5, 14] }.');
    return undefined;
  }
  let ok = true;
  for (const name of names) {
    if (!Array.isArray(columns[name])) {
      ok = false;
      ctx.error(['data', name], 'wrong-type', `Feature "${name}" must be an array of values, one per sample, e.g. [4, 8, 13, 7].`);
    }
  }
  if (!ok) return undefined;
  const lengths = names.map((n) => (columns[n] as unknown[]).length);
  const N = typicalLength(lengths);
  const reference = names[lengths.indexOf(N)];
  names.forEach((name, j) => {
    if (lengths[j] === N) return;
    ok = false;
    ctx.error(['data', name], 'matrix-ragged', `Feature "${name}" has ${lengths[j]} values but "${reference}" has ${N}: every feature needs one value per sample.`);
  });
  if (!ok) return undefined;
  const grid: Grid = { values: [], exact: [] };
  for (let i = 0; i < N; i++) {
    grid.values.push([]);
    grid.exact.push([]);
    names.forEach((name) => {
      const s = readScalar(ctx, ['data', name, i], `${name}, sample ${i + 1}`);
      if (!s) ok = false;
      grid.values[i].push(s?.value ?? NaN);
      grid.exact[i].push(s?.exact ?? null);
    });
  }
  return ok ? { featureNames: names, samples: grid.values, exact: grid.exact, orientation: 'features-as-rows' } : undefined;
}

/** [{ "X1": 4, "X2": 11 }, …]: one object per sample, as pandas' to_dict('records') writes. */
function fromRowObjects(ctx: ProblemContext, rows: Array<Record<string, unknown>>): Dataset | undefined {
  const names = Object.keys(rows[0]);
  let ok = names.length > 0;
  if (!ok) ctx.error(['data', 0], 'data-invalid', 'The first sample has no features, e.g. { "X1": 4, "X2": 11 }.');
  const grid: Grid = { values: [], exact: [] };
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (!names.includes(key)) {
        ok = false;
        ctx.error(ctx.keyRange(['data', i, key]), 'data-invalid', `Sample ${i + 1} has a feature "${key}" that sample 1 does not; every sample needs the same features (${names.join(', ')}).`);
      }
    }
    const missing = names.filter((n) => !(n in row));
    if (missing.length) {
      ok = false;
      ctx.error(['data', i], 'matrix-ragged', `Sample ${i + 1} has no value for ${missing.map((m) => `"${m}"`).join(', ')}; every sample needs every feature.`);
      return;
    }
    grid.values.push([]);
    grid.exact.push([]);
    names.forEach((name) => {
      const s = readScalar(ctx, ['data', i, name], `Sample ${i + 1}, ${name}`);
      if (!s) ok = false;
      grid.values[i].push(s?.value ?? NaN);
      grid.exact[i].push(s?.exact ?? null);
    });
  });
  return ok ? { featureNames: names, samples: grid.values, exact: grid.exact, orientation: 'samples-as-rows' } : undefined;
}

/**
 * A table in any selection format, read by the dataset reader (parseDataset),
 * which keeps the header and row labels as names and decides whether rows are
 * samples or features; `layout` overrides that decision.
 */
function tableFromString(ctx: ProblemContext, text: string, layout: unknown, maxEntries: number): Dataset | undefined {
  try {
    let parsed = parseDataset(text, { maxEntries });
    if (layout && layout !== parsed.orientation) parsed = parseDataset(text, { maxEntries, transpose: true });
    return { featureNames: parsed.featureNames, samples: parsed.samples, exact: parsed.exact, sampleNames: parsed.sampleNames, orientation: parsed.orientation };
  } catch (e) {
    if (!isMdlError(e)) throw e;
    const where = e.position ? ctx.rangeInString(['data'], e.position.offset, e.position.length ?? 1) : ctx.range(['data']);
    ctx.error(where, e.code === 'ragged' ? 'matrix-ragged' : 'matrix-syntax', e.message);
    return undefined;
  }
}

function oriented(grid: Grid, names: string[], orientation: Dataset['orientation']): Dataset {
  if (orientation === 'samples-as-rows') return { featureNames: names, samples: grid.values, exact: grid.exact, orientation };
  return { featureNames: names, samples: transpose(grid.values), exact: transpose(grid.exact), orientation };
}

function transpose<T>(rows: T[][]): T[][] {
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
