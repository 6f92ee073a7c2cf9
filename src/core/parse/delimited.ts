/**
 * Line-based tables: CSV, TSV, semicolon-separated, whitespace-separated and
 * Markdown. One row per line; label rows and columns are recognised later,
 * in `assemble`.
 */
import { CellScanner } from './cells';
import type { Grid } from './grid';
import { describeChar, syntaxError } from './problems';
import { isSpace } from './chars';

export type Delimiter = ',' | '\t' | ';' | ' ';

interface Line {
  start: number;
  end: number; // excludes the newline and a trailing \r
}

/** The lines of text[start, end). */
function linesOf(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let s = start;
  while (s <= end) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > end) e = end;
    lines.push({ start: s, end: e > s && text[e - 1] === '\r' ? e - 1 : e });
    s = e + 1;
  }
  return lines;
}

function firstNonBlank(text: string, line: Line): number {
  let i = line.start;
  while (i < line.end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Each non-blank line is a row. Lines starting with `#` or `%` are comments (numpy.savetxt, Octave). */
export function scanDelimited(text: string, start: number, end: number, delimiter: Delimiter, grid: Grid): void {
  const spaced = delimiter === ' ';
  for (const line of linesOf(text, start, end)) {
    let i = firstNonBlank(text, line);
    if (i >= line.end || text[i] === '#' || text[i] === '%') continue;
    const cells = new CellScanner(text, line.end, {
      stops: spaced ? '' : delimiter,
      newlineStops: true,
      splitOnSpace: spaced,
      nest: '([{',
    });
    grid.beginRow(i);
    if (spaced) {
      for (i = cells.skipBlank(i); i < line.end; i = cells.skipBlank(cells.next)) grid.addCell(i, cells.scan(i));
    } else {
      for (;;) {
        i = cells.skipBlank(i);
        if (i >= line.end || text[i] === delimiter) grid.addCell(i, i); // an empty field, reported when evaluated
        else {
          grid.addCell(i, cells.scan(i));
          i = cells.next;
        }
        if (i >= line.end) break;
        if (text[i] !== delimiter) throw syntaxError(text, i, 1, `Unexpected ${describeChar(text, i)}.`);
        i++;
        // A delimiter ending the line (`1,2,3,`) is a common export habit, not an empty column.
        if (cells.skipBlank(i) >= line.end) break;
      }
    }
    grid.endRow();
  }
}

const SEPARATOR_LINE = /^\s*\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?\s*$/;

/** A Markdown table: rows are `|`-lines; the header above a `|---|` line is dropped. */
export function scanMarkdown(text: string, start: number, end: number, grid: Grid): void {
  const lines = linesOf(text, start, end);
  const isTableLine = (l: Line) => text[firstNonBlank(text, l)] === '|';
  const first = lines.findIndex(isTableLine);
  let last = lines.length - 1;
  while (last > first && !isTableLine(lines[last])) last--;
  // Lines before and after the table (a caption) are ignored; a stray line inside it is an error.
  const table = lines.slice(first, last + 1);
  const separator = table.findIndex((l) => SEPARATOR_LINE.test(text.slice(l.start, l.end)) && text.slice(l.start, l.end).includes('-'));
  table.forEach((line, index) => {
    if (index <= separator) return; // header rows and the separator itself
    const i = firstNonBlank(text, line);
    if (i >= line.end) return;
    if (text[i] !== '|') throw syntaxError(text, i, line.end - i, 'This line is inside the table but does not start with `|`.');
    scanTableRow(text, i, line.end, grid);
  });
}

function scanTableRow(text: string, start: number, end: number, grid: Grid): void {
  grid.beginRow(start);
  let cellStart = start + 1;
  for (let i = start + 1; i <= end; i++) {
    const atPipe = i < end && text[i] === '|' && text[i - 1] !== '\\';
    if (!atPipe && i < end) continue;
    // The text after a closing `|` is not a cell, unless the row has no closing pipe.
    if (i === end && text.slice(cellStart, end).trim() === '' && cellStart > start + 1) break;
    const [s, e] = unwrapMarkdown(text, cellStart, i);
    grid.addCell(s, e);
    cellStart = i + 1;
  }
  grid.endRow();
}

const WRAPPERS = ['**', '__', '`', '$', '*', '_'];

/** `**1**`, `` `1` ``, `$\frac12$` → the span inside the emphasis or math markers. */
function unwrapMarkdown(text: string, s: number, e: number): [number, number] {
  for (let changed = true; changed; ) {
    changed = false;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    for (const w of WRAPPERS) {
      if (e - s > 2 * w.length && text.startsWith(w, s) && text.startsWith(w, e - w.length)) {
        s += w.length;
        e -= w.length;
        changed = true;
        break;
      }
    }
  }
  return [s, e];
}
