/**
 * Bracketed literals: JSON and Python lists `[[1, 2], [3, 4]]` (also tuples
 * and NumPy's printed form `[[1 2] [3 4]]`), MATLAB `[1 2; 3 4]`, and
 * Mathematica `{{1, 2}, {3, 4}}`. One iterative scanner covers them all: a
 * matrix has at most two bracket levels, so deeper nesting is refused as
 * soon as it appears rather than recursed into.
 */
import { CellScanner, mismatch } from './cells';
import type { Grid } from './grid';
import { describeChar, quote, syntaxError } from './problems';
import type { MatrixFormat } from './types';

export interface ListResult {
  /** Offset of the closing bracket of the whole literal. */
  close: number;
  format: MatrixFormat;
}

const CLOSER: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** Scans the literal whose opening bracket is at `open`; entries go into `grid`. */
export function scanList(text: string, open: number, limit: number, grid: Grid): ListResult {
  const kind = text[open];
  const braces = kind === '{';
  const probe = new CellScanner(text, limit, { stops: ',;', newlineStops: false, splitOnSpace: !braces, nest: '(', comment: braces ? undefined : '#' });
  const first = probe.skipBlank(open + 1);
  const nested = braces ? text[first] === '{' : text[first] === '[' || (text[first] === '(' && isTuple(text, first, limit));
  return nested ? scanRows(text, open, limit, grid) : scanFlat(text, open, limit, grid);
}

/** `(1, 2)` is a row of a Python list of tuples; `(1 + 2)` is an entry. */
export function isTuple(text: string, open: number, limit: number): boolean {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (--depth === 0) return false;
    } else if (ch === ',' && depth === 1) return true;
  }
  return false;
}

function unclosed(text: string, open: number) {
  return syntaxError(text, open, 1, `This ${quote(text[open])} is never closed.`);
}

function isRowOpener(text: string, i: number, limit: number, braces: boolean): boolean {
  const ch = text[i];
  return braces ? ch === '{' : ch === '[' || (ch === '(' && isTuple(text, i, limit));
}

/** `[[…], […]]`: every element of the outer list is a row. */
function scanRows(text: string, open: number, limit: number, grid: Grid): ListResult {
  const braces = text[open] === '{';
  const outerClose = CLOSER[text[open]];
  const cells = new CellScanner(text, limit, {
    stops: ',;',
    newlineStops: false,
    splitOnSpace: !braces,
    nest: braces ? '([' : '({',
    comment: braces ? undefined : '#',
  });
  let spaceSeparated = false;
  let i = cells.skipBlank(open + 1);
  for (let row = 1; ; row++) {
    i = cells.skipBlank(i);
    if (i >= limit) throw unclosed(text, open);
    const ch = text[i];
    if (ch === outerClose) break;
    if (!isRowOpener(text, i, limit, braces)) {
      if (ch === ')' || ch === ']' || ch === '}') throw mismatch(text, open, i);
      throw syntaxError(
        text,
        i,
        1,
        `Expected ${quote(braces ? '{' : '[')} to start row ${row} or ${quote(outerClose)} to end the matrix, but found ${describeChar(text, i)}. ` +
          'Write every row in brackets, like [[1, 2], [3, 4]].',
      );
    }
    const rowOpen = i;
    grid.beginRow(rowOpen);
    const rowClose = scanRowEntries(text, rowOpen, limit, grid, cells, braces);
    if (rowClose.spaceSeparated) spaceSeparated = true;
    grid.endRow(rowClose.at + 1, true);
    i = cells.skipBlank(rowClose.at + 1);
    if (text[i] === ',' || text[i] === ';') i++;
    else if (i < limit && text[i] !== outerClose) spaceSeparated = true; // NumPy prints rows without commas
  }
  // NumPy's printed arrays have no commas: the one thing telling them from JSON.
  return { close: i, format: braces ? 'mathematica' : text[open] === '(' || spaceSeparated ? 'numpy' : 'json' };
}

function scanRowEntries(
  text: string,
  rowOpen: number,
  limit: number,
  grid: Grid,
  cells: CellScanner,
  braces: boolean,
): { at: number; spaceSeparated: boolean } {
  const close = CLOSER[text[rowOpen]];
  let expectEntry = true; // after the opening bracket or a comma
  let spaceSeparated = false;
  let i = rowOpen + 1;
  for (;;) {
    i = cells.skipBlank(i);
    if (i >= limit) throw unclosed(text, rowOpen);
    const ch = text[i];
    if (ch === close) return { at: i, spaceSeparated };
    if (ch === ',') {
      if (expectEntry) throw emptyEntry(text, i);
      expectEntry = true;
      i++;
      continue;
    }
    if (ch === ';') throw syntaxError(text, i, 1, 'A `;` cannot appear inside a bracketed row; separate entries with commas.');
    if (ch === ')' || ch === ']' || ch === '}') throw mismatch(text, rowOpen, i);
    if (ch === (braces ? '{' : '[')) {
      throw syntaxError(
        text,
        i,
        1,
        'This looks like an array with three or more levels of brackets. Select a single matrix (two levels, like [[1, 2], [3, 4]]).',
        'unsupported',
      );
    }
    if (!expectEntry) spaceSeparated = true;
    const end = cells.scan(i);
    grid.addCell(i, end);
    expectEntry = false;
    i = cells.next;
  }
}

/** `[1, 2, 3]` (one row) or MATLAB's `[1 2; 3 4]` with `;` or newlines between rows. */
function scanFlat(text: string, open: number, limit: number, grid: Grid): ListResult {
  return flatEntries(text, open, open + 1, limit, grid, text[open]);
}

/** The inside of a MATLAB matrix selected without its brackets: `1 2; 3 4`. */
export function scanMatlabBody(text: string, start: number, end: number, grid: Grid): void {
  flatEntries(text, null, start, end, grid, '[');
}

function flatEntries(text: string, open: number | null, from: number, limit: number, grid: Grid, kind: string): ListResult {
  const close = open === null ? '' : CLOSER[kind];
  const matlab = kind === '[';
  const cells = new CellScanner(text, limit, {
    stops: matlab ? ',;' : ',',
    newlineStops: matlab,
    splitOnSpace: kind !== '{',
    nest: kind === '{' ? '([' : '({',
    comment: matlab ? '#%' : kind === '(' ? '#' : undefined,
    continuation: matlab,
  });
  let expectEntry = true;
  let semicolons = false;
  let spaceSeparated = false;
  const rowsBefore = grid.rows.length;
  let i = from;
  for (;;) {
    i = cells.skipBlank(i);
    if (i >= limit) {
      if (open === null) break;
      throw unclosed(text, open);
    }
    const ch = text[i];
    if (ch === close) break;
    if (ch === ',') {
      if (expectEntry) throw emptyEntry(text, i);
      expectEntry = true;
      i++;
    } else if (matlab && (ch === ';' || ch === '\n')) {
      // A newline right after a comma (or before any entry) continues the row, as in JSON.
      if (ch === ';' || !expectEntry) {
        semicolons ||= ch === ';';
        grid.endRow();
        expectEntry = true;
      }
      i++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      throw open === null ? syntaxError(text, i, 1, `This ${quote(ch)} has no matching opening bracket.`) : mismatch(text, open, i);
    } else if (ch === '[' || ch === '{' || (ch === '(' && kind !== '{' && isTuple(text, i, limit))) {
      throw syntaxError(
        text,
        i,
        1,
        'This list mixes numbers and rows. Write either one row of numbers, like [1, 2, 3], or only rows, like [[1, 2], [3, 4]].',
      );
    } else {
      if (!expectEntry) spaceSeparated = true;
      if (!grid.inRow) grid.beginRow(i);
      const end = cells.scan(i);
      grid.addCell(i, end);
      expectEntry = false;
      i = cells.next;
    }
  }
  grid.endRow();
  const matlabRows = semicolons || spaceSeparated || grid.rows.length - rowsBefore > 1;
  const format: MatrixFormat = kind === '{' ? 'mathematica' : kind === '(' ? 'numpy' : matlabRows ? 'matlab' : 'json';
  return { close: i, format };
}

function emptyEntry(text: string, at: number) {
  return syntaxError(text, at, 1, 'There is an empty entry before this comma.');
}
