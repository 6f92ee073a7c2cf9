/**
 * One matrix entry → a double and, when the entry is rational, its exact value.
 * Plain decimals take the fast path in `literal.ts` (they are nearly every
 * entry of a large matrix); anything else goes to the expression parser.
 */
import type { CellPosition } from '../errors';
import { isSpace } from './chars';
import { ExpressionParser } from './expression';
import { decimalLiteral, readDecimal } from './literal';
import { cellError, cellName, quote } from './problems';
import type { Rational } from './types';

export interface Scalar {
  value: number;
  exact: Rational | null;
}

export interface CellOptions {
  /** Accept `1,5` for 1.5 (semicolon-separated files written with a European locale). */
  decimalComma?: boolean;
}

const PLAIN_NUMBER = /^[+\-\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][+\-]?\d+)?$/;
const DECIMAL_COMMA = /^[+\-\u2212]?\d+,\d+$/;

/** True for a bare decimal literal such as `-1.5e3`: what a header label can never be. */
export function isPlainNumber(s: string): boolean {
  return PLAIN_NUMBER.test(s);
}

/** Evaluates text[start, end) as one entry; throws an MdlError that points into `text`. */
export function evaluateCell(text: string, start: number, end: number, cell: CellPosition, options?: CellOptions): Scalar {
  const out: Scalar = { value: 0, exact: null };
  readEntry(text, start, end, cell.row, cell.col, options, out);
  return out;
}

/** evaluateCell for the hot loop: writes into `out` instead of allocating a result per entry. */
export function readEntry(text: string, start: number, end: number, row: number, col: number, options: CellOptions | undefined, out: Scalar): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  // One pair of matching quotes: JSON and spreadsheets often quote numbers.
  const q = text.charCodeAt(start);
  if (end - start >= 2 && (q === 34 || q === 39) && text.charCodeAt(end - 1) === q) {
    start++;
    end--;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  }
  if (start >= end) throw cellError('non-numeric', text, start, 1, { row, col }, `The entry in ${cellName({ row, col })} is empty.`);
  if (readDecimal(text, start, end, out)) {
    if (out.value === 0) out.value = 0; // no -0
    return;
  }
  let s = text.slice(start, end);
  if (options?.decimalComma && DECIMAL_COMMA.test(s)) s = s.replace(',', '.');
  const cell = { row, col };
  const result = PLAIN_NUMBER.test(s) ? plainNumber(s) : new ExpressionParser(text, start, end, cell).parseCell();
  const r = checkFinite(result, text, start, end, cell);
  out.value = r.value;
  out.exact = r.exact;
}

function plainNumber(s: string): Scalar {
  const first = s.charCodeAt(0);
  const negative = first === 45 /* - */ || first === 0x2212;
  const body = negative || first === 43 /* + */ ? s.slice(1) : s;
  let ePos = body.indexOf('e');
  if (ePos < 0) ePos = body.indexOf('E');
  const mantissa = ePos < 0 ? body : body.slice(0, ePos);
  const exponent = ePos < 0 ? 0 : parseInt(body.slice(ePos + 1), 10);
  return { value: Number(negative ? '-' + body : body), exact: decimalLiteral(mantissa, exponent, negative) };
}

function checkFinite(r: Scalar, text: string, start: number, end: number, cell: CellPosition): Scalar {
  if (Number.isFinite(r.value)) return r.value === 0 ? { value: 0, exact: r.exact } : r; // no -0
  const what = quote(text.slice(start, end));
  const message = Number.isNaN(r.value)
    ? `${what} in ${cellName(cell)} is not a real number.`
    : `${what} in ${cellName(cell)} is too large: numbers must stay below about 1.8e308.`;
  throw cellError('non-finite', text, start, end - start, cell, message);
}

