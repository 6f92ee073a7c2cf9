/**
 * Finding where one entry ends. Shared by the bracket formats and the
 * delimited ones: an entry runs until a separator at bracket depth 0, and
 * brackets inside it (`sqrt(2)`, `Sqrt[2]`) are matched here with an explicit
 * stack, never by recursion, so deeply nested input cannot overflow.
 *
 * This is the innermost loop over every character of a large selection, so
 * characters are classified once per scanner through a lookup table.
 */
import { positionAt } from '../errors';
import { describeChar, quote, syntaxError } from './problems';
import { isSpace } from './chars';

export interface CellScanConfig {
  /** Separators that end an entry, e.g. ",;" or "\t". */
  stops: string;
  /** Newlines end an entry (MATLAB rows, one line per row); otherwise they are whitespace. */
  newlineStops: boolean;
  /** Whitespace separates entries, with MATLAB's rule for signs: `[1 -2]` is two entries, `[1 - 2]` one. */
  splitOnSpace: boolean;
  /** Brackets that may nest inside an entry, e.g. "(" or "([". Any other opener ends the entry. */
  nest: string;
  /** Line comments: "#" (Python), "%" (MATLAB, TeX). */
  comment?: string;
  /** MATLAB's `...` line continuation. */
  continuation?: boolean;
}

const STOP = 1; // a separator, or a newline that ends rows
const CLOSE = 2;
const NEST = 4; // an opener allowed inside an entry
const STRUCTURAL = 8; // an opener that belongs to the matrix's structure
const BLANK = 16;
const COMMENT = 32;
const DOT = 64; // may start a `...` continuation

const CLOSER_OF: Record<number, number> = { 40: 41, 91: 93, 123: 125 };
/** After these an entry is unfinished, so whitespace cannot end it: `1 +  2`. */
const PENDING_OPERATORS = new Set(['+', '-', '−', '*', '/', '^', '×', '·', '÷']);
const INFIX_OPERATORS = new Set(['*', '/', '^', '×', '·', '÷']);

export class CellScanner {
  /** Where the last scan stopped: a separator, closer, newline, the next entry, or the limit. */
  next = 0;
  private readonly kind = new Uint8Array(128);
  private readonly stack: number[] = [];

  constructor(
    private readonly text: string,
    private readonly limit: number,
    private readonly config: CellScanConfig,
  ) {
    const k = this.kind;
    for (const ch of ' \t\r\f\v') k[ch.charCodeAt(0)] = BLANK;
    k[10] = config.newlineStops ? STOP : BLANK;
    for (const ch of '([{') k[ch.charCodeAt(0)] = config.nest.includes(ch) ? NEST : STRUCTURAL;
    for (const ch of ')]}') k[ch.charCodeAt(0)] = CLOSE;
    for (const ch of config.comment ?? '') k[ch.charCodeAt(0)] = COMMENT;
    if (config.continuation) k[46] = DOT;
    for (const ch of config.stops) k[ch.charCodeAt(0)] = STOP; // a tab can be the separator
  }

  private classify(c: number): number {
    return c < 128 ? this.kind[c] : isSpace(c) ? BLANK : 0;
  }

  private isContinuation(i: number): boolean {
    return this.text.charCodeAt(i + 1) === 46 && this.text.charCodeAt(i + 2) === 46;
  }

  /** Skips whitespace, comments and continuations (and newlines, unless they end entries). */
  skipBlank(i: number): number {
    const { text, limit } = this;
    while (i < limit) {
      const f = this.classify(text.charCodeAt(i));
      if (f === BLANK) i++;
      else if (f === COMMENT) i = this.lineEnd(i);
      else if (f === DOT && this.isContinuation(i)) i = Math.min(limit, this.lineEnd(i) + 1);
      else break;
    }
    return i;
  }

  private lineEnd(i: number): number {
    const n = this.text.indexOf('\n', i);
    return n < 0 || n > this.limit ? this.limit : n;
  }

  /**
   * Scans one entry starting at its first character `start`; returns the end of
   * its text (trailing blanks excluded) and sets `next`.
   */
  scan(start: number): number {
    const { text, limit, config, stack } = this;
    if (stack.length > 0) stack.length = 0; // offsets of the open brackets inside this entry
    let last = start - 1; // last significant character
    let i = start;
    const q = text.charCodeAt(start);
    if (q === 34 || q === 39) {
      // A quoted entry ("1.5" in JSON or a spreadsheet); separators inside it are literal.
      const close = text.indexOf(text[start], start + 1);
      if (close < 0 || close >= this.lineEnd(start)) throw syntaxError(text, start, 1, `The quote ${quote(text[start])} is never closed.`);
      last = close;
      i = close + 1;
    }
    for (; i < limit; i++) {
      const c = text.charCodeAt(i);
      const f = this.classify(c);
      if (f === 0) {
        last = i;
        continue;
      }
      if (stack.length > 0) {
        if (f === NEST || f === STRUCTURAL) stack.push(i);
        else if (f === CLOSE) {
          const open = stack.pop()!;
          if (CLOSER_OF[text.charCodeAt(open)] !== c) throw mismatch(text, open, i);
        }
        last = i;
        continue;
      }
      if (f === STOP || f === CLOSE || f === STRUCTURAL) break; // the caller decides what a structural bracket means
      if (f === NEST) {
        stack.push(i);
        last = i;
        continue;
      }
      if (f === DOT && !this.isContinuation(i)) {
        last = i;
        continue;
      }
      // Whitespace: inside the entry, or the end of it (then `next` is a separator or the next entry).
      const j = this.skipBlank(i);
      const inside = config.splitOnSpace ? this.continuesAfterSpace(last, j) : j < limit && !this.endsEntry(j);
      if (!inside) {
        this.next = j;
        return last + 1;
      }
      i = j - 1;
    }
    if (i === start) throw syntaxError(text, i, 1, `Unexpected ${describeChar(text, i)}.`);
    if (stack.length > 0) {
      const open = stack[stack.length - 1];
      throw syntaxError(text, open, 1, `This ${quote(text[open])} is never closed.`);
    }
    this.next = i;
    return last + 1;
  }

  private endsEntry(j: number): boolean {
    const f = this.classify(this.text.charCodeAt(j));
    return f === STOP || f === CLOSE || this.text.charCodeAt(j) === 10;
  }

  /** MATLAB's rule: whitespace splits entries unless an operator binds across it. */
  private continuesAfterSpace(last: number, j: number): boolean {
    if (j >= this.limit || this.endsEntry(j)) return false;
    const prev = this.text[last];
    const next = this.text[j];
    if (PENDING_OPERATORS.has(prev) || INFIX_OPERATORS.has(next)) return true;
    if (next === '+' || next === '-' || next === '−') {
      // `1 - 2` subtracts and `1 -2` is two entries; a sign with nothing after it is an unfinished `1 +`.
      return j + 1 >= this.limit || isSpace(this.text.charCodeAt(j + 1)) || this.endsEntry(j + 1);
    }
    return false;
  }
}

export function mismatch(text: string, open: number, close: number): ReturnType<typeof syntaxError> {
  const p = positionAt(text, open);
  return syntaxError(
    text,
    close,
    1,
    `This ${quote(text[close])} does not match the ${quote(text[open])} at line ${p.line}, column ${p.column}.`,
  );
}
