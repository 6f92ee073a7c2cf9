/**
 * The single entry point from text to derivation, shared by the worker
 * thread, the CLI and the tests: parse the user's text, then build the
 * topic's derivation. Pure: no I/O, no `vscode`.
 */
import { deriveActivation, deriveDerivative } from './activations/derivations';
import { measureNsPerElement } from './activations/flops';
import { samplePlot } from './activations/samples';
import { getActivation, resolveParams } from './activations/table';
import type { ActivationParams } from './activations/types';
import type { Derivation, Step } from './derivation';
import type { RunControl } from './optim/types';
import { MdlError } from './errors';
import { answerDiagnostics, checkAnswers, loadProblemFile, runProblem, type AnswerCheck, type ProblemDiagnostic, type SourceRange } from './problems';
import { deriveCrossEntropy, type CrossEntropyInput } from './losses/cross-entropy';
import { deriveZigzag, type ZigzagOptions } from './losses/zigzag';
import type { DisplayOptions } from './display';
import { fromRows, svd, toRows, type Svd } from './linalg';
import { parseDataset, parseMatrix } from './parse';
import type { CovarianceDenominator } from './pca/compute';
import { derivePca, type PcaJson } from './pca/derive';
import { deriveSvd } from './svd/derive';
import type { SvdJson } from './svd/result';
import { rankK } from './svd/truncation';

/** What a panel derives; enough to recompute it after a reload. */
export type TopicInput = SvdInput | PcaInput | ActivationInput | CrossEntropyTopic | ZigzagTopic | DerivativeTopic | ProblemTopic | ImageTopic;

/** An image file to compress; the host reads its bytes (the core does no I/O). */
export interface ImageTopic {
  kind: 'image';
  source?: string;
  /** The file's URI, to read it again after a reload and to save next to it. */
  uri: string;
  fileName: string;
  mode: 'gray' | 'rgb';
  /** Rank shown first, and components computed. */
  k: number;
  kMax: number;
}

/** One problem of a `.mdl.json` file (the file's text is kept, so a reload restores exactly what was run). */
export interface ProblemTopic {
  kind: 'problem';
  source?: string;
  text: string;
  id: string;
  /** "Run Adam here": run this optimize problem with Adam, keeping its other settings. */
  optimizer?: 'adam';
  /** Add a "Check answer" step with ✓/✗ for each value in `expect`. */
  check?: boolean;
}

export interface ActivationInput {
  kind: 'activation';
  source?: string;
  name: string;
  params?: ActivationParams;
  /** The Activation Explorer's compare mode: a second function to overlay. */
  compare?: string;
}

export interface CrossEntropyTopic {
  kind: 'cross-entropy';
  source?: string;
  /** Logits, target and the p, q of the H(p,q) = H(p) + KL(p‖q) check; defaults are the assignment's. */
  options?: Omit<CrossEntropyInput, 'training'>;
}

export interface ZigzagTopic {
  kind: 'sigmoid-zigzag';
  source?: string;
  options?: Partial<ZigzagOptions>;
}

export interface DerivativeTopic {
  kind: 'derivative';
  source?: string;
  /** A 1-D expression in x, such as `x * sigmoid(x)`. */
  expression: string;
}

export interface SvdInput {
  kind: 'svd';
  text: string;
  /** Where the text came from (a document URI), for the panel's subtitle. */
  source?: string;
}

export interface PcaInput {
  kind: 'pca';
  text: string;
  source?: string;
  /** Number of components kept. */
  components: number;
  /** Flip the detected orientation (rows ↔ columns). */
  transpose: boolean;
  /** Points the student dragged in the scatter plot: sample index → new (x, y). The document is never edited. */
  edits: Array<{ index: number; point: [number, number] }>;
}

export interface TopicOptions extends DisplayOptions {
  /** Largest number of matrix entries accepted (setting mdlSteps.maxEntries). */
  maxEntries: number;
  /** Covariance denominator for PCA (setting mdlSteps.pca.covarianceDenominator). */
  denominator: CovarianceDenominator;
  /** Largest dataset for PCA (setting mdlSteps.pca.maxEntries): 10,000 samples × 100 features by default. */
  pcaMaxEntries: number;
}

export const defaultTopicOptions: TopicOptions = { precision: 4, exactForms: true, maxEntries: 250_000, denominator: 'n-1', pcaMaxEntries: 1_000_000 };

export interface TopicOutcome {
  derivation: Derivation;
  json: SvdJson | PcaJson | object;
  /** Panel title, e.g. "SVD · 3×2" or "PCA · 4×2 → 1". */
  title: string;
}

/**
 * Build any topic's derivation. `control` lets the worker report progress on
 * long optimizer runs (every `progressEvery` steps) and stop them early.
 */
export function deriveTopic(input: TopicInput, options: TopicOptions = defaultTopicOptions, control: RunControl = {}): TopicOutcome {
  switch (input.kind) {
    case 'svd':
      return svdFromText(input.text, options);
    case 'pca':
      return pcaFromInput(input, options);
    case 'activation': {
      const out = deriveActivation(input.name, input.params);
      const explorer = out.derivation.interactive;
      if (explorer && input.compare) {
        const other = getActivation(input.compare);
        const params = resolveParams(other.name, {});
        const samples = samplePlot(other.name, params, explorer.domain, explorer.x.length);
        explorer.compare = { name: other.name, label: other.label, f: samples.f, df: samples.df, kinks: other.kinks(params) };
      }
      return { ...out, derivation: out.derivation as Derivation, title: `Activation · ${out.derivation.title.replace(/^Activation: /, '')}` };
    }
    case 'cross-entropy':
      return { ...deriveCrossEntropy(input.options), title: 'Cross-entropy vs MSE' } as TopicOutcome;
    case 'sigmoid-zigzag':
      return { ...deriveZigzag(input.options), title: 'Sigmoid zig-zag' } as TopicOutcome;
    case 'problem':
      return problemOutcome(input, { ...options, ...control });
    case 'image':
      // Images need the file's bytes, which only the host can read: see `imagePanelData`.
      throw new MdlError('unsupported', 'An image is derived from its bytes; open it with "Compress image with SVD".');
    case 'derivative': {
      // Swish vs ReLU cost, measured here and now (the worker runs in the extension host's process).
      const out = deriveDerivative(input.expression, measureNsPerElement());
      return { ...out, derivation: out.derivation as Derivation, title: `d/dx ${input.expression.slice(0, 30)}` };
    }
  }
}

export function svdFromText(text: string, options: TopicOptions = defaultTopicOptions) {
  const parsed = parseMatrix(text, { maxEntries: options.maxEntries });
  const outcome = deriveSvd({ values: parsed.values, exact: parsed.exact }, options);
  return { ...outcome, title: `SVD · ${parsed.rows}×${parsed.cols}` };
}

export function pcaFromInput(input: Omit<PcaInput, 'kind'>, options: TopicOptions = defaultTopicOptions) {
  const data = parseDataset(input.text, { maxEntries: options.pcaMaxEntries, transpose: input.transpose });
  const samples = data.samples.map((row) => row.slice());
  const exact = data.exact.map((row) => row.slice());
  for (const { index, point } of input.edits) {
    // Edits exist only for two-feature data (the draggable scatter); ignore stale ones after a transpose.
    if (index < samples.length && samples[index].length === 2) {
      samples[index] = [point[0], point[1]];
      exact[index] = [null, null];
    }
  }
  const d = samples[0]?.length ?? 0;
  const outcome = derivePca(
    { featureNames: data.featureNames, samples, sampleNames: data.sampleNames, exact, orientation: data.orientation },
    { ...options, components: Math.min(Math.max(1, input.components), Math.max(1, d)) },
  );
  outcome.derivation.warnings.unshift(...data.warnings.filter((w) => !outcome.derivation.warnings.includes(w)));
  return { ...outcome, title: `PCA · ${samples.length}×${d} → ${outcome.json.components.length}` };
}

function problemOutcome(input: ProblemTopic, options: TopicOptions & RunControl): TopicOutcome {
  const loaded = loadProblemFile(input.text);
  const problem = loaded.problems.find((p) => p.id === input.id);
  if (!problem) throw new MdlError('invalid-argument', `The file has no problem with id "${input.id}" any more.`);
  const spec = input.optimizer && problem.kind === 'optimize' ? { ...problem, spec: { ...problem.spec, optimizer: input.optimizer } } : problem;
  const run = runProblem(spec, options);
  const derivation = { ...(run.derivation as Derivation) };
  if (input.check) derivation.steps = [...derivation.steps, checkStep(checkAnswers(problem, run.result))];
  const label = input.optimizer ? `${input.id} · Adam` : input.id;
  return { derivation, json: run.result as object, title: `${label} · ${derivation.title}` };
}

/** What the editor needs from a problem file: where each problem is, and the diagnostics. */
export interface ProblemFileSummary {
  problems: Array<{ id: string; kind: string | null; range: SourceRange; hasExpect: boolean }>;
  diagnostics: ProblemDiagnostic[];
}

export function summarizeProblemFile(text: string): ProblemFileSummary {
  const loaded = loadProblemFile(text);
  return {
    problems: loaded.problems.map((p) => ({ id: p.id, kind: p.kind, range: p.range, hasExpect: p.spec.expect !== undefined })),
    diagnostics: loaded.diagnostics,
  };
}

/** "Check answer" as diagnostics on the student's values (wrong → error, accepted with a remark → info). */
export function checkProblem(text: string, id: string, options: TopicOptions = defaultTopicOptions): ProblemDiagnostic[] {
  const problem = loadProblemFile(text).problems.find((p) => p.id === id);
  if (!problem) return [];
  const run = runProblem(problem, options);
  return answerDiagnostics(problem, checkAnswers(problem, run.result));
}

/** ✓/✗ per checked value, as the last step of the panel. */
function checkStep(checks: AnswerCheck[]): Step {
  const wrong = checks.filter((c) => !c.ok).length;
  return {
    id: 'check-answer',
    title: wrong ? `Check answer: ${wrong} of ${checks.length} wrong` : `Check answer: all ${checks.length} correct ✓`,
    tex: wrong ? '\\text{see the table}' : '\\checkmark',
    text: checks.length ? checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.message}${c.note ? ` (${c.note})` : ''}`).join(' ') : 'This problem has no "expect" block to check.',
    table: { columns: ['', 'value', 'you wrote', 'computed'], rows: checks.map((c) => [c.ok ? '✓' : '✗', c.path, c.expected, shortValue(c.actual)]) },
  };
}

function shortValue(x: unknown): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : x.toPrecision(8);
  if (Array.isArray(x)) return `[${x.map(shortValue).join(', ')}]`;
  return String(x);
}

/** The factors behind the panel's k slider; callers cache them per input text. */
export function factorsFromText(text: string, options: TopicOptions = defaultTopicOptions): Svd {
  return svd(fromRows(parseMatrix(text, { maxEntries: options.maxEntries }).values));
}

/** A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ as rows. */
export function truncate(factors: Svd, k: number): number[][] {
  return toRows(rankK(factors.U, factors.s, factors.V, Math.min(k, factors.s.length)));
}
