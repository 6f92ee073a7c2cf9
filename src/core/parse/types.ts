/** The public shapes of the matrix reader. Plain data only, so results cross worker boundaries. */

export type MatrixFormat =
  | 'json'
  | 'numpy'
  | 'matlab'
  | 'mathematica'
  | 'latex'
  | 'csv'
  | 'tsv'
  | 'whitespace'
  | 'markdown';

/** An exact rational number: `den > 0` and `gcd(num, den) = 1`. */
export interface Rational {
  num: bigint;
  den: bigint;
}

export interface ParsedMatrix {
  rows: number;
  cols: number;
  /** Finite doubles, row-major. */
  values: number[][];
  /** The exact value of each cell when it is rational, else null (e.g. √2, π). */
  exact: Array<Array<Rational | null>>;
  format: MatrixFormat;
}

export interface ParseOptions {
  /** Largest rows × cols accepted; mirrors the `mdlSteps.maxEntries` setting. */
  maxEntries?: number;
}

export const DEFAULT_MAX_ENTRIES = 250_000;
