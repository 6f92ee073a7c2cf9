/**
 * Fallback number formatting and TeX assembly. Everything a caller splices
 * into TeX goes through here, so user text is escaped in exactly one place.
 */

export interface FormatNumberOptions {
  /** 'text' (default) uses − (U+2212) and ×10ⁿ; 'tex' uses - and \times 10^{n}. */
  notation?: 'text' | 'tex';
  /** Magnitude of the surrounding data: |x| < 1e-12·scale prints as 0 (rounding noise). */
  scale?: number;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * x to `precision` decimal places, trailing zeros trimmed: 1.5, −0.3333, 2.
 * Numbers that would round to 0 but are not noise, and numbers ≥ 1e15, switch
 * to scientific notation with `precision` significant digits instead of
 * printing a misleading 0 or an endless integer.
 */
export function formatNumber(x: number, precision: number, options: FormatNumberOptions = {}): string {
  const tex = options.notation === 'tex';
  const minus = tex ? '-' : '\u2212';
  if (Number.isNaN(x)) return tex ? '\\text{NaN}' : 'NaN';
  if (!Number.isFinite(x)) return (x < 0 ? minus : '') + (tex ? '\\infty' : '∞');
  const places = Math.max(0, Math.min(20, Math.floor(precision)));
  if (options.scale !== undefined && Math.abs(x) < 1e-12 * Math.abs(options.scale)) return '0';
  const abs = Math.abs(x);
  const fixed = trimZeros(abs.toFixed(places));
  const sign = x < 0 ? minus : '';
  if (abs < 1e15 && (fixed !== '0' || abs === 0)) return fixed === '0' ? '0' : sign + fixed;
  const [mantissa, exponent] = abs.toExponential(Math.max(0, places - 1)).split('e');
  const exp = String(Number(exponent));
  const power = tex ? ` \\times 10^{${exp}}` : `×10${[...exp].map((ch) => SUPERSCRIPT[ch]).join('')}`;
  return sign + trimZeros(mantissa) + power;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

const MATRIX_ENVIRONMENTS = new Set(['matrix', 'bmatrix', 'pmatrix', 'vmatrix', 'Bmatrix', 'Vmatrix', 'smallmatrix']);

/** Cells must already be TeX; the environment is checked against a fixed list so it cannot inject. */
export function matrixToTex(cells: readonly (readonly string[])[], env = 'bmatrix'): string {
  if (!MATRIX_ENVIRONMENTS.has(env)) throw new RangeError(`Unknown matrix environment: ${env}`);
  const body = cells.map((row) => row.join(' & ')).join(' \\\\ ');
  return `\\begin{${env}} ${body} \\end{${env}}`;
}

/** Column vector. */
export function vectorToTex(cells: readonly string[], env = 'bmatrix'): string {
  return matrixToTex(cells.map((c) => [c]), env);
}

/**
 * Escape user text for `\text{…}`. Characters that need a macro are written
 * as inline math ($\%$, $\backslash$): that renders the same in MathJax with
 * or without the textmacros package, in KaTeX and in LaTeX, whereas `\%` or
 * `\textbackslash` each break in one of them. Braces and `$` use `\{ \} \$`,
 * which all of them accept. Control characters (and bidi overrides, which
 * could reorder what the student sees) are dropped; tabs and newlines become spaces.
 */
export function texText(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || BIDI_CONTROLS.test(ch)) continue;
    else out += TEXT_ESCAPES[ch] ?? ch;
  }
  return out;
}

const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const TEXT_ESCAPES: Record<string, string> = {
  '\\': '$\\backslash$',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '%': '$\\%$',
  '#': '$\\#$',
  '&': '$\\&$',
  _: '$\\_$',
  '^': '$\\hat{}$',
  '~': '$\\tilde{}$',
};
