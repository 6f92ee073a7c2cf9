/**
 * Builds the SVD derivation for any matrix: the textbook route for small
 * ones (both sides ≤ 4), a numerical summary for larger ones, and for both
 * the verification and the truncation (compression) steps.
 */
import type { Derivation, Step } from '../derivation';
import { NumberDisplay, residualTex, type DisplayOptions } from '../display';
import { gathered } from '../tex';
import type { RationalLike } from '../exact';
import { fromRows, frobeniusNorm, multiply, numericalRank, subtract, svd, toRows, transpose, identity, type Mat, type Svd } from '../linalg';
import { analyseGram } from './exactGram';
import type { SvdJson } from './result';
import { gramSchmidt, textbookSvd } from './textbook';
import { rankK, truncationLevels } from './truncation';
import { summarySteps } from './summary';
import { decimalScaling, exactIsAffordable, scaledMatrixTex } from './scaling';
import { scaledSteps } from './scaledSteps';
import { clusterWarnings, conditioningWarnings, handRouteRefusal, rankMismatch } from './warnings';

export interface SvdInput {
  values: number[][];
  /** Exact rational cells from the parser, when every cell is rational. */
  exact?: Array<Array<RationalLike | null>>;
}

export interface SvdOutcome {
  derivation: Derivation;
  json: SvdJson;
}

/** Largest side for which the hand derivation is shown. */
export const TEXTBOOK_LIMIT = 4;
/** Above this many entries the panel gets heatmaps but not the raw matrix. */
const MATRIX_DISPLAY_LIMIT = 40_000;

export function deriveSvd(input: SvdInput, options: DisplayOptions): SvdOutcome {
  const A = input.values;
  const m = A.length;
  const n = A[0].length;
  const p = Math.min(m, n);
  const Am = fromRows(A);
  const numeric = svd(Am);
  const s = Array.from(numeric.s);
  let rank = numericalRank(numeric.s, m, n);
  const warnings: string[] = [];
  let exactZeros = false;
  let exactRoute = false;

  let steps: Step[] | null = null;
  let U: number[][] = [];
  let V: number[][] = [];
  let path: 'textbook' | 'summary' = 'summary';
  if (Math.max(m, n) <= TEXTBOOK_LIMIT) {
    const side = n <= m ? 'right' : 'left';
    const rational = input.exact && input.exact.every((r) => r.every((c) => c !== null)) ? (input.exact as RationalLike[][]) : null;
    // Entries near 1e±150 would overflow or underflow AᵀA and its characteristic polynomial: derive for B = A/10ᵏ.
    const scaling = decimalScaling(A, rational, p);
    const B = scaling.values;
    const exactCells = scaling.exact && exactIsAffordable(scaling.exact) ? scaling.exact : null;
    const probe = new NumberDisplay(options);
    const analysis = analyseGram(B, exactCells, side, probe);
    const refusal = handRouteRefusal(analysis.exact, s, rank, options.precision);
    if (refusal) {
      warnings.push(refusal);
    } else {
      const display = new NumberDisplay(options, analysis.radicands);
      const book = textbookSvd({ A: B, display, analysis, side, rank });
      // The hand route squares the condition number. Its steps are right to display precision, but the
      // factors we report must be right to working precision: polish them with the accurate SVD if needed.
      const factors = handRouteIsAccurate(fromRows(B), book.U, book.sigma, book.V) ? book : polish(book, numeric, rank);
      if (factors) {
        ({ U, V } = factors);
        path = 'textbook';
        steps = scaling.k === 0 ? book.steps : scaledSteps(book.steps, scaling.k, scaling.reason, B, book.sigma, s, display);
        if (scaling.k !== 0) warnings.push(scaling.reason);
        exactRoute = analysis.exact;
        if (analysis.exact) {
          // Exact arithmetic proved the trailing eigenvalues 0: report σ = 0, not the float SVD's rounding noise.
          const zeros = analysis.eigenvalues.filter((e) => e.tex === '0').reduce((t, e) => t + e.multiplicity, 0);
          for (let i = p - zeros; i < p; i++) s[i] = 0;
          const exactRank = p - zeros;
          if (exactRank < rank) rank = exactRank; // the parsed floats can blur an exact zero above the tolerance
          exactZeros = zeros > 0 && rank === exactRank;
          if (exactRank > rank) warnings.push(rankMismatch(exactRank, rank, s, m, n));
        }
      } else {
        const cond = rank > 0 ? s[0] / s[rank - 1] : 1;
        warnings.push(
          `The hand route (eigenvalues of AᵀA) loses accuracy on this matrix${cond > 1e4 ? ` (AᵀA squares its condition number ${cond.toExponential(1)})` : ''}, so the numerical SVD is shown instead.`,
        );
      }
    }
  }
  if (!steps) ({ steps, U, V } = summarySteps(Am, numeric, rank, new NumberDisplay(options)));
  warnings.unshift(...conditioningWarnings(s, rank, m, n, Am, exactZeros));
  if (!exactRoute) warnings.push(...clusterWarnings(s, rank, m, n));

  const display = new NumberDisplay(options);
  const Um = fromRows(U);
  const Vm = fromRows(V);
  steps.push(verifyStep(Am, Um, s, Vm, display));
  const levels = truncationLevels(Am, Um, s, Vm);
  steps.push(truncationStep(Am, Um, s, Vm, levels, display, path === 'textbook'));

  const derivation: Derivation = {
    kind: 'svd',
    title: `SVD of a ${m}×${n} matrix`,
    steps,
    warnings,
    interactive: {
      type: 'svd-truncation',
      rows: m,
      cols: n,
      rank,
      matrix: m * n <= MATRIX_DISPLAY_LIMIT ? A : undefined,
      singularValues: s,
      levels,
    },
  };
  return {
    derivation,
    json: {
      kind: 'svd',
      rows: m,
      cols: n,
      rank,
      singularValues: s,
      U,
      V,
      steps: steps.map(({ title, tex, text }) => ({ title, tex, text })),
    },
  };
}

/**
 * The hand route (eigenvalues of AᵀA) loses about ε·κ² in the vectors; keep it
 * only when it reproduces A and stays orthogonal to full working accuracy.
 */
/**
 * Replace the hand route's vectors by the accurate SVD's (sign-aligned) for the
 * non-zero singular values, and re-orthogonalise its completion vectors
 * against them. Null when the two routes disagree beyond rounding.
 */
function polish(book: { U: number[][]; V: number[][]; sigma: number[] }, accurate: Svd, rank: number) {
  const U = alignColumns(book.U, accurate.U, rank);
  const V = alignColumns(book.V, accurate.V, rank);
  if (!U || !V) return null;
  const A = rankK(accurate.U, accurate.s, accurate.V, accurate.s.length);
  return handRouteIsAccurate(A, U, Array.from(accurate.s), V) ? { U, V } : null;
}

function alignColumns(book: number[][], accurate: Mat, rank: number): number[][] | null {
  const n = book.length;
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const b = book.map((row) => row[j]);
    if (j < rank) {
      const a = Array.from({ length: n }, (_, i) => accurate.data[i * accurate.cols + j]);
      const cos = a.reduce((s, x, i) => s + x * b[i], 0);
      if (Math.abs(cos) < 1 - 1e-6) return null;
      cols.push(cos < 0 ? a.map((x) => -x) : a);
    } else {
      const [q] = gramSchmidt([...cols, b]).slice(cols.length);
      if (!q) return null;
      cols.push(q);
    }
  }
  return book.map((_, i) => cols.map((c) => c[i]));
}

function handRouteIsAccurate(A: Mat, U: number[][], sigma: number[], V: number[][]): boolean {
  const Um = fromRows(U);
  const Vm = fromRows(V);
  const recon = frobeniusNorm(subtract(A, rankK(Um, sigma, Vm, sigma.length)));
  const orthU = frobeniusNorm(subtract(multiply(transpose(Um), Um), identity(Um.rows)));
  const orthV = frobeniusNorm(subtract(multiply(transpose(Vm), Vm), identity(Vm.rows)));
  return recon <= 1e-12 * Math.max(1, frobeniusNorm(A)) && orthU <= 1e-12 && orthV <= 1e-12;
}

function verifyStep(A: Mat, U: Mat, s: number[], V: Mat, display: NumberDisplay): Step {
  const m = A.rows;
  const n = A.cols;
  const recon = rankK(U, s, V, s.length);
  // Relative to ‖A‖ itself (not max(1, ‖A‖)), so a residual on 1e-310 entries is not flattered by 1e-310.
  const scale = frobeniusNorm(A) || 1;
  const rRecon = frobeniusNorm(subtract(A, recon)) / scale;
  const rU = frobeniusNorm(subtract(multiply(transpose(U), U), identity(m)));
  const rV = frobeniusNorm(subtract(multiply(transpose(V), V), identity(n)));
  const small = m * n <= 64;
  return {
    id: 'verify',
    title: 'Check: UΣVᵀ = A, UᵀU = I, VᵀV = I',
    tex: gathered([
      small ? `U\\Sigma V^{\\mathsf T} = ${scaledMatrixTex(toRows(recon), display)} = A` : `U\\Sigma V^{\\mathsf T} \\approx A`,
      `\\frac{\\|A - U\\Sigma V^{\\mathsf T}\\|_F}{\\|A\\|_F} = ${residualTex(rRecon)},\\quad \\|U^{\\mathsf T}U - I\\|_F = ${residualTex(rU)},\\quad \\|V^{\\mathsf T}V - I\\|_F = ${residualTex(rV)}`,
    ]),
    text:
      `Multiplying the three factors back gives A again, and the columns of U and of V are orthonormal. ` +
      `In floating point the residuals are ${rRecon.toExponential(1)}, ${rU.toExponential(1)} and ${rV.toExponential(1)}: rounding error only.`,
  };
}

function truncationStep(A: Mat, U: Mat, s: number[], V: Mat, levels: ReturnType<typeof truncationLevels>, display: NumberDisplay, small: boolean): Step {
  const m = A.rows;
  const n = A.cols;
  const full = m * m + m * n + n * n;
  const A1 = toRows(rankK(U, s, V, 1));
  const shown = levels.length <= 12 ? levels : levels.filter((l) => l.k <= 5 || l.k % Math.ceil(levels.length / 10) === 0 || l.k === levels.length);
  return {
    id: 'truncation',
    title: 'Truncation: what SVD compression keeps',
    tex: gathered([
      `A_k = \\sum_{i=1}^{k} \\sigma_i u_i v_i^{\\mathsf T},\\qquad \\text{storage } k(m+n+1) \\text{ vs } mn = ${m * n}`,
      `\\|A - A_k\\|_F = \\sqrt{\\textstyle\\sum_{i>k} \\sigma_i^2}\\quad(\\text{Eckart–Young})`,
      small ? `A_1 = \\sigma_1 u_1 v_1^{\\mathsf T} = ${scaledMatrixTex(A1, display)}` : '',
    ]),
    text:
      `The full factorisation stores m² + mn + n² = ${full} numbers, against ${m * n} in A: by itself SVD does not compress. ` +
      `Compression comes only from truncation: keep the k largest terms and store k(m + n + 1) numbers. ` +
      `By the Eckart–Young theorem A_k is the best rank-k approximation, with error √(Σ_{i>k} σᵢ²); the table checks this against the error measured directly. ` +
      `Rank ${levels[0].k} stores ${levels[0].storage} numbers (ratio ${levels[0].ratio.toFixed(2)}) with error ${display.decimal(levels[0].eckartYoung)}.`,
    table: {
      caption: 'Storage and error of the rank-k approximation',
      columns: ['k', 'storage k(m+n+1)', 'mn', 'ratio mn / storage', '‖A − A_k‖_F (Eckart–Young)', '‖A − A_k‖_F (direct)'],
      rows: shown.map((l) => [l.k, l.storage, l.original, Number(l.ratio.toFixed(3)), display.decimal(l.eckartYoung), display.decimal(l.direct)]),
    },
    plot: {
      type: 'line',
      title: 'Approximation error against rank k',
      xLabel: 'k',
      yLabel: '‖A − A_k‖_F',
      dots: true,
      series: [
        { name: 'Eckart–Young √(Σ_{i>k} σᵢ²)', x: levels.map((l) => l.k), y: levels.map((l) => l.eckartYoung) },
        { name: 'measured', x: levels.map((l) => l.k), y: levels.map((l) => l.direct) },
      ],
    },
  };
}
