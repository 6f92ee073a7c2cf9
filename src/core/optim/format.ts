/**
 * Numbers for optimiser derivations. Optimiser quantities span many orders
 * of magnitude (v̂ ≈ 1e−6 next to θ ≈ 1), so they are shown with significant
 * digits, not the fixed decimals of the SVD display (which would print
 * 0.000316 as 0.0003). Exact closed forms are left to `NumberDisplay`.
 */
import { matrixToTex } from '../exact';

export class SigFigs {
  /** `digits` significant digits (at least 2). */
  constructor(readonly digits: number) {}

  tex(x: number): string {
    return this.format(x, 'tex');
  }

  text(x: number): string {
    return this.format(x, 'text');
  }

  vecTex(v: ArrayLike<number>): string {
    return matrixToTex(Array.from(v, (x) => [this.tex(x)]));
  }

  /** (a, b) in TeX. */
  tupleTex(v: ArrayLike<number>): string {
    return `\\left(${Array.from(v, (x) => this.tex(x)).join(',\\ ')}\\right)`;
  }

  tupleText(v: ArrayLike<number>): string {
    return `(${Array.from(v, (x) => this.text(x)).join(', ')})`;
  }

  private format(x: number, mode: 'tex' | 'text'): string {
    const minus = mode === 'tex' ? '-' : '\u2212';
    if (Number.isNaN(x)) return mode === 'tex' ? '\\text{NaN}' : 'NaN';
    if (!Number.isFinite(x)) return (x < 0 ? minus : '') + (mode === 'tex' ? '\\infty' : '∞');
    if (x === 0) return '0';
    const digits = Math.max(2, Math.min(17, Math.round(this.digits)));
    const abs = Math.abs(x);
    const sign = x < 0 ? minus : '';
    if (abs >= 1e-4 && abs < 1e6) {
      // Number(...) drops the trailing zeros toPrecision keeps; String gives plain digits in this range.
      return sign + String(Number(abs.toPrecision(digits)));
    }
    const [mantissa, exponent] = abs.toExponential(digits - 1).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const e = String(Number(exponent));
    if (mode === 'tex') return `${sign}${m} \\times 10^{${e}}`;
    const sup = [...e].map((ch) => '⁰¹²³⁴⁵⁶⁷⁸⁹'['0123456789'.indexOf(ch)] ?? '⁻').join('');
    return `${sign}${m}×10${sup}`;
  }
}
