/**
 * The eigen-analysis of the small Gram matrix G (AᵀA or AAᵀ) that the
 * textbook SVD derivation walks through: characteristic polynomial, its
 * roots, and each eigenspace as a null space. Exact (rational or quadratic
 * surd) whenever the input is rational and the roots allow; numeric with the
 * same steps otherwise.
 */
import { fromRows, symmetricEigen } from '../linalg';
import type { NumberDisplay } from '../display';

export interface Eigenvalue {
  value: number;
  tex: string;
  text: string;
  multiplicity: number;
}

export interface NullSpaceWorking {
  /** TeX lines: G − λI, its reduced row echelon form, and the basis read off it. */
  lines: string[];
  text: string;
  /** Basis of the eigenspace (not normalised), as read off the RREF. */
  basis: number[][];
}

export interface GramAnalysis {
  /** det(G − λI) written out and expanded, as TeX lines. */
  charPolyLines: string[];
  charPolyText: string;
  /** The roots step: factorisation or formula, then λ values. */
  rootsLines: string[];
  /** Distinct eigenvalues, descending. */
  eigenvalues: Eigenvalue[];
  /** Square-free radicands that appeared, for recognising related numbers. */
  radicands: number[];
  exact: boolean;
  nullSpace(index: number): NullSpaceWorking;
}

/** Monic characteristic polynomial det(λI − G) by Faddeev–LeVerrier, highest degree first. */
export function charPolyNumeric(G: number[][]): number[] {
  const n = G.length;
  const coeffs = [1];
  let M = G.map((r) => r.map(() => 0));
  for (let k = 1; k <= n; k++) {
    const prev = coeffs[k - 1];
    // M_k = G·M_{k−1} + c_{k−1}·I ;  c_k = −tr(G·M_k)/k
    const next = G.map((row, i) => row.map((_, j) => row.reduce((s, g, t) => s + g * M[t][j], 0) + (i === j ? prev : 0)));
    M = next;
    let trace = 0;
    for (let i = 0; i < n; i++) for (let t = 0; t < n; t++) trace += G[i][t] * M[t][i];
    coeffs.push(-trace / k);
  }
  return coeffs;
}

export function polyTex(coeffs: string[], variable = '\\lambda'): string {
  const n = coeffs.length - 1;
  const parts: string[] = [];
  coeffs.forEach((c, i) => {
    const power = n - i;
    if (c === '0') return;
    const negative = c.startsWith('-');
    const mag = negative ? c.slice(1) : c;
    const mono = power === 0 ? '' : power === 1 ? variable : `${variable}^{${power}}`;
    const body = power === 0 ? mag : mag === '1' ? mono : `${mag}${mono}`;
    parts.push(parts.length === 0 ? (negative ? `-${body}` : body) : `${negative ? '-' : '+'} ${body}`);
  });
  return parts.length ? parts.join(' ') : '0';
}

/** G − λI as TeX with λ symbolic on the diagonal, for the determinant display. */
export function shiftedTex(G: number[][], display: NumberDisplay, env: string): string {
  const cells = G.map((row, i) =>
    row.map((g, j) => {
      const t = display.scalar(g).tex;
      if (i !== j) return t;
      return g === 0 ? '-\\lambda' : `${t} - \\lambda`;
    }),
  );
  return `\\begin{${env}} ${cells.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{${env}}`;
}

/** Numeric route, used when G is not rational or its roots are not closed forms. */
export function analyseGramNumeric(G: number[][], gramTex: string, display: NumberDisplay): GramAnalysis {
  const n = G.length;
  const coeffs = charPolyNumeric(G);
  const scale = Math.max(1, ...G.flat().map(Math.abs));
  const eig = symmetricEigen(fromRows(G));
  const values = Array.from(eig.values, (x) => (Math.abs(x) < 1e-12 * scale ? 0 : x));
  const distinct = groupEigenvalues(values, scale).map((e) => {
    const shown = display.scalar(e.value, scale);
    return { ...e, tex: shown.tex, text: shown.text };
  });
  const poly = polyTex(coeffs.map((c) => display.decimal(Math.abs(c) < 1e-12 * scale ** n ? 0 : c, 'tex')));
  const sign = n % 2 === 0 ? '' : '-';
  return {
    charPolyLines: [
      `\\det(${gramTex} - \\lambda I) = ${shiftedTex(G, display, 'vmatrix')}`,
      `= ${sign}(${poly})`,
    ],
    charPolyText: `The characteristic polynomial is ${polyText(coeffs, display)} = 0 (coefficients rounded for display).`,
    rootsLines: distinct.map((e, i) => `\\lambda_{${i + 1}} \\approx ${e.tex}`),
    eigenvalues: distinct,
    radicands: [],
    exact: false,
    nullSpace(index) {
      const lambda = distinct[index].value;
      const cols: number[][] = [];
      for (let j = 0; j < n; j++) {
        if (Math.abs(values[j] - lambda) <= 1e-9 * scale) cols.push(Array.from({ length: n }, (_, i) => eig.vectors.data[i * n + j]));
      }
      const shifted = G.map((row, i) => row.map((g, j) => g - (i === j ? lambda : 0)));
      return {
        lines: [
          `${gramTex} - ${distinct[index].tex} I = ${display.matrixTex(shifted)}`,
          `\\text{null space: } ${cols.map((c) => display.vectorTex(c)).join(',\\ ')}`,
        ],
        text: 'The eigenvalue is not a simple closed form, so the null space is computed numerically (Jacobi eigenvectors, accurate to rounding).',
        basis: cols,
      };
    },
  };
}

function polyText(coeffs: number[], display: NumberDisplay): string {
  const sup = (k: number) => String(k).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
  const n = coeffs.length - 1;
  return coeffs
    .map((c, i) => {
      const p = n - i;
      const mono = p === 0 ? '' : p === 1 ? 'λ' : `λ${sup(p)}`;
      const mag = Math.abs(c);
      if (mag < 1e-15) return '';
      const body = p > 0 && Math.abs(mag - 1) < 1e-15 ? mono : `${display.decimal(mag)}${mono}`;
      return `${c < 0 ? '−' : '+'} ${body}`;
    })
    .filter(Boolean)
    .join(' ')
    .replace(/^\+ /, '')
    .replace(/^− /, '−');
}

/** Cluster numerically equal eigenvalues (descending) into distinct values with multiplicity. */
export function groupEigenvalues(values: number[], scale: number): Eigenvalue[] {
  const out: Array<{ value: number; multiplicity: number }> = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.value - v) <= 1e-9 * scale) last.multiplicity++;
    else out.push({ value: v, multiplicity: 1 });
  }
  return out.map((e) => ({ ...e, tex: '', text: '' }));
}
