/** Number formatting for display only; the host has already done the maths. */

const MINUS = '\u2212';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 3.1e-16 → "3.1 × 10⁻¹⁶". */
function scientific(abs: number, digits: number): string {
  const [mantissa, exponent] = abs.toExponential(digits).split('e');
  const power = `10${[...String(Number(exponent))].map((c) => SUPERSCRIPT[c]).join('')}`;
  return mantissa === '1' ? power : `${mantissa} × ${power}`;
}

/**
 * `x` to `precision` decimals, with a real minus sign and no "−0.0000".
 * Matrix entries (`tiny: 'round'`) round rounding noise to 0.0000; reported
 * quantities such as residuals (`tiny: 'show'`) keep it visible as 3.1 × 10⁻¹⁶.
 */
export function formatNumber(x: number, precision: number, tiny: 'round' | 'show' = 'round'): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : `${MINUS}∞`;
  const abs = Math.abs(x);
  let s: string;
  if (abs >= 1e6) s = scientific(abs, Math.min(precision, 4));
  else if (tiny === 'show' && abs > 0 && abs < 0.5 * 10 ** -precision) s = scientific(abs, 1);
  else s = abs.toFixed(precision);
  if (/^[0.]+$/.test(s)) return s; // rounds to zero: never signed
  return x < 0 ? MINUS + s : s;
}

/** A table cell: strings pass through, integers (indices, counts) stay integers, other numbers keep tiny values visible. */
export function formatCell(value: string | number, precision: number): string {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return value < 0 ? MINUS + -value : String(value);
  return formatNumber(value, precision, 'show');
}

/** Axis label for a log scale: powers of ten as 10ⁿ, anything else briefly. */
export function formatLogTick(x: number): string {
  const exponent = Math.round(Math.log10(x));
  if (Math.abs(x - 10 ** exponent) <= 1e-9 * 10 ** exponent) return exponent === 0 ? '1' : exponent === 1 ? '10' : scientific(x, 0);
  return String(Number(x.toPrecision(2)));
}

/** Trims a long string for an attribute or label. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
