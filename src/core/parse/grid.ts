/**
 * The format-independent half of reading a matrix. Each format's scanner only
 * records where rows and entries are (offsets into the original text, so
 * every error can point back at it); this module then drops label rows and
 * columns, checks the size limit and the row lengths, and evaluates entries.
 */
import { MdlError } from '../errors';
import { syntaxError, thousands } from './problems';
import { isSpace } from './chars';
import { evaluateCell, isPlainNumber, readEntry, type CellOptions, type Scalar } from './scalar';
import type { MatrixFormat, ParsedMatrix, Rational } from './types';

interface Row {
  /** Span of the row in the text (its bracket, or its first to last entry). */
  start: number;
  end: number;
  /** Entries seen, and how many of them were stored (a prefix). */
  count: number;
  stored: number;
  /** Index of the row's first stored entry in Grid.starts/ends. */
  first: number;
  /** The first entry, kept even past the size limit, to recognise a column of labels. */
  head: [number, number];
}

export class Grid {
  readonly rows: Row[] = [];
  /** Entry offsets, in typed arrays grown by doubling: far cheaper than pushing onto number[]. */
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private stored = 0;
  private current: Row | null = null;
  /** How many entries to store; see addCell. */
  private cap: number;

  constructor(private readonly maxEntries: number) {
    this.cap = 2 * maxEntries + 2;
  }

  get inRow(): boolean {
    return this.current !== null;
  }

  beginRow(offset: number): void {
    this.current = { start: offset, end: offset, count: 0, stored: 0, first: this.stored, head: [offset, offset] };
  }

  /**
   * Records an entry. Past the size limit only counting continues: the limit
   * is reported with the full dimensions without storing (or evaluating) a
   * huge selection. The margin keeps every entry of a matrix that is within
   * the limit once a header row and a label column are dropped.
   */
  addCell(start: number, end: number): void {
    const row = this.current!;
    if (row.stored === row.count && this.stored < this.cap) {
      if (this.stored === this.starts.length) this.grow();
      this.starts[this.stored] = start;
      this.ends[this.stored] = end;
      this.stored++;
      row.stored++;
    }
    if (row.count === 0) row.head = [start, end];
    row.count++;
    row.end = end;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  /** Ends the row at `end`; a row without entries is dropped unless `keepEmpty` (`[[1], []]` is ragged). */
  endRow(end?: number, keepEmpty = false): void {
    const row = this.current;
    this.current = null;
    if (!row || (row.count === 0 && !keepEmpty)) return;
    if (end !== undefined) row.end = end;
    this.rows.push(row);
    this.cap = this.maxEntries + this.rows[0].count + this.rows.length + 1;
  }

  /** Row `r`, entry `c`, when stored. */
  cell(r: Row, c: number): [number, number] | null {
    return c < r.stored ? [this.starts[r.first + c], this.ends[r.first + c]] : null;
  }

  /** Start and end offsets of the stored entry `c` of row `r` (the caller checks `r.stored`). */
  startOf(r: Row, c: number): number {
    return this.starts[r.first + c];
  }

  endOf(r: Row, c: number): number {
    return this.ends[r.first + c];
  }
}

export interface AssembleOptions {
  format: MatrixFormat;
  maxEntries: number;
  /** Look for a header row of labels and a first column of labels (tables, not code literals). */
  labels: boolean;
  /** Where to point when there are no entries at all. */
  whole: { start: number; end: number };
  cellOptions?: CellOptions;
}

export function assemble(text: string, grid: Grid, o: AssembleOptions): ParsedMatrix {
  const { rows, skipCols } = o.labels ? dropLabels(text, grid, o.cellOptions) : { rows: grid.rows, skipCols: 0 };
  const cols = checkShape(text, rows, skipCols, o);
  const values: number[][] = [];
  const exact: Array<Array<Rational | null>> = [];
  const entry: Scalar = { value: 0, exact: null };
  for (let r = 0; r < rows.length; r++) {
    const vRow = new Array<number>(cols);
    const xRow = new Array<Rational | null>(cols);
    const row = rows[r];
    if (row.stored < row.count) throw new MdlError('too-large', 'The selection is too large to read.'); // unreachable by the margin in addCell
    for (let c = 0; c < cols; c++) {
      readEntry(text, grid.startOf(row, c + skipCols), grid.endOf(row, c + skipCols), r + 1, c + 1, o.cellOptions, entry);
      vRow[c] = entry.value;
      xRow[c] = entry.exact;
    }
    values.push(vRow);
    exact.push(xRow);
  }
  return { rows: rows.length, cols, values, exact, format: o.format };
}

/** Drops a header row of labels and a first column of labels (or of row names under such a header). */
function dropLabels(text: string, grid: Grid, options?: CellOptions): { rows: Row[]; skipCols: number } {
  const labels = new LabelTest(text, options);
  let rows = grid.rows;
  let headerCount = -1;
  if (rows.length >= 2 && labels.isRow(grid, rows[0])) {
    headerCount = rows[0].count;
    rows = rows.slice(1);
  }
  // A header one entry short of every row labels all but the first column, which then holds
  // row names or an index (as pandas prints a DataFrame): it is not data either.
  const indexColumn = headerCount >= 1 && rows.every((r) => r.count === headerCount + 1);
  const skip = rows.length > 0 && rows.every((r) => r.count >= 2) && (indexColumn || labels.isColumn(rows));
  return { rows, skipCols: skip ? 1 : 0 };
}

/** The column count, after checking that there are entries, not too many, and as many in every row. */
function checkShape(text: string, rows: Row[], skipCols: number, o: AssembleOptions): number {
  const total = rows.reduce((n, r) => n + r.count - skipCols, 0);
  if (total === 0) {
    const shown = text.slice(o.whole.start, o.whole.end).trim();
    throw syntaxError(
      text,
      o.whole.start,
      o.whole.end - o.whole.start,
      `The matrix ${shown.length <= 20 ? '`' + shown + '` ' : ''}has no entries. Select a matrix such as [[1, 2], [3, 4]].`,
      'empty',
    );
  }
  const cols = rows[0].count - skipCols;
  const ragged = rows.findIndex((row) => row.count !== rows[0].count);
  // The size is checked before the row lengths: both come from counts alone, and a huge
  // selection should be refused for its size whatever else is wrong with it.
  if (total > o.maxEntries) {
    const size = ragged < 0 ? `${rows.length} × ${cols} = ` : '';
    const shape = ragged < 0 ? '' : ` in ${thousands(rows.length)} rows`;
    throw new MdlError(
      'too-large',
      `The selection has ${size}${thousands(total)} entries${shape}; the limit is ${thousands(o.maxEntries)} (setting mdlSteps.maxEntries).`,
    );
  }
  if (ragged >= 0) {
    const row = rows[ragged];
    const n = row.count - skipCols;
    throw syntaxError(
      text,
      row.start,
      row.end - row.start,
      `Row ${ragged + 1} has ${n} ${n === 1 ? 'entry' : 'entries'} but row 1 has ${cols}; every row needs the same number of entries.`,
      'ragged',
    );
  }
  return cols;
}

/**
 * Labels are text no number could be: none of them a plain literal, and at
 * least one that does not even evaluate. So `x, y` is a header, `pi, e` is
 * data, and a typo in one entry of a numeric row is still reported as such.
 */
class LabelTest {
  constructor(
    private readonly text: string,
    private readonly options?: CellOptions,
  ) {}

  isRow(grid: Grid, row: Row): boolean {
    if (row.stored < row.count) return false;
    const spans: Array<[number, number]> = [];
    for (let c = 0; c < row.count; c++) spans.push(grid.cell(row, c)!);
    return this.areLabels(spans, true); // the corner above a label column is often blank
  }

  isColumn(rows: Row[]): boolean {
    return this.areLabels(rows.map((r) => r.head), false);
  }

  private areLabels(spans: Array<[number, number]>, allowEmpty: boolean): boolean {
    let nonEmpty = 0;
    for (const span of spans) {
      const t = this.bare(span);
      if (t === '') {
        if (!allowEmpty) return false;
      } else if (isPlainNumber(this.options?.decimalComma ? t.replace(',', '.') : t)) return false;
      else nonEmpty++;
    }
    return nonEmpty > 0 && spans.some((span) => this.bare(span) !== '' && !this.evaluates(span));
  }

  private evaluates([start, end]: [number, number]): boolean {
    try {
      evaluateCell(this.text, start, end, { row: 1, col: 1 }, this.options);
      return true;
    } catch {
      return false;
    }
  }

  /** The text of an entry without blanks or quotes. */
  private bare([s, e]: [number, number]): string {
    const text = this.text;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e - s >= 2 && (text[s] === '"' || text[s] === "'") && text[e - 1] === text[s]) return text.slice(s + 1, e - 1).trim();
    return text.slice(s, e);
  }
}
