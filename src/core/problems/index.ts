/**
 * Problem files (`*.mdl.json`): load with ranges, diagnose, run, check
 * answers. Pure TypeScript: no vscode, no Node APIs; the extension, the
 * worker and the CLI all call these.
 */
export { loadProblemFile } from './load';
export { runProblem, runFile, type RunOptions, type ProblemRun, type ProblemDerivation, type FileRun, type FileRunEntry, type StepJson } from './run';
export { checkAnswers, answerDiagnostics, type AnswerCheck } from './answers';
export { checkFile, formatDiagnostic, type CheckOptions } from './check';
export type { SlipId } from './slips';
export { PROBLEM_KINDS } from './types';
export type { LoadedProblem, LoadResult, ProblemFile, ProblemDiagnostic, ProblemKind, DiagnosticCode, Severity, SourceRange, SourcePosition, JsonPath } from './types';
