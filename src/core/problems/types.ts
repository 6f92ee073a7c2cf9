/**
 * The shapes of a loaded `*.mdl.json` problem file. Plain JSON throughout
 * (no jsonc nodes, no classes) so a loaded file crosses the worker boundary
 * and lands in the CLI's `--format json` output unchanged.
 */

/** 0-based, as VS Code counts: `new vscode.Position(line, column)`. Columns are UTF-16 code units. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A span of the file: offsets for tools, positions for the editor. */
export interface SourceRange {
  offset: number;
  length: number;
  start: SourcePosition;
  end: SourcePosition;
}

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'json-syntax'
  | 'not-an-object'
  | 'no-problems'
  | 'missing-field'
  | 'unknown-field'
  | 'duplicate-field'
  | 'wrong-type'
  | 'unknown-kind'
  | 'invalid-id'
  | 'duplicate-id'
  | 'unknown-value'
  | 'objective-syntax'
  | 'expression-syntax'
  | 'start-unused-variable'
  | 'start-missing-variable'
  | 'start-length'
  | 'matrix-ragged'
  | 'matrix-syntax'
  | 'data-invalid'
  | 'lr-not-positive'
  | 'lr-diverges'
  | 'steps-not-positive'
  | 'beta-range'
  | 'out-of-range'
  | 'components-too-many'
  | 'expect-unknown-field'
  | 'expect-syntax'
  | 'answer-wrong'
  | 'answer-note'
  | 'run-failed';

export interface ProblemDiagnostic {
  range: SourceRange;
  severity: Severity;
  /** Says what is wrong and what to change, in a student's words. */
  message: string;
  code: DiagnosticCode;
  /** The problem the diagnostic belongs to, when it belongs to one. */
  problemId?: string;
}

export const PROBLEM_KINDS = ['svd', 'pca', 'optimize', 'gd', 'gd-compare', 'cross-entropy', 'activation', 'sigmoid-zigzag', 'derivative'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** A JSON path inside a problem object, e.g. ['expect', 'singularValues', 0]. */
export type JsonPath = Array<string | number>;

export interface LoadedProblem {
  /** The id as written ('' when missing; such a problem always has an error). */
  id: string;
  /** Null when the kind is missing or unknown. */
  kind: ProblemKind | null;
  /** Position in the `problems` array. */
  index: number;
  /** The whole problem object: a CodeLens goes at `range.start`. */
  range: SourceRange;
  /** The problem's fields as plain JSON values, exactly as written. */
  spec: Record<string, unknown>;
  /** Range of every value in the problem, by JSON pointer relative to it ('' is the object, '/matrix/2/0' a cell). */
  ranges: Record<string, SourceRange>;
  /** Range of every property name, by the JSON pointer of its value. */
  keyRanges: Record<string, SourceRange>;
  /** The file's text for this problem's values (raw number literals, for the decimals a student wrote). */
  raw: Record<string, string>;
  /** True when some diagnostic of severity 'error' belongs to this problem: it cannot run. */
  hasErrors: boolean;
}

export interface ProblemFile {
  title?: string;
  problems: LoadedProblem[];
  range: SourceRange;
}

export interface LoadResult {
  /** Absent when the text is not a JSON object at all. */
  file?: ProblemFile;
  problems: LoadedProblem[];
  diagnostics: ProblemDiagnostic[];
}
