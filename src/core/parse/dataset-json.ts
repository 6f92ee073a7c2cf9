/**
 * Datasets written as JSON or Python literals, as pandas' `to_dict('list')`
 * and `to_dict('records')` give them: an object of columns
 * `{"X1": [4, 8], "X2": [11, 4]}` (or `{'X1': …}`) and an array of row
 * objects `[{"height": 1.7, "weight": 60}, …]`. Every key and value keeps its
 * place in the text, so errors point at it.
 */
import { CellScanner, mismatch } from './cells';
import { Grid } from './grid';
import { describeChar, quote, syntaxError } from './problems';
import { evaluateCell } from './scalar';
import type { Span } from './selection';
import type { TextTable } from './dataset-table';
import { isMissing } from './dataset-table';

const BARE_KEY = /[^\s:,'"{}[\]()]+/y;

/** `{` then a key and a colon: an object, not Mathematica's `{{1, 2}, …}`. */
export function isObjectAt(text: string, open: number, limit: number): boolean {
  if (text[open] !== '{') return false;
  let i = open + 1;
  while (i < limit && /\s/.test(text[i])) i++;
  if (text[i] === '"' || text[i] === "'") return true;
  BARE_KEY.lastIndex = i;
  const m = BARE_KEY.exec(text);
  if (!m) return false;
  i += m[0].length;
  while (i < limit && /\s/.test(text[i])) i++;
  return text[i] === ':';
}

/** `[` then an object: a list of rows. */
export function isRowListAt(text: string, open: number, limit: number): boolean {
  if (text[open] !== '[') return false;
  let i = open + 1;
  while (i < limit && /\s/.test(text[i])) i++;
  return isObjectAt(text, i, limit);
}

export interface JsonTable {
  table: TextTable;
  /** Offset of the closing `}` or `]`. */
  close: number;
}

export class JsonReader {
  private readonly cells: CellScanner;
  private readonly grid: Grid;
  /** Set by key(): the offset after the key just read (after its closing quote). */
  private keyEnd = 0;

  constructor(
    private readonly text: string,
    private readonly limit: number,
    maxEntries: number,
  ) {
    this.cells = new CellScanner(text, limit, { stops: ',', newlineStops: false, splitOnSpace: false, nest: '(', comment: '#' });
    this.grid = new Grid(maxEntries);
  }

  /** `{"X1": [4, 8, 13, 7], "X2": (11, 4, 5, 14)}`: one text row per key. */
  columns(open: number): JsonTable {
    const { text, grid } = this;
    const keys: Span[] = [];
    let i = this.skip(open + 1);
    while (this.at(i, open) !== '}') {
      const key = this.key(i);
      i = this.skip(this.colon(key, this.keyEnd));
      if (text[i] !== '[' && text[i] !== '(') {
        throw syntaxError(text, i, 1, `The value of ${quote(this.name(key))} should be a list of numbers, such as [1, 2, 3], but it starts with ${this.found(i)}.`);
      }
      i = this.skip(this.list(i));
      keys.push(key);
      i = this.separator(i, open, '}');
    }
    const raggedError = (r: number) => {
      // Point at the shorter column: the longer one is usually complete.
      const [short, long] = grid.rows[r].count < grid.rows[0].count ? [r, 0] : [0, r];
      const [n, m] = [grid.rows[short].count, grid.rows[long].count];
      const message = `Column “${this.name(keys[short])}” has ${n} ${n === 1 ? 'value' : 'values'} but “${this.name(keys[long])}” has ${m}; every column needs one value per sample.`;
      return syntaxError(text, keys[short].start, keys[short].end - keys[short].start, message, 'ragged');
    };
    return { close: i, table: { grid, rows: grid.rows, skip: 0, header: null, corner: null, labels: keys, raggedError, rowsAreColumns: true } };
  }

  /**
   * `[{"name": "Alice", "height": 1.7}, …]`: one text row per object, its
   * values in the order of the first object's keys. A key whose first value
   * is text ("Alice") names the samples. A key an object lacks is an empty
   * cell at its `}`, reported as a missing value once names are known.
   */
  rows(open: number): JsonTable {
    const { text, grid } = this;
    let keys: Span[] = [];
    let names: string[] = [];
    let index = new Map<string, number>();
    let labelKey: string | null = null;
    let corner: Span | null = null;
    const labels: Span[] = [];
    const slots: number[] = []; // value start and end per key, -1 when absent
    let i = this.skip(open + 1);
    for (let row = 1; this.at(i, open) !== ']'; row++) {
      if (text[i] !== '{') throw syntaxError(text, i, 1, `Expected \`{\` to start row ${row} or \`]\` to end the list, but found ${this.found(i)}.`);
      const { pairs, close } = this.object(i);
      if (row === 1) {
        const label = pairs.findIndex((p) => this.isTextValue(p.value));
        if (label >= 0) [labelKey, corner] = [this.name(pairs[label].key), pairs[label].key];
        keys = pairs.filter((_, p) => p !== label).map((p) => p.key);
        names = keys.map((k) => this.name(k));
        index = new Map(names.map((n, k) => [n, k]));
        if (index.size < names.length) {
          const dup = keys.find((k, p) => names.indexOf(this.name(k)) !== p)!;
          throw syntaxError(text, dup.start, dup.end - dup.start, `The key “${this.name(dup)}” appears twice in row 1.`);
        }
      }
      slots.length = 0;
      for (let k = 0; k < 2 * keys.length; k++) slots.push(-1);
      let label: Span = { start: close, end: close };
      let position = 0; // among the keys that hold data
      for (const { key, value } of pairs) {
        const name = this.keyAt(key, position, names) ?? this.name(key);
        if (name === labelKey) {
          label = value;
          continue;
        }
        position++;
        const k = index.get(name);
        if (k === undefined) {
          throw syntaxError(text, key.start, key.end - key.start, `Row ${row} has the key “${name}”, which row 1 does not have; every row needs the same keys.`, 'ragged');
        }
        if (slots[2 * k] >= 0) throw syntaxError(text, key.start, key.end - key.start, `The key “${name}” appears twice in row ${row}.`);
        [slots[2 * k], slots[2 * k + 1]] = [value.start, value.end];
      }
      grid.beginRow(i);
      for (let k = 0; k < keys.length; k++) grid.addCell(slots[2 * k] < 0 ? close : slots[2 * k], slots[2 * k] < 0 ? close : slots[2 * k + 1]);
      grid.endRow(close + 1, true);
      labels.push(label);
      i = this.separator(this.skip(close + 1), open, ']');
    }
    return { close: i, table: { grid, rows: grid.rows, skip: 0, header: keys, corner, labels: labelKey === null ? null : labels } };
  }

  private object(open: number): { pairs: Array<{ key: Span; value: Span }>; close: number } {
    const { text } = this;
    const pairs: Array<{ key: Span; value: Span }> = [];
    let i = this.skip(open + 1);
    while (this.at(i, open) !== '}') {
      const key = this.key(i);
      i = this.skip(this.colon(key, this.keyEnd));
      const ch = this.at(i, open);
      let value: Span = { start: i, end: i }; // `"a": ,` has no value: a missing one
      if (ch === '[' || ch === '{') throw syntaxError(text, i, 1, `The value of ${quote(this.name(key))} should be a number, not a list or an object.`, 'unsupported');
      if (ch !== ',' && ch !== '}') {
        value = { start: i, end: this.cells.scan(i) };
        i = this.cells.next;
      }
      pairs.push({ key, value });
      i = this.separator(this.skip(i), open, '}');
    }
    return { pairs, close: i };
  }

  /** The values of a list starting at `open` become one grid row; returns the offset after its close. */
  private list(open: number): number {
    const { text, grid } = this;
    const close = text[open] === '[' ? ']' : ')';
    grid.beginRow(open);
    let expectValue = true;
    let i = open + 1;
    for (;;) {
      i = this.skip(i);
      const ch = this.at(i, open);
      if (ch === close) break;
      if (ch === ',') {
        if (expectValue) grid.addCell(i, i); // `[1, , 3]`: a hole, reported as a missing value
        expectValue = true;
        i++;
        continue;
      }
      if (!expectValue) throw syntaxError(text, i, 1, `Expected \`,\` or ${quote(close)} after a value, but found ${this.found(i)}.`);
      if (ch === '[' || ch === '{') throw syntaxError(text, i, 1, 'A column holds numbers, not lists or objects.', 'unsupported');
      if (ch === ']' || ch === ')' || ch === '}') throw mismatch(text, open, i);
      grid.addCell(i, this.cells.scan(i));
      i = this.cells.next;
      expectValue = false;
    }
    grid.endRow(i + 1, true);
    return i + 1;
  }

  /**
   * A key in quotes, or bare (JavaScript, or pandas' integer column names); its
   * span excludes the quotes, and `keyEnd` is set to the offset after it.
   */
  private key(i: number): Span {
    const { text, limit } = this;
    const q = text[i];
    if (q === '"' || q === "'") {
      let j = i + 1;
      while (j < limit && text[j] !== q && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= limit || text[j] !== q) throw syntaxError(text, i, 1, `The quote ${quote(q)} is never closed.`);
      this.keyEnd = j + 1;
      return { start: i + 1, end: j };
    }
    BARE_KEY.lastIndex = i;
    const m = BARE_KEY.exec(text);
    if (!m || i >= limit) throw syntaxError(text, i, 1, `Expected a key such as "x1", but found ${this.found(i)}.`);
    this.keyEnd = Math.min(limit, i + m[0].length);
    return { start: i, end: this.keyEnd };
  }

  /** Skips the `:` after a key that ends at `after`; returns the offset after the colon. */
  private colon(key: Span, after: number): number {
    const i = this.skip(after);
    if (i >= this.limit || this.text[i] !== ':') throw syntaxError(this.text, i, 1, `Expected \`:\` after the key ${quote(this.name(key))}, but found ${this.found(i)}.`);
    return i + 1;
  }

  /** After an item: a `,` (skipped), or the container's close (left for the caller). */
  private separator(i: number, open: number, close: string): number {
    const ch = this.at(i, open);
    if (ch === ',') return this.skip(i + 1);
    if (ch === close) return i;
    throw syntaxError(this.text, i, 1, `Expected \`,\` or ${quote(close)}, but found ${this.found(i)}.`);
  }

  /** The character at `i`; an error pointing at `open` when the text ends first. */
  private at(i: number, open: number): string {
    if (i >= this.limit) throw syntaxError(this.text, open, 1, `This ${quote(this.text[open])} is never closed.`);
    return this.text[i];
  }

  private skip(i: number): number {
    return this.cells.skipBlank(i);
  }

  private found(i: number): string {
    return i >= this.limit ? 'the end of the selection' : describeChar(this.text, i);
  }

  private name(key: Span): string {
    return this.text.slice(key.start, key.end);
  }

  /** The p-th key's name when it is the p-th of row 1, without slicing (the common case in a long list). */
  private keyAt(key: Span, p: number, names: string[]): string | null {
    const expected = names[p];
    return expected !== undefined && key.end - key.start === expected.length && this.text.startsWith(expected, key.start) ? expected : null;
  }

  /** A quoted value that is not a number: a sample's name. */
  private isTextValue({ start, end }: Span): boolean {
    const q = this.text[start];
    if ((q !== '"' && q !== "'") || isMissing(this.text, start, end)) return false;
    try {
      evaluateCell(this.text, start, end, { row: 1, col: 1 });
      return false;
    } catch {
      return true;
    }
  }
}
