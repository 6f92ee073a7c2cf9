/**
 * Line-based datasets: TSV (the assignment's table), CSV, semicolon-separated,
 * whitespace-aligned columns and Markdown. The matrix reader's scanners find
 * the cells; this module finds the header row and the column of labels,
 * which parseMatrix drops but a dataset keeps as its names.
 */
import { isSpace } from './chars';
import { scanDelimited, scanMarkdown, type Delimiter } from './delimited';
import { Grid } from './grid';
import { evaluateCell, isPlainNumber, type CellOptions } from './scalar';
import type { Span } from './selection';
import { isMissingText, type GridRow, type TextTable } from './dataset-table';
import { displayName, isSampleCorner } from './dataset-names';

export type TextLayout = Delimiter | 'markdown';
export type TextFormat = 'csv' | 'tsv' | 'markdown' | 'table' | 'matrix';

/** A line starting with `|`: the test parseMatrix uses for Markdown. */
export function isMarkdown(text: string, body: Span): boolean {
  return /^[ \t]*\|/m.test(text.slice(body.start, body.end));
}

/**
 * The separator, chosen as parseMatrix chooses it, except that a header of a
 * semicolon-separated file may have spaces in its names ("Example 1;…").
 * 'matlab' means `1 2; 3 4`, rows of a matrix without their brackets.
 */
export function chooseDelimiter(text: string, body: Span): Delimiter | 'matlab' {
  const s = text.slice(body.start, body.end);
  const lines = s.split('\n').filter((l) => l.trim() !== '' && !/^\s*[#%]/.test(l));
  if (s.includes('\t') && lines.every((l) => l.includes('\t'))) return '\t';
  if (s.includes(';')) {
    const unspaced = (line: string) => line.split(';').every((field) => !/\S\s+\S/.test(field.trim()));
    return lines.length > 1 && lines.slice(1).every(unspaced) ? ';' : 'matlab';
  }
  return s.includes(',') ? ',' : ' ';
}

export function scanTextTable(text: string, body: Span, layout: TextLayout, maxEntries: number): TextTable & { format: TextFormat } {
  const grid = new Grid(maxEntries);
  const cellOptions: CellOptions | undefined = layout === ';' ? { decimalComma: true } : undefined;
  const labels = new LabelTest(text, cellOptions);
  let header: Span[] | null = null;
  let headerAt: Span | undefined;
  if (layout === 'markdown') {
    scanMarkdown(text, body.start, body.end, grid);
    ({ header, headerAt } = markdownHeader(text, body, maxEntries));
  } else scanDelimited(text, body.start, body.end, layout, grid);
  let rows = grid.rows;
  if (!header && rows.length > 0) {
    const at = { start: rows[0].start, end: rows[0].end };
    const first = cellsOf(grid, rows[0]);
    const rest = rows.slice(1);
    let chosen = first && isHeader(first, rest, labels) ? first : null;
    if (!chosen && layout === ' ') {
      // Aligned columns copied from a PDF lose their tabs: "Example 1  Example 2" is split at wide
      // gaps instead, when that gives a header that fits the rows below.
      const wide = splitOnWideGaps(text, at);
      const width = rest[0]?.count ?? 0;
      const fits = wide && wide.length >= 2 && (wide.length === width || wide.length === width - 1);
      if (fits && isHeader(wide, rest, labels)) chosen = wide;
    }
    if (chosen) [header, headerAt, rows] = [chosen, at, rest];
  }
  const width = rows[0]?.count ?? 0;
  // A header one name short of the rows (pandas' index), a blank or "ID" corner cell, or a
  // column of names: the first cell of every row is its label, not data.
  const hasLabels =
    rows.length > 0 &&
    rows.every((r) => r.count >= 2) &&
    ((header !== null && (rows.every((r) => r.count === header!.length + 1) || (header.length === width && isCornerOfLabels(labels.bare(header[0]))))) ||
      labels.areLabels(rows.map((r) => ({ start: r.head[0], end: r.head[1] })), false));
  let corner: Span | null = null;
  if (hasLabels && header && header.length === width) [corner, header] = [header[0], header.slice(1)];
  let rowLabels = hasLabels ? rows.map((r) => ({ start: r.head[0], end: r.head[1] })) : null;
  if (layout === 'markdown') {
    // scanMarkdown hands over `X_1` from `$X_1$`; names need the `$` back to be read as TeX.
    [header, rowLabels] = [header?.map((s) => withMarkup(text, s)) ?? null, rowLabels?.map((s) => withMarkup(text, s)) ?? null];
    corner = corner && withMarkup(text, corner);
  }
  const format: TextFormat =
    layout === 'markdown' ? 'markdown' : layout === '\t' ? 'tsv' : layout === ' ' ? (header || hasLabels ? 'table' : 'matrix') : 'csv';
  const emptyLastCell = layout === '\t' || layout === ',' || layout === ';' ? (row: GridRow) => delimiterAtEnd(text, row, layout) : undefined;
  return { format, grid, rows, skip: hasLabels ? 1 : 0, header, headerAt, corner, labels: rowLabels, cellOptions, emptyLastCell };
}

/** A blank corner, or one such as "ID" or "Sample" that heads a column of sample names or numbers. */
function isCornerOfLabels(corner: string): boolean {
  return corner === '' || isSampleCorner(displayName(corner));
}

/** The span inside `$…$`, `**…**`, `` `…` `` widened back to include those markers. */
function withMarkup(text: string, span: Span): Span {
  let { start, end } = span;
  while (start > 0 && '$*_`'.includes(text[start - 1]) && text[end] === text[start - 1]) [start, end] = [start - 1, end + 1];
  return { start, end };
}

/**
 * `1.8,` ends its line with the separator. scanDelimited drops such a final
 * separator (an export habit); in a row one value short, it is an empty last cell.
 */
function delimiterAtEnd(text: string, row: GridRow, delimiter: string): Span | null {
  let i = row.end;
  while (i < text.length && text[i] !== '\n' && text[i] !== delimiter && isSpace(text.charCodeAt(i))) i++;
  if (text[i] !== delimiter) return null;
  return { start: i + 1, end: i + 1 };
}

/**
 * The first row is a header when it holds labels (see LabelTest), or when
 * its first cell is blank above a column of names (`,1,2,3` over `X1,4,8,13`
 * numbers the samples, as pandas writes a transposed frame), or when it is
 * (blank and) 0, 1, 2 … over rows that each have one more cell: pandas'
 * default column names over its index.
 */
function isHeader(first: Span[], rest: GridRow[], labels: LabelTest): boolean {
  if (labels.areLabels(first, true)) return true;
  if (rest.length === 0) return false;
  const countsUp = (cells: Span[]) => cells.every((c, k) => labels.bare(c) === String(k + (labels.bare(cells[0]) === '0' ? 0 : 1)));
  // print(df) drops the blank corner: its header is one cell short of every row.
  if (countsUp(first) && rest.every((r) => r.count === first.length + 1)) return true;
  if (first.length < 2 || labels.bare(first[0]) !== '') return false;
  const heads = rest.map((r) => labels.bare({ start: r.head[0], end: r.head[1] }));
  if (heads.some((h) => h === '')) return false;
  return heads.every((h) => !isPlainNumber(h)) || countsUp(first.slice(1));
}

/** The header of a Markdown table: the row above its `|---|` line, which scanMarkdown skips. */
function markdownHeader(text: string, body: Span, maxEntries: number): { header: Span[] | null; headerAt?: Span } {
  const lines: Span[] = [];
  for (let s = body.start; s <= body.end; ) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > body.end) e = body.end;
    lines.push({ start: s, end: e });
    s = e + 1;
  }
  const startsWithPipe = (l: Span) => text.slice(l.start, l.end).trimStart().startsWith('|');
  const first = lines.findIndex(startsWithPipe);
  let last = lines.length - 1;
  while (last > first && !startsWithPipe(lines[last])) last--;
  const separator = lines.findIndex((l, i) => i >= first && i <= last && isSeparator(text.slice(l.start, l.end)));
  if (first < 0 || separator <= first) return { header: null };
  const grid = new Grid(maxEntries);
  scanMarkdown(text, lines[first].start, lines[separator - 1].end, grid);
  const row = grid.rows[grid.rows.length - 1];
  const cells = row ? cellsOf(grid, row) : null;
  return cells ? { header: cells, headerAt: { start: row.start, end: row.end } } : { header: null };
}

/** The `|---|:--:|` line, as scanMarkdown recognises it. */
function isSeparator(line: string): boolean {
  return /^\s*\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?\s*$/.test(line) && line.includes('-');
}

/** Names separated by tabs or two or more spaces; null when there are none. */
function splitOnWideGaps(text: string, line: Span): Span[] | null {
  const names: Span[] = [];
  const pattern = /\S+(?: \S+)*/g;
  const s = text.slice(line.start, line.end);
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) names.push({ start: line.start + m.index, end: line.start + m.index + m[0].length });
  return names.length > 0 ? names : null;
}

function cellsOf(grid: Grid, row: GridRow): Span[] | null {
  if (row.stored < row.count) return null;
  const spans: Span[] = [];
  for (let c = 0; c < row.count; c++) spans.push({ start: grid.startOf(row, c), end: grid.endOf(row, c) });
  return spans;
}

/**
 * Labels are text no number could be — the matrix reader's rule, which it
 * keeps private: none of them a plain literal, and at least one that does
 * not even evaluate. So `x, y` is a header, `pi, e` is data, and a typo in
 * one cell of a numeric row is still reported as a typo.
 */
export class LabelTest {
  constructor(
    private readonly text: string,
    private readonly options?: CellOptions,
  ) {}

  /** A dataset's addition to the rule: NA, NaN, ? are missing values, never names. */
  areLabels(spans: Span[], allowEmpty: boolean): boolean {
    let named = 0;
    for (const span of spans) {
      const t = this.bare(span);
      if (isMissingText(t)) {
        if (!allowEmpty || t !== '') return false;
      } else if (isPlainNumber(this.options?.decimalComma ? t.replace(',', '.') : t)) return false;
      else named++;
    }
    return named > 0 && spans.some((span) => this.bare(span) !== '' && !this.evaluates(span));
  }

  /** The text of a cell without blanks or one pair of quotes. */
  bare({ start, end }: Span): string {
    const text = this.text;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    const q = text[start];
    if (end - start >= 2 && (q === '"' || q === "'") && text[end - 1] === q) return text.slice(start + 1, end - 1).trim();
    return text.slice(start, end);
  }

  private evaluates({ start, end }: Span): boolean {
    try {
      evaluateCell(this.text, start, end, { row: 1, col: 1 }, this.options);
      return true;
    } catch {
      return false;
    }
  }
}
