/**
 * `findMatrixAround`: with nothing selected, the matrix literal the cursor is
 * in or touching. Candidates are the LaTeX environment, the brackets around
 * the cursor (innermost first) and the Markdown table on the cursor's line;
 * a bracket candidate counts when `parseMatrix` accepts it, or rejects it for
 * its entries rather than its shape (so a ragged matrix is still found, and
 * the student gets the precise error from parsing it).
 */
import { isMdlError } from '../errors';
import { findEnvironment } from './latex';
import { parseMatrix } from './parse-matrix';
import type { Span } from './selection';

/** Enclosing brackets looked at: a matrix has two levels, plus a call and a little slack. */
const MAX_ENCLOSING = 6;
const OPENERS = '([{';
const CLOSERS = ')]}';
/** Calls whose argument is the matrix: np.array(…), torch.tensor(…), sympy.Matrix(…). */
const CONSTRUCTOR = /(?<![\w.])(?:[A-Za-z_]\w*\.)*(?:array|asarray|asmatrix|matrix|mat|tensor|as_tensor|constant|Matrix|Tensor)\s*$/;
/** TeX environments between the cursor and its matrix's \begin (an enclosing equation, say) that are looked past. */
const MAX_BEGINS = 16;

export function findMatrixAround(text: string, offset: number): Span | null {
  if (typeof text !== 'string' || !Number.isFinite(offset)) return null;
  const at = Math.max(0, Math.min(text.length, Math.trunc(offset)));
  try {
    return latexAround(text, at) ?? bracketsAround(text, at) ?? markdownAround(text, at);
  } catch {
    return null; // a search that fails has simply found nothing
  }
}

function latexAround(text: string, at: number): Span | null {
  let p = text.lastIndexOf('\\begin', at);
  for (let n = 0; p >= 0 && n < MAX_BEGINS; n++, p = p > 0 ? text.lastIndexOf('\\begin', p - 1) : -1) {
    let env;
    try {
      env = findEnvironment(text, p, text.length);
    } catch (e) {
      if (isMdlError(e)) return null;
      throw e;
    }
    if (env && env.start === p) return at <= env.end ? { start: env.start, end: env.end } : null;
  }
  return null;
}

function bracketsAround(text: string, at: number): Span | null {
  const spans = new Map<string, Span>(); // keyed by start:end, as two brackets can give the same call
  const consider = (open: number) => {
    const span = candidateSpan(text, open);
    if (span && span.start <= at && at <= span.end) spans.set(`${span.start}:${span.end}`, span);
  };
  if (OPENERS.includes(text[at])) consider(at);
  if (at > 0 && CLOSERS.includes(text[at - 1])) {
    const open = matchBackward(text, at - 1);
    if (open >= 0) consider(open);
  }
  for (const open of enclosingOpeners(text, at)) consider(open);
  const callBracket = bracketAfterName(text, at);
  if (callBracket >= 0) consider(callBracket);

  const candidates = [...spans.values()].sort((a, b) => a.end - a.start - (b.end - b.start));
  let best: Span | null = null;
  for (const span of candidates) {
    if (looksLikeMatrix(text.slice(span.start, span.end))) best = span;
    else if (best) break;
  }
  return best;
}

/** The literal opened at `open`, widened to its constructor call if it is the call's argument. */
function candidateSpan(text: string, open: number): Span | null {
  const close = matchForward(text, open);
  if (close < 0) return null;
  const ch = text[open];
  if (ch === '(') {
    const from = Math.max(0, open - 80);
    const name = CONSTRUCTOR.exec(text.slice(from, open));
    return name ? { start: from + name.index, end: close + 1 } : null;
  }
  // a[0], f(x)[1], \frac{1}{2}: subscripts and TeX arguments, not literals.
  if (open > 0 && /[\w)\]}\\]/.test(text[open - 1])) return null;
  let before = open - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  if (before >= 0 && text[before] === '(') {
    const call = candidateSpan(text, before);
    if (call) return call;
  }
  return { start: open, end: close + 1 };
}

function looksLikeMatrix(candidate: string): boolean {
  try {
    parseMatrix(candidate);
    return true;
  } catch (e) {
    if (!isMdlError(e)) return false;
    if (e.code === 'ragged' || e.code === 'non-finite' || e.code === 'too-large') return true;
    // A typo inside a nested literal still makes it the matrix the student meant.
    return e.code === 'non-numeric' && /^[\w.]*\s*[([{]?\s*[[{(]\s*[[{(]/.test(candidate);
  }
}

/** Unmatched opening brackets left of `at`, innermost first. */
function enclosingOpeners(text: string, at: number): number[] {
  const found: number[] = [];
  let pending = 0; // closers seen that still need their opener
  for (let i = at - 1; i >= 0 && found.length < MAX_ENCLOSING; i--) {
    const ch = text[i];
    if (CLOSERS.includes(ch)) pending++;
    else if (OPENERS.includes(ch)) {
      if (pending > 0) pending--;
      else found.push(i);
    }
  }
  return found;
}

/** The cursor on `np.array` in `np.array([[1]])`: the bracket after the name. */
function bracketAfterName(text: string, at: number): number {
  const isName = (i: number) => i >= 0 && i < text.length && /[\w.]/.test(text[i]);
  if (!isName(at) && !isName(at - 1)) return -1;
  let i = at;
  while (isName(i)) i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === '(' ? i : -1;
}

function matchForward(text: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    const o = OPENERS.indexOf(ch);
    if (o >= 0) stack.push(CLOSERS[o]);
    else if (CLOSERS.includes(ch)) {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function matchBackward(text: string, close: number): number {
  const stack: string[] = [];
  for (let i = close; i >= 0; i--) {
    const ch = text[i];
    const c = CLOSERS.indexOf(ch);
    if (c >= 0) stack.push(OPENERS[c]);
    else if (OPENERS.includes(ch)) {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** The `|`-table on the cursor's line, from its first to its last `|`-line. */
function markdownAround(text: string, at: number): Span | null {
  const lineAt = (i: number): Span => {
    const start = text.lastIndexOf('\n', i - 1) + 1;
    const nl = text.indexOf('\n', i);
    return { start, end: nl < 0 ? text.length : nl };
  };
  const isRow = (l: Span) => /^[ \t]*\|/.test(text.slice(l.start, Math.min(l.end, l.start + 200)));
  let first = lineAt(at);
  if (!isRow(first)) return null;
  let last = first;
  while (first.start > 0) {
    const prev = lineAt(first.start - 1);
    if (!isRow(prev)) break;
    first = prev;
  }
  while (last.end < text.length) {
    const next = lineAt(last.end + 1);
    if (!isRow(next)) break;
    last = next;
  }
  // Whole lines, so that a cursor in the indentation or after a trailing space is inside too.
  const end = last.end > first.start && text[last.end - 1] === '\r' ? last.end - 1 : last.end;
  return { start: first.start, end: Math.max(end, Math.min(at, last.end)) };
}
