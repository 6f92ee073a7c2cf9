/**
 * LaTeX matrices: `bmatrix`, `pmatrix`, `vmatrix`, `Bmatrix`, `matrix`,
 * `smallmatrix`, `array{cc}` and `tabular` environments, or a bare body
 * `1 & 2 \\ 3 & 4`. Rows end at `\\`, entries at `&`; rules (`\hline`) and
 * spacing (`\\[2pt]`) are skipped. Text around the environment (`$$`, `\[`,
 * `A =`) is ignored. Entries are evaluated later by the expression parser,
 * which understands `\frac`, `\sqrt`, `\pi` and friends.
 */
import type { Grid } from './grid';
import { quote, syntaxError } from './problems';
import { isSpace } from './chars';

export interface LatexEnvironment {
  start: number;
  bodyStart: number;
  bodyEnd: number;
  end: number;
}

const BEGIN = /\\begin\s*\{\s*([A-Za-z]*matrix\*?|array|tabular)\s*\}/g;
const BEGIN_OR_END = /\\(begin|end)\s*\{\s*([^{}\s]*)\s*\}/g;
const RULES = new Set(['hline', 'midrule', 'toprule', 'bottomrule', 'hdashline', 'cline', 'cmidrule', 'noalign']);

/** Offset of the first `\begin{…matrix}` in text[from, to), or -1. */
export function findBegin(text: string, from: number, to: number): number {
  BEGIN.lastIndex = from;
  const m = BEGIN.exec(text);
  return m && m.index < to ? m.index : -1;
}

/** The first matrix environment beginning in text[from, to), or null. */
export function findEnvironment(text: string, from: number, to: number): LatexEnvironment | null {
  BEGIN.lastIndex = from;
  const m = BEGIN.exec(text);
  if (!m || m.index >= to) return null;
  const name = m[1];
  let bodyStart = m.index + m[0].length;
  // Optional arguments: bmatrix*[r], array[t]{cc}, tabular{|c|c|}.
  bodyStart = skipGroup(text, bodyStart, to, '[', ']');
  if (name === 'array' || name === 'tabular') bodyStart = skipGroup(text, bodyStart, to, '{', '}');
  BEGIN_OR_END.lastIndex = bodyStart;
  const next = BEGIN_OR_END.exec(text);
  if (!next || next.index >= to) {
    throw syntaxError(text, m.index, m[0].length, `The ${quote(m[0])} is never closed: expected \\end{${name}}.`);
  }
  if (next[1] === 'begin') {
    throw syntaxError(text, next.index, next[0].length, 'A matrix inside a matrix (a block matrix) is not supported. Select a single matrix.', 'unsupported');
  }
  if (next[2] !== name) {
    throw syntaxError(text, next.index, next[0].length, `${quote(next[0])} does not match ${quote(m[0])}.`);
  }
  return { start: m.index, bodyStart, bodyEnd: next.index, end: next.index + next[0].length };
}

/** Skips blanks and one `open…close` group if there is one (a TeX optional or column-spec argument). */
function skipGroup(text: string, i: number, to: number, open: string, close: string): number {
  let j = i;
  while (j < to && isSpace(text.charCodeAt(j))) j++;
  if (text[j] !== open) return i;
  let depth = 0;
  for (; j < to; j++) {
    if (text[j] === open) depth++;
    else if (text[j] === close && --depth === 0) return j + 1;
  }
  return i;
}

/** Splits a matrix body into rows (`\\`, `\cr`) and entries (`&`) at brace depth 0. */
export function scanLatexBody(text: string, start: number, end: number, grid: Grid): void {
  let depth = 0;
  let lastOpen = -1;
  let cellStart = -1; // -1: no entry text yet in this cell
  let cellEnd = -1;
  let rowStart = -1; // first entry text in this row, -1 while there is none
  const starts: number[] = []; // this row's entries so far
  const ends: number[] = [];
  const finishCell = (at: number) => {
    starts.push(cellStart < 0 ? at : cellStart);
    ends.push(cellStart < 0 ? at : cellEnd);
    if (rowStart < 0 && cellStart >= 0) rowStart = cellStart;
    cellStart = cellEnd = -1;
  };
  const finishRow = (at: number) => {
    finishCell(at);
    // A row with no text at all (after a final `\\`, or holding only `\hline`) is not a row.
    if (rowStart >= 0) {
      grid.beginRow(rowStart);
      for (let k = 0; k < starts.length; k++) grid.addCell(starts[k], ends[k]);
      grid.endRow();
    }
    starts.length = ends.length = 0;
    rowStart = -1;
  };
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46 || c === 45) {
      // Digits, points and minus signs: the bulk of a large matrix, so tested first.
      if (cellStart < 0) cellStart = i;
      cellEnd = ++i;
      continue;
    }
    if (c === 37 /* % */) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > end ? end : nl;
      continue;
    }
    if (c === 38 /* & */ && depth === 0) {
      finishCell(i);
      i++;
      continue;
    }
    if (c === 92 /* \ */) {
      const doubled = text.charCodeAt(i + 1) === 92;
      const name = doubled ? '' : commandName(text, i + 1, end);
      if (depth === 0 && (doubled || name === 'cr')) {
        finishRow(i);
        i = skipGroup(text, i + (doubled ? 2 : 3), end, '[', ']'); // \\[2pt]
        continue;
      }
      if (cellStart < 0 && RULES.has(name)) {
        i = skipRuleArguments(text, i + 1 + name.length, end);
        continue;
      }
      if (cellStart < 0) cellStart = i;
      i += 1 + Math.max(1, name.length); // keeps `\&` and `\{` inside the entry
      cellEnd = i;
      continue;
    }
    if (c === 123 /* { */) {
      if (depth++ === 0) lastOpen = i;
    } else if (c === 125 /* } */) {
      if (depth === 0) throw syntaxError(text, i, 1, 'This `}` has no matching `{`.');
      depth--;
    }
    if (!isSpace(c)) {
      if (cellStart < 0) cellStart = i;
      cellEnd = i + 1;
    }
    i++;
  }
  if (depth > 0) throw syntaxError(text, lastOpen, 1, 'This `{` is never closed.');
  finishRow(end);
}

function commandName(text: string, i: number, end: number): string {
  let j = i;
  while (j < end) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) j++;
    else break;
  }
  return text.slice(i, j);
}

/** `\cline{1-2}`, `\cmidrule(lr){2-3}`: skip the arguments along with the rule. */
function skipRuleArguments(text: string, i: number, end: number): number {
  i = skipGroup(text, i, end, '(', ')');
  return skipGroup(text, i, end, '{', '}');
}
