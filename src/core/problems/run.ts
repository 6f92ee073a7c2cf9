/**
 * Runs a loaded problem through its topic module: the same derivation the
 * panel shows, and the topic's JSON result contract (svd → SvdJson,
 * pca → PcaJson, optimize/gd/gd-compare → the optim module's JSON, …).
 * `runFile` is `mdl run`: every problem (or one), with its answer checks.
 */
import type { Derivation } from '../derivation';
import { defaultDisplayOptions, type DisplayOptions } from '../display';
import { MdlError, isMdlError } from '../errors';
import { deriveActivation, deriveDerivative, getActivation, type MdlDerivation } from '../activations';
import { evaluate, parseExpression } from '../activations/derivative';
import { deriveCrossEntropy } from '../losses/cross-entropy';
import { deriveZigzag } from '../losses/zigzag';
import { deriveGd, deriveGdCompare, deriveOptimize, type OptimDerivation, type RunControl } from '../optim';
import { derivePca } from '../pca/derive';
import { deriveSvd } from '../svd/derive';
import { answerDiagnostics, checkAnswers, type AnswerCheck } from './answers';
import { ProblemContext } from './context';
import type { PcaProblemInput } from './inputs-linalg';
import type { ActivationProblemInput, DerivativeProblemInput } from './inputs-nn';
import type { GdCompareProblemInput, GdProblemInput, OptimizeProblemInput } from './inputs-optim';
import { loadProblemFile } from './load';
import { optimizeOnObjective } from './optimize-adapter';
import { LineIndex } from './source';
import type { LoadedProblem, ProblemDiagnostic, ProblemKind } from './types';
import { INPUT_READERS } from './validate';

export interface RunOptions extends DisplayOptions, RunControl {
  /** Largest matrix accepted (setting mdlSteps.maxEntries). */
  maxEntries?: number;
}

/** Any topic's derivation; all share `Derivation`'s steps/warnings shape. */
export type ProblemDerivation = Derivation | OptimDerivation | MdlDerivation;

export interface StepJson {
  title: string;
  tex: string;
  text: string;
}

export interface ProblemRun {
  id: string;
  kind: ProblemKind;
  /** The topic's JSON contract. */
  result: unknown;
  steps: StepJson[];
  derivation: ProblemDerivation;
}

/** Throws an MdlError when the problem has errors (the first one is quoted) or its topic refuses the input. */
export function runProblem(problem: LoadedProblem, given: Partial<RunOptions> = {}): ProblemRun {
  const options: RunOptions = { ...defaultDisplayOptions, ...given };
  const kind = problem.kind;
  if (!kind) throw new MdlError('invalid-argument', `Problem ${problem.id || problem.index + 1} has no known kind, so it cannot run.`);
  const found: ProblemDiagnostic[] = [];
  const input = INPUT_READERS[kind](new ProblemContext(new LineIndex(''), problem, found));
  const firstError = found.find((d) => d.severity === 'error');
  if (input === undefined || firstError) {
    throw new MdlError('invalid-argument', `Problem "${problem.id}" has errors; fix them first. ${firstError?.message ?? ''}`.trim());
  }
  const { derivation, json } = derive(kind, input, options);
  return { id: problem.id, kind, result: json, steps: derivation.steps.map(({ title, tex, text }) => ({ title, tex, text })), derivation };
}

function derive(kind: ProblemKind, input: unknown, options: RunOptions): { derivation: ProblemDerivation; json: unknown } {
  switch (kind) {
    case 'svd':
      return deriveSvd(input as Parameters<typeof deriveSvd>[0], options);
    case 'pca': {
      const { data, options: pca } = input as PcaProblemInput;
      return derivePca(data, { ...options, ...pca });
    }
    case 'optimize':
      return optimize(input as OptimizeProblemInput, options);
    case 'gd': {
      const i = input as GdProblemInput;
      return deriveGd({ data: i.data, generate: i.generate, eta: i.eta, start: i.start, steps: i.steps, tol: i.tol }, options);
    }
    case 'gd-compare': {
      const i = input as GdCompareProblemInput;
      const out = deriveGdCompare({ data: i.data, generate: i.generate, eta: i.eta, epochs: i.epochs, batchSize: i.batchSize, seed: i.seed, start: i.start }, options);
      // The module always runs all three; the file's `methods` chooses which the result reports.
      return { derivation: out.derivation, json: { ...out.json, methods: out.json.methods.filter((m) => i.methods.includes(m.method)) } };
    }
    case 'cross-entropy':
      return deriveCrossEntropy(input as Parameters<typeof deriveCrossEntropy>[0]);
    case 'activation': {
      const i = input as ActivationProblemInput;
      const out = deriveActivation(i.name, i.params);
      if (!i.at) return out;
      const spec = getActivation(i.name);
      return { derivation: out.derivation, json: { ...out.json, at: i.at, values: i.at.map((x) => spec.f(x, out.json.params)), derivatives: i.at.map((x) => spec.df(x, out.json.params)) } };
    }
    case 'sigmoid-zigzag':
      return deriveZigzag(input as Parameters<typeof deriveZigzag>[0]);
    case 'derivative': {
      const i = input as DerivativeProblemInput;
      const out = deriveDerivative(i.expression);
      if (!i.at) return out;
      const f = parseExpression(out.json.expression);
      const df = parseExpression(out.json.derivative);
      return { derivation: out.derivation, json: { ...out.json, at: i.at, values: i.at.map((x) => evaluate(f, x)), derivatives: i.at.map((x) => evaluate(df, x)) } };
    }
  }
}

function optimize(i: OptimizeProblemInput, options: RunOptions) {
  const name = i.objective.name;
  // deriveOptimize builds objectives from text; the regression models need their data set.
  if (name === 'linear-regression' || name === 'logistic-regression') return optimizeOnObjective(i, options);
  return deriveOptimize({ objective: i.objectiveText, kappa: i.kappa, start: i.start, optimizer: i.optimizer, settings: i.settings, steps: i.steps, tol: i.tol, compare: i.compare }, options);
}

/* ---------- mdl run ---------- */

export interface FileRunEntry {
  id: string;
  kind: ProblemKind | null;
  result?: unknown;
  steps?: StepJson[];
  /** Present when the problem has an `expect` block. */
  checks?: AnswerCheck[];
  /** Why the problem did not run. */
  error?: string;
}

export interface FileRun {
  title?: string;
  problems: FileRunEntry[];
  /** Load diagnostics, run failures and answer checks. */
  diagnostics: ProblemDiagnostic[];
}

export function runFile(text: string, options: Partial<RunOptions> & { problem?: string } = {}): FileRun {
  const loaded = loadProblemFile(text);
  const diagnostics = [...loaded.diagnostics];
  let problems = loaded.problems;
  if (options.problem !== undefined) {
    problems = problems.filter((p) => p.id === options.problem);
    if (!problems.length) {
      const ids = loaded.problems.map((p) => p.id).filter(Boolean);
      throw new MdlError('invalid-argument', `No problem "${options.problem}" in this file; its problems are ${ids.join(', ') || '(none)'}.`);
    }
  }
  const entries = problems.map((p): FileRunEntry => {
    const first = loaded.diagnostics.find((d) => d.severity === 'error' && d.range.offset >= p.range.offset && d.range.offset < p.range.offset + p.range.length);
    if (p.hasErrors) return { id: p.id, kind: p.kind, error: first?.message ?? 'This problem has errors.' };
    try {
      const run = runProblem(p, options);
      const entry: FileRunEntry = { id: run.id, kind: run.kind, result: run.result, steps: run.steps };
      if (p.spec.expect !== undefined) {
        entry.checks = checkAnswers(p, run.result);
        diagnostics.push(...answerDiagnostics(p, entry.checks));
      }
      return entry;
    } catch (e) {
      if (!isMdlError(e)) throw e;
      diagnostics.push({ range: p.range, severity: 'error', code: 'run-failed', message: `Problem "${p.id}" could not run: ${e.message}`, problemId: p.id || undefined });
      return { id: p.id, kind: p.kind, error: e.message };
    }
  });
  return { title: loaded.file?.title, problems: entries, diagnostics };
}
