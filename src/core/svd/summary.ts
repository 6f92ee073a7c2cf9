/**
 * The numerical SVD summary for matrices too large to derive by hand: what
 * was computed and how, the spectrum, rank and condition number, and the
 * leading singular vectors — not a wall of a thousand steps.
 */
import type { Step } from '../derivation';
import type { NumberDisplay } from '../display';
import { frobeniusNorm, toRows, type Mat, type Svd } from '../linalg';
import { gathered } from '../tex';
import { sub_ } from './vectors';

const SHOWN_ENTRIES = 8;

export function summarySteps(A: Mat, result: Svd, rank: number, display: NumberDisplay) {
  const m = A.rows;
  const n = A.cols;
  const s = Array.from(result.s);
  const p = s.length;
  const cond = rank > 0 && s[p - 1] > 0 ? s[0] / s[p - 1] : Infinity;
  const steps: Step[] = [
    {
      id: 'setup',
      title: 'The matrix and the method',
      tex: `A \\in \\mathbb{R}^{${m}\\times ${n}},\\qquad \\|A\\|_F = ${display.decimal(frobeniusNorm(A), 'tex')}`,
      text:
        `A is ${m}×${n}, too large to derive by hand, so the SVD is computed numerically: Householder bidiagonalisation followed by implicit-shift QR ` +
        `(the Golub–Kahan–Reinsch algorithm that LAPACK also uses). It works on A directly rather than on AᵀA, which would square the condition number. ` +
        `The hand route for small matrices (AᵀA, its characteristic polynomial, null spaces) gives the same factors.`,
    },
    {
      id: 'singular-values',
      title: 'Singular values, rank and condition number',
      tex: gathered([
        s
          .slice(0, 6)
          .map((x, i) => `\\sigma_{${i + 1}} = ${display.scalar(x, s[0]).tex}`)
          .join(',\\ ') +
        (p > 6 ? `,\\ \\ldots,\\ \\sigma_{${p}} = ${display.scalar(s[p - 1], s[0]).tex}` : ''),
        `\\operatorname{rank} A = ${rank}` + (rank === 0 ? '' : `,\\qquad \\kappa(A) = \\sigma_1/\\sigma_{${p}} = ${Number.isFinite(cond) ? display.decimal(cond, 'tex') : '\\infty'}`),
      ]),
      text:
        `There are ${p} singular values, largest first. ${rank} of them are non-zero beyond rounding (tolerance max(m, n)·ε·σ₁), so the rank is ${rank}. ` +
        (rank === 0
          ? 'A is the zero matrix, so it has no condition number.'
          : `The condition number σ₁/σ${sub_(p)} is ${Number.isFinite(cond) ? cond.toPrecision(4) : '∞ (A is rank-deficient)'}.`),
      plot: {
        type: 'line',
        title: 'Singular value spectrum',
        xLabel: 'i',
        yLabel: 'σᵢ',
        yScale: s[p - 1] > 0 && s[0] / s[p - 1] > 100 ? 'log' : 'linear',
        dots: p <= 50,
        series: [{ name: 'σᵢ', x: s.map((_, i) => i + 1), y: s }],
      },
    },
    {
      id: 'leading-vectors',
      title: 'Leading singular vectors',
      tex: gathered(
        [1, 2]
          .filter((i) => i <= Math.max(1, Math.min(rank, 2)))
          .map((i) => `u_{${i}} = ${clipped(columnOf(result.U, i - 1), display)},\\quad v_{${i}} = ${clipped(columnOf(result.V, i - 1), display)}`),
      ),
      text:
        `u₁ and v₁ are the directions A stretches most: Av₁ = σ₁u₁. Only the first ${SHOWN_ENTRIES} entries are shown; the CLI's JSON output and the Markdown export hold them all. ` +
        `Signs: each vᵢ has its last significant entry positive, and uᵢ = Avᵢ/σᵢ.`,
    },
  ];
  return { steps, U: toRows(result.U), V: toRows(result.V) };
}

function columnOf(M: Mat, j: number): number[] {
  return Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
}

function clipped(v: number[], display: NumberDisplay): string {
  const shown = v.slice(0, SHOWN_ENTRIES).map((x) => display.decimal(x, 'tex'));
  if (v.length > SHOWN_ENTRIES) shown.push('\\vdots');
  return `\\begin{bmatrix} ${shown.join(' \\\\ ')} \\end{bmatrix}`;
}
