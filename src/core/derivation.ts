/**
 * The one shape every topic produces: a `Derivation` is an ordered list of
 * steps, each with TeX, a plain-language explanation and optional plot or
 * table data. The webview draws it, the CLI prints it, the tests read it.
 * Everything here is plain JSON (no classes, no typed arrays) so it crosses
 * the worker and webview boundaries unchanged.
 */

import type { ActivationExplorer, ActivationTopicKind } from './activations/types';
import type { ContourPlot, LoopCode, OptimTopicKind } from './optim/types';

export type TopicKind = 'svd' | 'pca' | 'image' | ActivationTopicKind | OptimTopicKind;

export interface Derivation {
  kind: TopicKind;
  /** Short title, e.g. "SVD of a 3×2 matrix". Plain text, never HTML. */
  title: string;
  steps: Step[];
  /** Honest caveats (ill-conditioning, approximations) shown above the steps. */
  warnings: string[];
  /** Data for the interactive part of the panel (for SVD: the truncation explorer). */
  interactive?: Interactive;
}

export interface Step {
  /** Stable identifier within a derivation, e.g. "ata" or "v-1". */
  id: string;
  title: string;
  /** Display-mode TeX. Any user text inside it has been escaped with `texText`. */
  tex: string;
  /** Plain-language explanation, Unicode allowed (σ₁ = √3), never HTML. */
  text: string;
  /** Matrix entries to emphasise, by the name of the matrix as it appears in `tex`. */
  highlights?: Highlight[];
  plot?: PlotSpec;
  table?: TableSpec;
}

export interface Highlight {
  matrix: string;
  /** 0-based cells. */
  cells: Array<[row: number, col: number]>;
  note?: string;
}

export interface TableSpec {
  caption?: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface Series {
  name: string;
  x: number[];
  y: number[];
}

export type PlotSpec =
  | {
      type: 'line';
      title: string;
      xLabel: string;
      yLabel: string;
      yScale?: 'linear' | 'log';
      series: Series[];
      /** Draw points as well as lines (useful for short integer-indexed series). */
      dots?: boolean;
    }
  | {
      type: 'bar';
      title: string;
      xLabel: string;
      yLabel: string;
      labels: string[];
      values: number[];
    }
  /** Level curves of an objective with optimizer paths on top (see `src/core/optim/types.ts`). */
  | ContourPlot;

/** Interactive panels beyond the step list. */
export type Interactive = SvdTruncation | PcaScatter | ActivationExplorer | LoopCode;

/** PCA's scatter plot; see `src/core/pca/scatter.ts`. */
export interface PcaScatter {
  type: 'pca-scatter';
  /** 'data': two features in their own plane; 'scores': PC1 against PC2. */
  space: 'data' | 'scores';
  xLabel: string;
  yLabel: string;
  points: Array<[number, number]>;
  mean?: [number, number];
  /** Principal axes from the mean, scaled by √λ. */
  axes?: Array<{ from: [number, number]; to: [number, number]; label: string }>;
  /** Where each point's projection onto e₁ lands (data space). */
  feet?: Array<[number, number]>;
  /** PC1 scores, for the number line under the plot. */
  scores: number[];
  /** Whether the panel may let the student drag points (the host recomputes). */
  editable: boolean;
  orientation: 'samples-as-rows' | 'features-as-rows';
}

/**
 * Everything the panel needs for the k slider without doing maths itself:
 * per-k summary figures are precomputed; A_k matrices are requested from the
 * host on demand (see protocol `requestTruncation`).
 */
export interface SvdTruncation {
  type: 'svd-truncation';
  rows: number;
  cols: number;
  rank: number;
  /** The input A (shown beside A_k). Omitted above the display limit. */
  matrix?: number[][];
  singularValues: number[];
  /** Index k-1 holds the figures for rank k, for k = 1..min(m, n). */
  levels: TruncationLevel[];
}

export interface TruncationLevel {
  k: number;
  storage: number;
  original: number;
  ratio: number;
  /** ‖A − A_k‖_F from the singular values (Eckart–Young). */
  eckartYoung: number;
  /** ‖A − A_k‖_F computed directly from the reconstructed matrix. */
  direct: number;
}
