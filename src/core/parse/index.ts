/** Reading matrices from selected text. Pure TypeScript: runs in the extension host, the worker and the browser. */
export { parseMatrix } from './parse-matrix';
export { findMatrixAround } from './find-matrix';
export { DEFAULT_MAX_ENTRIES } from './types';
export type { MatrixFormat, ParsedMatrix, ParseOptions, Rational } from './types';
export { parseDataset } from './dataset'; export type { ParsedDataset, DatasetFormat } from './dataset';
