/**
 * `mdl check`: load, validate, run the problems that have an `expect` and
 * check the answers; fail when anything is an error. The formatter prints
 * diagnostics the way compilers do, 1-based, so editors and CI link them.
 */
import { isMdlError } from '../errors';
import { answerDiagnostics, checkAnswers } from './answers';
import { loadProblemFile } from './load';
import { runProblem, type RunOptions } from './run';
import type { ProblemDiagnostic } from './types';

export interface CheckOptions extends RunOptions {
  /** Run problems with an `expect` block and check the answers (default true). */
  answers?: boolean;
}

export function checkFile(text: string, options: Partial<CheckOptions> = {}): { diagnostics: ProblemDiagnostic[]; failed: boolean } {
  const loaded = loadProblemFile(text);
  const diagnostics = [...loaded.diagnostics];
  if (options.answers ?? true) {
    for (const p of loaded.problems) {
      if (p.hasErrors || p.spec.expect === undefined) continue;
      try {
        diagnostics.push(...answerDiagnostics(p, checkAnswers(p, runProblem(p, options).result)));
      } catch (e) {
        if (!isMdlError(e)) throw e;
        diagnostics.push({ range: p.range, severity: 'error', code: 'run-failed', message: `Problem "${p.id}" could not run: ${e.message}`, problemId: p.id || undefined });
      }
    }
  }
  diagnostics.sort((a, b) => a.range.offset - b.range.offset);
  return { diagnostics, failed: diagnostics.some((d) => d.severity === 'error') };
}

/** "assignment.mdl.json:12:9: error: lr must be positive …" (line and column 1-based; info prints as "note", as compilers do). */
export function formatDiagnostic(fileName: string, d: ProblemDiagnostic): string {
  const severity = d.severity === 'info' ? 'note' : d.severity;
  return `${fileName}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${severity}: ${d.message}`;
}
