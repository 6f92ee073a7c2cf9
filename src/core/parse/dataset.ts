/**
 * `parseDataset`: reads the data for PCA — N samples of d features — from a
 * selection, with the names of the features and samples when the text gives
 * them, and which way the table runs (the assignment lists features as rows
 * and examples as columns). Tables and JSON are read here; anything else
 * parseMatrix reads is a plain matrix with one sample per row.
 */
import { isMdlError, MdlError } from '../errors';
import { parseMatrix } from './parse-matrix';
import { syntaxError, quote } from './problems';
import { selectionBody, type Span } from './selection';
import { DEFAULT_MAX_ENTRIES, type Rational } from './types';
import { checkRows, checkSize, isMissing, missingValue, readValues, type MissingError, type TextTable } from './dataset-table';
import { chooseDelimiter, isMarkdown, scanTextTable, type TextLayout } from './dataset-text';
import { isObjectAt, isRowListAt, JsonReader } from './dataset-json';
import { defaultFeatureName, displayName, displaySampleName, rowsAreFeatures } from './dataset-names';

export type DatasetFormat = 'table' | 'csv' | 'tsv' | 'markdown' | 'json-columns' | 'json-rows' | 'matrix';

export interface ParsedDataset {
  /** d names: from the header or the row labels, else x₁ … x_d. */
  featureNames: string[];
  /** N×d, one row per sample, finite doubles. */
  samples: number[][];
  /** N names ("Example 1") when the text names the samples. */
  sampleNames?: string[];
  /** N×d exact values of rational cells, else null (as parseMatrix's `exact`). */
  exact: Array<Array<Rational | null>>;
  /** Whether the text's rows (table rows, JSON lists or objects) are samples or features, after `transpose`. */
  orientation: 'samples-as-rows' | 'features-as-rows';
  format: DatasetFormat;
  /** Things worth telling the student that do not stop PCA, such as a constant feature. */
  warnings: string[];
}

export interface DatasetOptions {
  /** Largest N × d accepted; mirrors the `mdlSteps.maxEntries` setting. */
  maxEntries?: number;
  /** Flip the detected orientation (the panel's Transpose). */
  transpose?: boolean;
}

const EMPTY_MESSAGE = 'The selection is empty. Select a table of data, such as the rows of a CSV file with its header.';

/** Throws MdlError only. */
export function parseDataset(text: string, options: DatasetOptions = {}): ParsedDataset {
  try {
    return read(text, options);
  } catch (e) {
    if (isMdlError(e)) throw e;
    // The backstop, as in parseMatrix: no stack trace ever reaches a student.
    throw new MdlError('syntax', 'The selection could not be read as a dataset.');
  }
}

function read(text: string, options: DatasetOptions): ParsedDataset {
  if (typeof text !== 'string') throw new MdlError('invalid-argument', 'The selection is not text.');
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new MdlError('invalid-argument', `The entry limit must be a positive whole number, not ${maxEntries}.`);
  }
  const transpose = options.transpose === true;
  const body = selectionBody(text);
  if (!body) throw new MdlError('empty', EMPTY_MESSAGE);
  const source = locate(text, body);
  if (source.kind === 'matrix') return fromMatrix(text, body, maxEntries, transpose);
  if (source.kind === 'text') {
    const table = scanTextTable(text, body, source.layout, maxEntries);
    return assemble(text, table, table.format, body, maxEntries, transpose);
  }
  const reader = new JsonReader(text, body.end, maxEntries);
  const { table, close } = source.kind === 'json-columns' ? reader.columns(source.open) : reader.rows(source.open);
  expectEnd(text, close + 1, body.end, source.wrapped);
  return assemble(text, table, source.kind, body, maxEntries, transpose);
}

type Source =
  | { kind: 'json-columns' | 'json-rows'; open: number; wrapped: boolean }
  | { kind: 'text'; layout: TextLayout }
  | { kind: 'matrix' };

/** `np.array(`, `pd.DataFrame(`, `MatrixForm[`: a call around a literal. */
const CALL = /[A-Za-z_][\w.]*\s*[(\[]\s*/y;

/** Decides the format from the text, in the order parseMatrix uses, with JSON objects first. */
function locate(text: string, { start: s, end: e }: Span): Source {
  CALL.lastIndex = s;
  const call = CALL.exec(text);
  const inner = call ? s + call[0].length : -1;
  for (const [open, wrapped] of [[s, false], [inner, true]] as Array<[number, boolean]>) {
    if (open < 0) continue;
    if (isObjectAt(text, open, e)) return { kind: 'json-columns', open, wrapped };
    if (isRowListAt(text, open, e)) return { kind: 'json-rows', open, wrapped };
  }
  const selected = text.slice(s, e);
  if (selected.includes('\\begin{')) return { kind: 'matrix' };
  if (selected.includes('&') && (selected.includes('\\\\') || !selected.includes('\n'))) return { kind: 'matrix' }; // 1 & 2 \\ 3 & 4
  if ('[{('.includes(text[s]) || (inner >= 0 && '[{('.includes(text[inner]))) return { kind: 'matrix' };
  if (isMarkdown(text, { start: s, end: e })) return { kind: 'text', layout: 'markdown' };
  const delimiter = chooseDelimiter(text, { start: s, end: e });
  return delimiter === 'matlab' ? { kind: 'matrix' } : { kind: 'text', layout: delimiter };
}

/** Nothing may follow the JSON but the rest of a call around it: `)` or `, orient='list')`. */
function expectEnd(text: string, i: number, end: number, wrapped: boolean): void {
  while (i < end && /\s/.test(text[i])) i++;
  if (wrapped && (text[i] === ')' || text[i] === ']' || text[i] === ',') && ')]'.includes(text[end - 1])) return;
  if (i < end) throw syntaxError(text, i, end - i, `Unexpected ${quote(text.slice(i, Math.min(end, i + 12)))} after the data. Select just the data.`);
}

function assemble(text: string, table: TextTable, format: DatasetFormat, whole: Span, maxEntries: number, transpose: boolean): ParsedDataset {
  const width = checkSize(text, table, maxEntries, whole);
  const show = (spans: Span[] | null, display: (s: string) => string) => spans?.map((s) => display(text.slice(s.start, s.end))) ?? null;
  const header = show(table.header, displayName);
  const labels = show(table.labels, displayName);
  const corner = table.corner ? displayName(text.slice(table.corner.start, table.corner.end)) : null;
  const features = rowsAreFeatures({ corner, header, labels }) !== transpose;
  // Names before the row check, which reports a row one value short (`1.8,`) as a missing value.
  // Feature names too are spelled as sample names ("Example 1"), for after a Transpose.
  const d = features ? table.rows.length : width;
  const names = show(features ? table.labels : table.header, displaySampleName);
  const featureNames = Array.from({ length: d }, (_, j) => names?.[j] || defaultFeatureName(j));
  const sampleNames = show(features ? table.header : table.labels, displaySampleName)?.map((name, i) => name || String(i + 1));
  const missing: MissingError = (line, position, at, cell) => {
    const [i, j] = features ? [position, line] : [line, position];
    const named = sampleNames?.[i] ? ` (${sampleNames[i]})` : '';
    const message = `${features ? 'Sample' : 'Row'} ${i + 1}${named} has no value for ${featureNames[j]} — PCA needs every value; fill it in or remove the sample.`;
    return missingValue(text, at, cell, message);
  };
  checkRows(text, table, width, whole, missing);
  const { samples, exact } = readValues(text, table, width, features, missing);
  // A JSON object of columns describes a table whose columns are its keys.
  const orientation = features !== (table.rowsAreColumns === true) ? 'features-as-rows' : 'samples-as-rows';
  return finish({ featureNames, samples, exact, orientation, format, ...(sampleNames && { sampleNames }) }, whole, text);
}

/** Bracketed literals, LaTeX and MATLAB, read by parseMatrix: rows are samples, features x₁ … x_d. */
function fromMatrix(text: string, whole: Span, maxEntries: number, transpose: boolean): ParsedDataset {
  let m;
  try {
    m = parseMatrix(text, { maxEntries });
  } catch (e) {
    // parseMatrix refuses NaN, null and None as numbers; for PCA they are missing values.
    const at = isMdlError(e) && e.cell && e.position ? { start: e.position.offset, end: e.position.offset + (e.position.length ?? 1) } : null;
    if (!isMdlError(e) || !e.cell || !at || !isMissing(text, at.start, at.end)) throw e;
    const [sample, feature] = transpose ? [e.cell.col, e.cell.row] : [e.cell.row, e.cell.col];
    const message = `${transpose ? 'Sample' : 'Row'} ${sample} has no value for ${defaultFeatureName(feature - 1)} — PCA needs every value; fill it in or remove the sample.`;
    throw missingValue(text, at, e.cell, message);
  }
  const flip = <T>(rows: T[][]) => (transpose ? rows[0].map((_, j) => rows.map((r) => r[j])) : rows);
  const samples = flip(m.values);
  const featureNames = samples[0].map((_, j) => defaultFeatureName(j));
  return finish({ featureNames, samples, exact: flip(m.exact), orientation: transpose ? 'features-as-rows' : 'samples-as-rows', format: 'matrix' }, whole, text);
}

/** Refuses a single sample and adds the warnings. */
function finish(data: Omit<ParsedDataset, 'warnings'>, whole: Span, text: string): ParsedDataset {
  const n = data.samples.length;
  if (n < 2) {
    const message = `PCA needs at least 2 samples; the data has ${n} (if the table lists samples as columns, use Transpose).`;
    throw syntaxError(text, whole.start, whole.end - whole.start, message, 'unsupported');
  }
  return { ...data, warnings: warningsFor(data.samples, data.featureNames) };
}

function warningsFor(samples: number[][], names: string[]): string[] {
  const warnings: string[] = [];
  const n = samples.length;
  const d = names.length;
  for (let j = 0; j < d; j++) {
    const first = samples[0][j];
    let i = 1;
    while (i < n && samples[i][j] === first) i++;
    // Worded exactly as derivePca words it, so the panel shows it once.
    if (i === n) warnings.push(`Feature “${names[j]}” is constant (variance 0): it carries no information, and every component is orthogonal to it or equal to its axis.`);
  }
  if (n <= d) {
    warnings.push(`With ${n} samples of ${d} features, the centred data has rank at most ${n - 1}: at most ${n - 1} component${n === 2 ? '' : 's'} can have nonzero variance.`);
  }
  return warnings;
}
