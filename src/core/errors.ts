/**
 * Errors that reach the user. Every failure the core can predict is an
 * `MdlError` with a message written for a student and, where the input has a
 * place to point at, a position in it. Callers never show stack traces.
 */

/** A place in the user's text: 1-based line and column, plus the 0-based offset. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
  /** Length of the offending span in characters (at least 1 when known). */
  length?: number;
}

/** A place in a matrix or table: 1-based row and column of a cell. */
export interface CellPosition {
  row: number;
  col: number;
}

export type ErrorCode =
  | 'empty'
  | 'syntax'
  | 'ragged'
  | 'non-numeric'
  | 'non-finite'
  | 'too-large'
  | 'invalid-argument'
  | 'unsupported';

export class MdlError extends Error {
  override readonly name = 'MdlError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly position?: TextPosition,
    readonly cell?: CellPosition,
  ) {
    super(message);
  }

  /** "line 2, column 5: …" — the form used in editors, the CLI and tests. */
  describe(): string {
    const where = this.position
      ? `line ${this.position.line}, column ${this.position.column}`
      : this.cell
        ? `row ${this.cell.row}, column ${this.cell.col}`
        : '';
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export function isMdlError(e: unknown): e is MdlError {
  return e instanceof MdlError;
}

/** Convert a 0-based offset in `text` into a 1-based line and column. */
export function positionAt(text: string, offset: number, length = 1): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1, offset: end, length };
}
