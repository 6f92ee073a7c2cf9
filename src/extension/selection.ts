/**
 * What the commands read from the editor: the selection, or with nothing
 * selected the matrix literal around the cursor. Read-only: the document is
 * never edited.
 */
import * as vscode from 'vscode';
import { findMatrixAround } from '../core/parse';
import type { TaskFailure } from './workerProtocol';

export interface SourceText {
  text: string;
  /** Where `text` starts in the document, to map error positions back. */
  range: vscode.Range;
  document: vscode.TextDocument;
}

export type SourceResult = { ok: true; source: SourceText } | { ok: false; error: string };

const howToSelect = () =>
  vscode.l10n.t('Select a matrix first, for example [[1, 1], [1, 0], [0, 1]], a NumPy array, a MATLAB [1 1; 1 0], a LaTeX bmatrix or a CSV/Markdown table, or put the cursor inside one.');

/** `around`: the matrix around the cursor when it was already looked for (in the worker, for a large document). */
export function readSource(editor: vscode.TextEditor | undefined, around?: { start: number; end: number } | null): SourceResult {
  if (!editor) return { ok: false, error: vscode.l10n.t('No editor is active. {0}', howToSelect()) };
  const { document, selection } = editor;
  if (!selection.isEmpty) return { ok: true, source: { text: document.getText(selection), range: selection, document } };
  const full = document.getText();
  const span = around !== undefined ? around : findMatrixAround(full, document.offsetAt(selection.active));
  if (!span) return { ok: false, error: vscode.l10n.t('Nothing is selected and the cursor is not inside a matrix. {0}', howToSelect()) };
  const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
  return { ok: true, source: { text: full.slice(span.start, span.end), range, document } };
}

/** The failure's position translated from the selection into the document. */
export function documentRange(source: SourceText, failure: TaskFailure): vscode.Range | undefined {
  const p = failure.position;
  if (!p) return undefined;
  const start = source.document.positionAt(source.document.offsetAt(source.range.start) + p.offset);
  const end = source.document.positionAt(source.document.offsetAt(start) + Math.max(1, p.length ?? 1));
  return new vscode.Range(start, end);
}

/** "line 3, column 8: `abc` is not a number" in document coordinates (1-based, as the status bar counts). */
export function describeFailure(source: SourceText, failure: TaskFailure): string {
  const range = documentRange(source, failure);
  if (range) return vscode.l10n.t('line {0}, column {1}: {2}', range.start.line + 1, range.start.character + 1, failure.message);
  if (failure.cell) return vscode.l10n.t('row {0}, column {1} of the matrix: {2}', failure.cell.row, failure.cell.col, failure.message);
  return failure.message;
}
