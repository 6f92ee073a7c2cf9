/** The stable JSON contract of an SVD run (CLI `--format json`, problem files). */
export interface SvdJson {
  kind: 'svd';
  rows: number;
  cols: number;
  rank: number;
  singularValues: number[];
  /** m×m, orthogonal. */
  U: number[][];
  /** n×n, orthogonal. */
  V: number[][];
  steps: Array<{ title: string; tex: string; text: string }>;
}
