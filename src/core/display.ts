/**
 * Turns floating-point results into what a student writes: an exact closed
 * form when one is recognised (√3, 2/√6, (37 + √565)/2), otherwise a decimal
 * at the configured precision. Every derivation formats numbers through here
 * so the panel, the Markdown export and the CLI agree.
 */
import { formatNumber, matrixToTex, recognize, toTex, toText, type ExactValue } from './exact';

export interface DisplayOptions {
  /** Decimal places for numbers without an exact form. */
  precision: number;
  /** Try to recognise closed forms at all. */
  exactForms: boolean;
}

export const defaultDisplayOptions: DisplayOptions = { precision: 4, exactForms: true };

export interface Shown {
  tex: string;
  text: string;
  /** The closed form, when one was recognised. */
  exact: ExactValue | null;
}

export class NumberDisplay {
  constructor(
    readonly options: DisplayOptions,
    /** Square-free radicands known from the computation (discriminants), which recognition may use. */
    private readonly radicands: number[] = [],
  ) {}

  /** `scale` is the magnitude of the surrounding numbers, so rounding noise near zero prints as 0. */
  scalar(x: number, scale = 1): Shown {
    if (Math.abs(x) <= 1e-13 * Math.max(1, Math.abs(scale))) x = 0;
    const exact = this.options.exactForms ? recognize(x, { radicands: this.radicands }) : null;
    if (exact) return { tex: toTex(exact), text: toText(exact), exact };
    return {
      tex: formatNumber(x, this.options.precision, { notation: 'tex' }),
      text: formatNumber(x, this.options.precision, { notation: 'text' }),
      exact: null,
    };
  }

  /** "√3 ≈ 1.7321" when the exact form is not itself a short decimal; plain otherwise. */
  withDecimal(x: number, scale = 1): string {
    const shown = this.scalar(x, scale);
    const decimal = formatNumber(x, this.options.precision, { notation: 'text' });
    return shown.exact && shown.text !== decimal && !Number.isInteger(x) ? `${shown.text} ≈ ${decimal}` : shown.text;
  }

  decimal(x: number, format: 'tex' | 'text' = 'text'): string {
    return formatNumber(x, this.options.precision, { notation: format });
  }

  matrixTex(rows: ArrayLike<number>[], env = 'bmatrix'): string {
    const scale = maxAbs(rows);
    return matrixToTex(
      Array.from(rows, (r) => Array.from(r, (x) => this.scalar(x, scale).tex)),
      env,
    );
  }

  vectorTex(v: ArrayLike<number>): string {
    const scale = maxAbs([v]);
    return matrixToTex(
      Array.from(v, (x) => [this.scalar(x, scale).tex]),
      'bmatrix',
    );
  }

  vectorText(v: ArrayLike<number>): string {
    const scale = maxAbs([v]);
    return `(${Array.from(v, (x) => this.scalar(x, scale).text).join(', ')})`;
  }
}

export function maxAbs(rows: ArrayLike<number>[]): number {
  let m = 0;
  for (const r of rows) for (let i = 0; i < r.length; i++) m = Math.max(m, Math.abs(r[i]));
  return m;
}

/** Compact scientific form for residuals: 2.2 × 10⁻¹⁶ in TeX, 2.2e-16 in text. */
export function residualTex(x: number): string {
  if (x === 0) return '0';
  const [mant, exp] = x.toExponential(1).split('e');
  return `${mant} \\times 10^{${Number(exp)}}`;
}
