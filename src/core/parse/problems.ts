/** Builders for the `MdlError`s the reader throws, so every message is worded the same way. */
import { MdlError, positionAt, type CellPosition, type ErrorCode } from '../errors';

const MAX_QUOTED = 40;

/** `text` in backticks, on one line and shortened, for quoting user input in a message. */
export function quote(text: string): string {
  let s = text.replace(/\s+/g, ' ').trim();
  if (s.length > MAX_QUOTED) s = s.slice(0, MAX_QUOTED - 1) + '…';
  return '`' + s.replace(/`/g, "'") + '`';
}

/** "row 2, column 3": how cells are named in messages (1-based, as a student counts). */
export function cellName(cell: CellPosition): string {
  return `row ${cell.row}, column ${cell.col}`;
}

/** An error about the selection's structure, pointing at `length` characters from `offset`. */
export function syntaxError(text: string, offset: number, length: number, message: string, code: ErrorCode = 'syntax'): MdlError {
  return new MdlError(code, message, positionAt(text, offset, Math.max(1, length)));
}

/** An error about one matrix entry. */
export function cellError(
  code: ErrorCode,
  text: string,
  offset: number,
  length: number,
  cell: CellPosition,
  message: string,
): MdlError {
  return new MdlError(code, message, positionAt(text, offset, Math.max(1, length)), cell);
}

/** 300000 → "300,000", without depending on the host's locale. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** How a character is shown in a message: `]`, or "the end of the selection". */
export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the selection';
  const ch = text[offset];
  if (ch === '\n' || ch === '\r') return 'the end of the line';
  return quote(ch);
}
