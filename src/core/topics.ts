/**
 * The single entry point from text to derivation, shared by the worker
 * thread, the CLI and the tests: parse the user's text, then build the
 * topic's derivation. Pure: no I/O, no `vscode`.
 */
import type { DisplayOptions } from './display';
import { parseMatrix } from './parse';
import { fromRows, svd, toRows, type Svd } from './linalg';
import { deriveSvd, type SvdOutcome } from './svd/derive';
import { rankK } from './svd/truncation';

export interface TopicOptions extends DisplayOptions {
  /** Largest number of matrix entries accepted (setting mdlSteps.maxEntries). */
  maxEntries: number;
}

export const defaultTopicOptions: TopicOptions = { precision: 4, exactForms: true, maxEntries: 250_000 };

export function svdFromText(text: string, options: TopicOptions = defaultTopicOptions): SvdOutcome {
  const parsed = parseMatrix(text, { maxEntries: options.maxEntries });
  return deriveSvd({ values: parsed.values, exact: parsed.exact }, options);
}

/** The factors behind the panel's k slider; callers cache them per input text. */
export function factorsFromText(text: string, options: TopicOptions = defaultTopicOptions): Svd {
  return svd(fromRows(parseMatrix(text, { maxEntries: options.maxEntries }).values));
}

/** A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ as rows. */
export function truncate(factors: Svd, k: number): number[][] {
  return toRows(rankK(factors.U, factors.s, factors.V, Math.min(k, factors.s.length)));
}
