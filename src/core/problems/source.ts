/**
 * Offsets → VS Code positions, JSON pointers, and the one subtle mapping:
 * from a position inside a string's *decoded* value (where an expression
 * parser reports an error) back to the file, across escapes such as \n or
 * \u00b2, so a diagnostic lands on the exact character the student typed.
 */
import type { JsonPath, SourceRange } from './types';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.starts[lo] };
  }

  range(offset: number, length: number): SourceRange {
    const start = Math.max(0, Math.min(offset, this.text.length));
    const len = Math.max(0, Math.min(length, this.text.length - start));
    return { offset: start, length: len, start: this.position(start), end: this.position(start + len) };
  }
}

/** RFC 6901 pointer for a path: ['expect', 'final.theta', 0] → '/expect/final.theta/0'. */
export function pointer(path: JsonPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The closest range recorded for `path` or one of its ancestors (a value that is absent points at its parent). */
export function rangeAt(ranges: Record<string, SourceRange>, path: JsonPath): SourceRange {
  for (let n = path.length; n >= 0; n--) {
    const r = ranges[pointer(path.slice(0, n))];
    if (r) return r;
  }
  return ranges[''];
}

/**
 * Offset in the file of character `index` of the decoded string whose
 * literal (with quotes) starts at `literalOffset`. Escapes take 2 or 6 raw
 * characters for one decoded UTF-16 unit; everything else maps 1:1.
 */
export function rawOffset(text: string, literalOffset: number, index: number): number {
  let raw = literalOffset + 1;
  for (let decoded = 0; decoded < index && raw < text.length; decoded++) {
    if (text[raw] === '\\') raw += text[raw + 1] === 'u' ? 6 : 2;
    else raw++;
  }
  return raw;
}

/** A range inside a string literal, given decoded offsets (e.g. an expression parser's error position). */
export function rangeInString(lines: LineIndex, literal: SourceRange, index: number, length: number): SourceRange {
  const start = rawOffset(lines.text, literal.offset, index);
  const end = rawOffset(lines.text, literal.offset, index + Math.max(1, length));
  const close = literal.offset + literal.length - 1;
  const s = Math.min(start, close);
  return lines.range(s, Math.max(1, Math.min(end, close) - s));
}
