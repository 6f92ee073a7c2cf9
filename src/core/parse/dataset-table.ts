/**
 * The shape every dataset format is reduced to before its values are read:
 * rows of cells as the text lays them out (offsets, so errors point into the
 * text), plus the names around them. Orientation is decided from the names
 * afterwards, the same way for every format.
 */
import { MdlError, type CellPosition } from '../errors';
import type { Grid } from './grid';
import { cellError, syntaxError, thousands } from './problems';
import { readEntry, type CellOptions, type Scalar } from './scalar';
import type { Span } from './selection';
import type { Rational } from './types';

export type GridRow = Grid['rows'][number];

export interface TextTable {
  grid: Grid;
  /** The data rows in text order (a header row is not among them). */
  rows: GridRow[];
  /** How many cells at the start of each row are its label rather than data (0 or 1). */
  skip: number;
  /** Names over the data columns (a header row, or the keys of JSON row objects). */
  header: Span[] | null;
  /** Where the header is, to point at when it does not fit the rows. */
  headerAt?: Span;
  /** The header cell above the labels, such as "Feature". */
  corner: Span | null;
  /** One label per row: a first column of names, or the keys of a JSON object of columns. */
  labels: Span[] | null;
  cellOptions?: CellOptions;
  /** A format's own wording for rows of different lengths (JSON columns name their keys). */
  raggedError?: (row: number) => MdlError;
  /** Where a row one value short ends with an empty cell (`1.8,`), for a missing-value error. */
  emptyLastCell?: (row: GridRow) => Span | null;
  /** The text's rows are the columns of the table it describes (a JSON object of columns). */
  rowsAreColumns?: boolean;
}

/**
 * Checks there is data and not too much of it; returns the row length. Done
 * before anything else looks at the cells, so a huge selection costs only its scan.
 */
export function checkSize(text: string, table: TextTable, maxEntries: number, whole: Span): number {
  const { rows, skip } = table;
  const total = rows.reduce((n, r) => n + Math.max(0, r.count - skip), 0);
  if (total === 0) {
    throw syntaxError(text, whole.start, whole.end - whole.start, 'The selection has no numeric data. Select a table of numbers, with or without its header and labels.', 'empty');
  }
  const width = rows[0].count - skip;
  if (total > maxEntries || rows.some((r) => r.stored < r.count)) {
    // As in parseMatrix: a huge selection is refused for its size, whatever else is wrong with it.
    const size = rows.every((r) => r.count === rows[0].count) ? `${rows.length} × ${width} = ` : '';
    throw new MdlError('too-large', `The data has ${size}${thousands(total)} values; the limit is ${thousands(maxEntries)} (setting mdlSteps.pca.maxEntries).`);
  }
  return width;
}

/** Checks that every row has `width` values under a header that fits. */
export function checkRows(text: string, table: TextTable, width: number, whole: Span, missing: MissingError): void {
  const { rows, skip } = table;
  const ragged = rows.findIndex((r) => r.count !== rows[0].count);
  if (ragged >= 0) {
    if (table.raggedError) throw table.raggedError(ragged);
    const row = rows[ragged];
    const empty = row.count === rows[0].count - 1 ? table.emptyLastCell?.(row) : null;
    if (empty) throw missing(ragged, width - 1, empty, { row: ragged + 1, col: width });
    const n = row.count - skip;
    const message = `Row ${ragged + 1} has ${n} ${n === 1 ? 'value' : 'values'} but row 1 has ${width}; every row needs the same number of values.`;
    throw syntaxError(text, row.start, row.end - row.start, message, 'ragged');
  }
  if (table.header && table.header.length !== width) {
    const at = table.headerAt ?? whole;
    const message = `The header has ${table.header.length} names but the rows have ${width} values; give every column one name.`;
    throw syntaxError(text, at.start, at.end - at.start, message, 'ragged');
  }
}

// Spelled out rather than case-insensitive, so that a column named "Na" (sodium) is still a name.
const MISSING = /^(?:|NA|na|N\/A|n\/a|#N\/A|NaN|nan|NAN|null|NULL|Null|None|none|nil|\?|[-–—])$/;

/** Spreadsheet and pandas spellings of "no value": an empty cell, NA, NaN, null, None, ?, a dash. */
export function isMissing(text: string, start: number, end: number): boolean {
  let s = text.slice(start, end).trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) s = s.slice(1, -1).trim();
  return isMissingText(s);
}

/** isMissing for a cell's text without blanks and quotes. */
export function isMissingText(s: string): boolean {
  return s.length <= 4 && MISSING.test(s);
}

export type MissingError = (line: number, position: number, at: Span, cell: CellPosition) => MdlError;

export interface Values {
  samples: number[][];
  exact: Array<Array<Rational | null>>;
}

/**
 * Evaluates every data cell into an N×d sample matrix. Cells are read in text
 * order, so the first error reported is the first in the text; `line` and
 * `position` in errors are 0-based indices of the text row and the cell in it.
 */
export function readValues(text: string, table: TextTable, width: number, rowsAreFeatures: boolean, missing: MissingError): Values {
  const { grid, rows, skip } = table;
  const samples: number[][] = [];
  const exact: Array<Array<Rational | null>> = [];
  const [n, d] = rowsAreFeatures ? [width, rows.length] : [rows.length, width];
  for (let i = 0; i < n; i++) {
    samples.push(new Array<number>(d));
    exact.push(new Array<Rational | null>(d));
  }
  const entry: Scalar = { value: 0, exact: null };
  let r = 0;
  let c = 0;
  try {
    for (r = 0; r < rows.length; r++) {
      const row = rows[r];
      for (c = 0; c < width; c++) {
        readEntry(text, grid.startOf(row, c + skip), grid.endOf(row, c + skip), r + 1, c + 1, table.cellOptions, entry);
        if (rowsAreFeatures) {
          samples[c][r] = entry.value;
          exact[c][r] = entry.exact;
        } else {
          samples[r][c] = entry.value;
          exact[r][c] = entry.exact;
        }
      }
    }
  } catch (e) {
    const at = { start: grid.startOf(rows[r], c + skip), end: grid.endOf(rows[r], c + skip) };
    if (isMissing(text, at.start, at.end)) throw missing(r, c, at, { row: r + 1, col: c + 1 });
    throw e;
  }
  return { samples, exact };
}

/** The error for a missing value, pointing at its cell. */
export function missingValue(text: string, at: Span, cell: CellPosition, message: string): MdlError {
  return cellError('non-numeric', text, at.start, at.end - at.start, cell, message);
}
