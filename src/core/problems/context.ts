/**
 * What a validator sees of one problem: its values by path, their ranges,
 * and a way to report. Keeps every check to one line of intent:
 *   ctx.error(['lr'], 'lr-not-positive', 'lr must be positive …')
 */
import { LineIndex, pointer, rangeAt, rangeInString } from './source';
import type { DiagnosticCode, JsonPath, LoadedProblem, ProblemDiagnostic, Severity, SourceRange } from './types';

/** Diagnostics kept per problem. */
export const MAX_DIAGNOSTICS = 100;

export class ProblemContext {
  constructor(
    readonly lines: LineIndex,
    readonly problem: LoadedProblem,
    private readonly sink: ProblemDiagnostic[],
  ) {}

  get spec(): Record<string, unknown> {
    return this.problem.spec;
  }

  /** The value at `path`, or undefined. */
  get(path: JsonPath): unknown {
    let v: unknown = this.problem.spec;
    for (const p of path) {
      // Own properties only: a field named "constructor" or "toString" is not there unless the file wrote it.
      if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
      v = (v as Record<string | number, unknown>)[p];
    }
    return v;
  }

  has(path: JsonPath): boolean {
    return pointer(path) in this.problem.ranges;
  }

  range(path: JsonPath): SourceRange {
    return rangeAt(this.problem.ranges, path);
  }

  keyRange(path: JsonPath): SourceRange {
    return this.problem.keyRanges[pointer(path)] ?? this.range(path);
  }

  /** The literal as written in the file (e.g. "0.50" for a number the JSON value reads as 0.5). */
  raw(path: JsonPath): string | undefined {
    return this.problem.raw[pointer(path)];
  }

  /** A range inside the string at `path`, from offsets into its decoded value. */
  rangeInString(path: JsonPath, index: number, length: number): SourceRange {
    return rangeInString(this.lines, this.range(path), index, length);
  }

  report(where: JsonPath | SourceRange, severity: Severity, code: DiagnosticCode, message: string): void {
    // A 100,000-cell matrix of strings would otherwise get 100,000 diagnostics: the first ones say it all.
    if (++this.reported > MAX_DIAGNOSTICS) return;
    const range = Array.isArray(where) ? this.range(where) : where;
    this.sink.push({ range, severity, code, message, problemId: this.problem.id || undefined });
  }

  private reported = 0;

  error(where: JsonPath | SourceRange, code: DiagnosticCode, message: string): void {
    this.report(where, 'error', code, message);
  }

  warning(where: JsonPath | SourceRange, code: DiagnosticCode, message: string): void {
    this.report(where, 'warning', code, message);
  }

  info(where: JsonPath | SourceRange, code: DiagnosticCode, message: string): void {
    this.report(where, 'info', code, message);
  }

  /** A finite number at `path`, else undefined (type errors are reported by the loader). */
  number(path: JsonPath): number | undefined {
    const v = this.get(path);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  numbers(path: JsonPath): number[] | undefined {
    const v = this.get(path);
    return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as number[]) : undefined;
  }

  string(path: JsonPath): string | undefined {
    const v = this.get(path);
    return typeof v === 'string' ? v : undefined;
  }
}
