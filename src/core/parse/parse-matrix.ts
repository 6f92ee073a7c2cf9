/**
 * `parseMatrix`: reads a matrix from whatever text a student selected.
 * Decides the format from the text itself, lets that format's scanner
 * record where the entries are, then `assemble` checks and evaluates them.
 */
import { isMdlError, MdlError } from '../errors';
import { scanDelimited, scanMarkdown, type Delimiter } from './delimited';
import { assemble, Grid, type AssembleOptions } from './grid';
import { findBegin, findEnvironment, scanLatexBody } from './latex';
import { isTuple, scanList, scanMatlabBody } from './lists';
import { quote, syntaxError } from './problems';
import { isSpace } from './chars';
import { selectionBody, type Span } from './selection';
import { DEFAULT_MAX_ENTRIES, type ParsedMatrix, type ParseOptions } from './types';

const EMPTY_MESSAGE = 'The selection is empty. Select a matrix such as [[1, 2], [3, 4]] or put the cursor inside one.';

export function parseMatrix(text: string, options: ParseOptions = {}): ParsedMatrix {
  try {
    return read(text, options);
  } catch (e) {
    if (isMdlError(e)) throw e;
    // The scanners are written to fail only with MdlError; this is the backstop that keeps
    // a stack trace (say, out of memory on an absurd selection) from ever reaching a student.
    throw new MdlError('syntax', 'The selection could not be read as a matrix.');
  }
}

function read(text: string, options: ParseOptions): ParsedMatrix {
  if (typeof text !== 'string') throw new MdlError('invalid-argument', 'The selection is not text.');
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new MdlError('invalid-argument', `The entry limit must be a positive whole number, not ${maxEntries}.`);
  }
  const body = selectionBody(text);
  if (!body) throw new MdlError('empty', EMPTY_MESSAGE);
  const grid = new Grid(maxEntries);
  const layout = scanLayout(text, body, grid);
  return assemble(text, grid, { ...layout, maxEntries });
}

type Layout = Omit<AssembleOptions, 'maxEntries'>;

/** Recognises the format and records the entries' positions in `grid`. */
function scanLayout(text: string, body: Span, grid: Grid): Layout {
  const { start: s, end: e } = body;
  const env = findEnvironment(text, s, e);
  if (env) {
    const another = findBegin(text, env.end, e);
    if (another >= 0) throw syntaxError(text, another, 6, 'The selection holds more than one matrix; select just one.');
    scanLatexBody(text, env.bodyStart, env.bodyEnd, grid);
    return { format: 'latex', labels: true, whole: env };
  }
  // A bare TeX body `1 & 2 \\ 3 & 4`; several lines without `\\` are a table with an `&` in a label.
  if (indexIn(text, '&', s, e) >= 0 && (text.slice(s, e).includes('\\\\') || indexIn(text, '\n', s, e) < 0)) {
    const inner = stripMathDelimiters(text, body);
    scanLatexBody(text, inner.start, inner.end, grid);
    return { format: 'latex', labels: true, whole: inner };
  }
  const call = callAt(text, s, e);
  if (call) return scanCall(text, call, e, grid);
  const first = text[s];
  if (first === '[' || first === '{' || (first === '(' && isTuple(text, s, e))) {
    const list = scanList(text, s, e, grid);
    expectNothingAfter(text, list.close + 1, e);
    return { format: list.format, labels: false, whole: { start: s, end: list.close + 1 } };
  }
  if (indexIn(text, '|', s, e) >= 0 && /^[ \t]*\|/m.test(text.slice(s, e))) {
    scanMarkdown(text, s, e, grid);
    return { format: 'markdown', labels: true, whole: body };
  }
  return scanTable(text, body, grid);
}

function scanTable(text: string, body: Span, grid: Grid): Layout {
  const { start: s, end: e } = body;
  const has = (ch: string) => indexIn(text, ch, s, e) >= 0;
  let delimiter: Delimiter = ' ';
  if (has('\t') && everyLine(text, body, (line) => line.includes('\t'))) delimiter = '\t';
  else if (has(';')) {
    if (!isSemicolonTable(text, body)) {
      scanMatlabBody(text, s, e, grid); // `1 2; 3 4`: MATLAB rows without the brackets
      return { format: 'matlab', labels: false, whole: body };
    }
    delimiter = ';';
  } else if (has(',')) delimiter = ',';
  scanDelimited(text, s, e, delimiter, grid);
  const format = delimiter === '\t' ? 'tsv' : delimiter === ' ' ? 'whitespace' : 'csv';
  return { format, labels: true, whole: body, cellOptions: { decimalComma: delimiter === ';' } };
}

/**
 * Semicolon-separated values (as spreadsheets export them in locales with a
 * decimal comma) span several lines with one token between semicolons.
 * Otherwise `;` ends MATLAB rows: `1 2; 3 4`.
 */
function isSemicolonTable(text: string, body: Span): boolean {
  return text.slice(body.start, body.end).includes('\n') && everyLine(text, body, (l) => l.split(';').every((field) => !/\S\s+\S/.test(field.trim())));
}

/** `test` holds for every line that has content (comment lines aside). */
function everyLine(text: string, body: Span, test: (line: string) => boolean): boolean {
  return text
    .slice(body.start, body.end)
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*[#%]/.test(l))
    .every(test);
}

interface Call {
  /** The bracket after the name: `(` for Python, `[` for Mathematica. */
  open: number;
  /** The matrix literal inside. */
  inner: number;
}

const CALL = /[A-Za-z_][\w.]*\s*([(\[])/y;

/** `np.array([[…]], dtype=float)`, `torch.tensor(…)`, `MatrixForm[{{…}}]`. */
function callAt(text: string, s: number, e: number): Call | null {
  CALL.lastIndex = s;
  const m = CALL.exec(text);
  if (!m) return null;
  const open = s + m[0].length - 1;
  let inner = open + 1;
  while (inner < e && isSpace(text.charCodeAt(inner))) inner++;
  const ch = text[inner];
  const isList = ch === '[' || ch === '{' || (ch === '(' && isTuple(text, inner, e));
  return isList && inner < e ? { open, inner } : null;
}

function scanCall(text: string, call: Call, e: number, grid: Grid): Layout {
  const close = text[call.open] === '(' ? ')' : ']';
  const list = scanList(text, call.inner, e, grid);
  let i = skipSpaces(text, list.close + 1, e);
  if (text[i] === ',') i = skipArguments(text, i + 1, e); // dtype=float, copy=True
  if (i >= e || text[i] !== close) {
    throw syntaxError(text, call.open, 1, `The ${quote(text[call.open])} of this call is never closed: expected ${quote(close)}.`);
  }
  expectNothingAfter(text, i + 1, e);
  const format = text[call.open] === '[' || list.format === 'mathematica' ? 'mathematica' : 'numpy';
  return { format, labels: false, whole: { start: call.inner, end: list.close + 1 } };
}

/** Skips keyword arguments up to the call's closing bracket, which it returns (or `e`). */
function skipArguments(text: string, i: number, e: number): number {
  let depth = 0;
  for (; i < e; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const q = text.indexOf(ch, i + 1);
      i = q < 0 || q >= e ? e : q;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return i;
}

function expectNothingAfter(text: string, i: number, e: number): void {
  i = skipSpaces(text, i, e);
  if (i < e) {
    throw syntaxError(text, i, e - i, `Unexpected ${quote(text.slice(i, Math.min(e, i + 12)))} after the matrix. Select just the matrix.`);
  }
}

function skipSpaces(text: string, i: number, e: number): number {
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function indexIn(text: string, ch: string, s: number, e: number): number {
  const i = text.indexOf(ch, s);
  return i >= 0 && i < e ? i : -1;
}

/** `$$ … $$`, `\[ … \]`, `\( … \)`, `$ … $` around a bare `1 & 2 \\ 3 & 4`. */
function stripMathDelimiters(text: string, body: Span): Span {
  let { start: s, end: e } = body;
  for (const [open, close] of [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']]) {
    if (text.startsWith(open, s)) s += open.length;
    if (e - close.length >= s && text.startsWith(close, e - close.length)) e -= close.length;
  }
  return { start: s, end: e };
}
