/**
 * Trimming what surrounds a matrix in a student's selection: a code fence,
 * an assignment (`A = `, `A <- `, `let A = `), a REPL prompt, and after the
 * matrix a `;`, a `,` or a line comment (`# …`, `% …`, `// MatrixForm`).
 * Offsets stay those of the original text so errors point at the right spot.
 */
import { isSpace } from './chars';

export interface Span {
  start: number;
  end: number;
}

/** `A = `, `const A = `, `A: np.ndarray = `, `A <- `, `A := ` at the start of the selection. */
const ASSIGNMENT = /(?:(?:let|const|var|final|auto)\s+)?[A-Za-z_][\w.]*(?:\s*:\s*[\w.]+(?:\[[\w., [\]]*\])?)?\s*(?:=(?!=)|<-|:=|←)\s*/y;
const FENCES = ['```', '~~~'];

function trim(text: string, s: number, e: number): Span {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

/** The part of the selection that should hold the matrix, or null when there is nothing. */
export function selectionBody(text: string): Span | null {
  let { start: s, end: e } = trim(text, 0, text.length);
  if (FENCES.some((f) => text.startsWith(f, s))) {
    const nl = text.indexOf('\n', s);
    s = nl < 0 || nl >= e ? e : nl + 1;
  }
  ({ start: s, end: e } = trim(text, s, e));
  const lastLine = Math.max(s, text.lastIndexOf('\n', e - 1) + 1);
  if (FENCES.some((f) => text.startsWith(f, lastLine))) e = lastLine;
  ({ start: s, end: e } = trim(text, s, e));
  if (text.startsWith('>>>', s)) s = trim(text, s + 3, e).start;
  ASSIGNMENT.lastIndex = s;
  const m = ASSIGNMENT.exec(text);
  if (m) s = Math.min(e, s + m[0].length);
  e = trimTrailing(text, s, e);
  ({ start: s, end: e } = trim(text, s, e));
  return s < e ? { start: s, end: e } : null;
}

/** Drops `;`, a `,` after a closing bracket, and a comment after the matrix on its last line. */
function trimTrailing(text: string, s: number, e: number): number {
  for (;;) {
    e = trim(text, s, e).end;
    if (e <= s) return e;
    const last = text[e - 1];
    if (last === ';') {
      e--;
      continue;
    }
    const before = trim(text, s, e - 1).end;
    if (last === ',' && before > s && isCloser(text[before - 1])) {
      e = before;
      continue;
    }
    const lineStart = Math.max(s, text.lastIndexOf('\n', e - 1) + 1);
    let closer = e - 1;
    while (closer >= lineStart && !isCloser(text[closer])) closer--;
    if (closer >= lineStart) {
      let i = closer + 1;
      while (i < e && (isSpace(text.charCodeAt(i)) || text[i] === ';')) i++;
      if (i < e && (text[i] === '#' || text[i] === '%' || text.startsWith('//', i))) {
        e = closer + 1;
        continue;
      }
    }
    return e;
  }
}

function isCloser(ch: string): boolean {
  return ch === ']' || ch === '}' || ch === ')';
}
