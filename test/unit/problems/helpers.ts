import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProblemDiagnostic, SourceRange } from '../../../src/core/problems';

export const root = path.resolve(__dirname, '../../..');
export const example = (name: string) => readFileSync(path.join(root, 'examples', name), 'utf8');

/** The text a range covers. */
export const textAt = (text: string, r: SourceRange) => text.slice(r.offset, r.offset + r.length);

/** A problem file from a list of problems. */
export const file = (...problems: object[]) => JSON.stringify({ problems }, null, 2);

/** Asserts a range starts at the 0-based line/column where `snippet` occurs on the line containing `marker`, and covers exactly `snippet`. */
export function assertRangeOn(text: string, r: SourceRange, marker: string, snippet: string, occurrence = 0): void {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  assert.ok(line >= 0, `no line contains ${marker}`);
  let column = -1;
  for (let k = 0; k <= occurrence; k++) column = lines[line].indexOf(snippet, column + 1);
  assert.ok(column >= 0, `line ${line} does not contain ${snippet}`);
  assert.deepEqual(r.start, { line, column }, `range of ${snippet} on the line of ${marker}`);
  assert.equal(textAt(text, r), snippet);
}

export function only(diagnostics: ProblemDiagnostic[], code: string): ProblemDiagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}: ${JSON.stringify(diagnostics.map((d) => [d.code, d.message]))}`);
  return found[0];
}
