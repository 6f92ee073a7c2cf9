/**
 * The names in a dataset's text: how labels are shown, and what they tell
 * about its orientation — whether the text's rows are samples or features.
 */

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

export function subscript(digits: number | string): string {
  return String(digits).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]);
}

/** x₁ … x_d: the names of features the text does not name. */
export function defaultFeatureName(index: number): string {
  return `x${subscript(index + 1)}`;
}

const QUOTES = /^(["'])(.*)\1$/s;
const MARKUP = [['**', '**'], ['__', '__'], ['`', '`'], ['$$', '$$'], ['$', '$'], ['\\(', '\\)']];
const TEX_WRAPPER = /\\(?:text|textrm|mathrm|mathit|mathbf|mathsf|operatorname|boldsymbol)\s*\{([^{}]*)\}/g;
const HTML_SUBSCRIPT = /\s*<sub>\s*(\d+)\s*<\/sub>/gi;
const TEX_SUBSCRIPT = /_\{\s*(\d+)\s*\}|_(\d+)/g;
const LETTER_AND_BRACED_INDEX = /^(\p{L})\s*_\{\s*(\d+)\s*\}$/u;

/**
 * How a label is shown: `$X_1$`, `X_{1}`, `X <sub>1</sub>` and `X₁` all become
 * X₁, as the course writes them. Anything else is kept as written (trimmed):
 * `x1` and `height_2020` are a student's own names, not notation.
 */
export function displayName(raw: string): string {
  let s = raw.trim();
  let math = false;
  // A few layers at most (`**$X_1$**`): a cell of 10⁵ quotes must not cost 10⁵ passes.
  for (let changed = true, round = 0; changed && round < 4; round++) {
    changed = false;
    const quoted = QUOTES.exec(s);
    if (quoted) [s, changed] = [quoted[2].trim(), true];
    for (const [open, close] of MARKUP) {
      if (s.length > open.length + close.length && s.startsWith(open) && s.endsWith(close)) {
        math ||= open.includes('$') || open === '\\(';
        [s, changed] = [s.slice(open.length, s.length - close.length).trim(), true];
        break;
      }
    }
  }
  s = s.replace(TEX_WRAPPER, '$1').replace(HTML_SUBSCRIPT, (_, d: string) => subscript(d));
  // `_1` is a subscript in TeX, but outside `$…$` it may be part of a column name like `x_1`;
  // only the braces of `X_{1}` are unmistakably TeX.
  if (math) s = s.replace(TEX_SUBSCRIPT, (_, braced: string | undefined, bare: string | undefined) => subscript(braced ?? bare ?? ''));
  else s = s.replace(LETTER_AND_BRACED_INDEX, (_, letter: string, d: string) => letter + subscript(d));
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Names of samples: "Example - 1", "Sample 3", "obs 4", "#1", "Ex. 2", or a
 * bare index. Words that also name features in real data ("day 1",
 * "column 2") are left out on purpose: they are not evidence either way.
 */
const SAMPLE_NAME = /^(?:(example|ex|sample|observation|obs|instance|case|record|data\s*point|datapoint|point|subject|item|trial|patient|person|student|image|measurement|run)\s*[-–—_:.#]?\s*|#\s*|№\s*)?(\d+)$/i;

export function isSampleName(name: string): boolean {
  return SAMPLE_NAME.test(name);
}

/** "Example - 1" → "Example 1": one spelling for the panel and the derivation; other names as displayName. */
export function displaySampleName(raw: string): string {
  const name = displayName(raw);
  const m = SAMPLE_NAME.exec(name);
  return m && m[1] ? `${name.slice(0, m[1].length)} ${m[2]}` : name;
}

/** X₁, x1, x_1: a letter and an index, the way variables (features) are written. */
function isVariableSymbol(name: string): boolean {
  return /^\p{L}(?:_?\d+|[₀-₉]+)$/u.test(name);
}

/** The header cell above a label column says which way the table runs. */
const FEATURE_CORNER = /^(?:features?|variables?|attributes?|dimensions?)(?:\s*[\\/|].*)?$/i; // also "Feature \ Example"
const SAMPLE_CORNER = /^(?:samples?|examples?|observations?|obs|instances?|ids?|index|names?|#|no\.?)(?:\s*[\\/|].*)?$/i;

export interface NameEvidence {
  /** The header cell above the row labels (display form), if both exist. */
  corner: string | null;
  /** Names over the data columns: a header row, or the keys of JSON row objects. */
  header: string[] | null;
  /** One label per text row: a first column of labels, or the keys of a JSON object of columns. */
  labels: string[] | null;
}

/**
 * Whether the text's rows are features (so its columns are samples). The
 * first rule that applies decides:
 *  1. a corner cell "Feature"/"Variable"/… → features; "Sample"/"ID"/"Name"/… → samples;
 *     and a header and row labels that are both bare numbers 0, 1, 2 … (pandas' defaults) → samples;
 *  2. every header name is a sample name ("Example - 1", "Sample 3", "obs 4", "#1", "2") → features;
 *  3. every row label is a sample name → samples;
 *  4. every row label is a variable symbol (X₁, x1, x_1) and the header is not → features;
 *  5. a header of other names (height, weight) names the features → samples;
 *  6. row labels without a header (height 1.7 1.8 …) name what each row holds → features;
 *  7. otherwise, as data is usually written, rows are samples.
 * The panel's Transpose flips the outcome when the text is ambiguous.
 */
/** "ID", "Sample", "#", "Name" over the first column: it holds the samples' names, even when they are numbers. */
export function isSampleCorner(name: string): boolean {
  return SAMPLE_CORNER.test(name);
}

export function rowsAreFeatures({ corner, header, labels }: NameEvidence): boolean {
  if (corner && FEATURE_CORNER.test(corner)) return true;
  if (corner && SAMPLE_CORNER.test(corner)) return false;
  const bare = (names: string[] | null) => names !== null && names.length > 0 && names.every((n) => /^\d+$/.test(n));
  if (bare(header) && bare(labels)) return false;
  if (header && header.length > 0 && header.every(isSampleName)) return true;
  if (labels && labels.length > 0 && labels.every(isSampleName)) return false;
  if (labels && labels.length > 0 && labels.every(isVariableSymbol) && !(header && header.every(isVariableSymbol))) return true;
  if (header) return false;
  return labels !== null && labels.length > 0;
}
