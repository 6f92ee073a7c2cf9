/**
 * The image-compression derivation: the picture as a matrix, the rank-k sum,
 * what rank k costs and loses, the singular-value spectrum and the energy curve.
 */
import type { Derivation, Step } from '../derivation';
import { gathered } from '../tex';
import { cumulativeEnergy, type CompressionReport } from './compress';
import { LUMA_601 } from './channels';
import type { ImageChannels, ImageFactors } from './types';

const fmt = (x: number, digits = 4) => (Number.isInteger(x) ? String(x) : x.toPrecision(digits));
const pct = (x: number) => `${(100 * x).toPrecision(3)}%`;
const CHANNEL_NAMES = ['R', 'G', 'B'];

export function deriveImage(image: ImageChannels, factors: ImageFactors, report: CompressionReport, fileName?: string): Derivation {
  const steps: Step[] = [matrixStep(image), sumStep(factors, report.rank), costStep(report), spectrumStep(factors), energyStep(factors, report)];
  const warnings: string[] = [];
  if (image.note) warnings.push(`The image was ${image.note} before the SVD (area averaging).`);
  if (report.approximate) warnings.push('The singular triplets come from a randomized truncated SVD: accurate, but not exact.');
  return {
    kind: 'image',
    title: `SVD compression of ${fileName ? `${fileName} ` : 'an image '}(${image.width}×${image.height}, ${image.mode === 'gray' ? 'greyscale' : 'RGB'})`,
    steps,
    warnings,
  };
}

function matrixStep(image: ImageChannels): Step {
  const { width: n, height: m } = image;
  const gray = image.mode === 'gray';
  const [wr, wg, wb] = LUMA_601;
  return {
    id: 'matrix',
    title: 'The image as a matrix',
    tex: gray
      ? gathered([`A \\in \\mathbb{R}^{${m}\\times ${n}}, \\quad a_{ij} = ${wr}\\,R_{ij} + ${wg}\\,G_{ij} + ${wb}\\,B_{ij} \\in [0, 255]`])
      : `A_R, A_G, A_B \\in \\mathbb{R}^{${m}\\times ${n}}, \\quad a_{ij} \\in [0, 255]`,
    text: gray
      ? `Each of the ${m} pixel rows is a row of A and each of the ${n} pixel columns a column. A pixel's grey level is its Rec. 601 luma, ${wr} R + ${wg} G + ${wb} B.`
      : `Each colour channel is its own ${m}×${n} matrix, compressed separately: row i, column j holds that channel's level (0–255) at pixel (i, j).`,
  };
}

function sumStep(factors: ImageFactors, k: number): Step {
  const shown = Math.min(8, factors.kMax);
  const rows = Array.from({ length: shown }, (_, i) => [i + 1, ...factors.channels.map((f) => fmt(f.s[i]))]);
  return {
    id: 'rank-k',
    title: `Keep the ${k} largest singular triplets`,
    tex: `A \\approx A_{${k}} = \\sum_{i=1}^{${k}} \\sigma_i\\, u_i v_i^{\\mathsf T}`,
    text:
      'Each term σᵢuᵢvᵢᵀ is a rank-one picture: a column pattern uᵢ times a row pattern vᵢ. ' +
      'The terms are ordered by σᵢ, so the first ones carry the broad shapes and later ones add finer detail. ' +
      'By Eckart–Young no rank-k matrix is closer to A in the Frobenius norm.',
    table: {
      caption: 'The largest singular values',
      columns: ['i', ...(factors.channels.length === 1 ? ['σᵢ'] : CHANNEL_NAMES.map((c) => `σᵢ (${c})`))],
      rows,
    },
  };
}

function costStep(r: CompressionReport): Step {
  const { rank: k, width: n, height: m } = r;
  const c = r.mode === 'rgb' ? 3 : 1;
  const times = c === 3 ? '3\\cdot' : '';
  const how =
    r.eckartYoungFrom === 'tail'
      ? 'from the discarded singular values'
      : 'as √(‖A‖²_F − Σ_{i≤k}σᵢ²), which is exact and needs none of the discarded σᵢ (a truncated SVD does not compute them)';
  return {
    id: 'cost',
    title: `Storage and error at k = ${k}`,
    tex: gathered([
      `${times}k(m+n+1) = ${times}${k}\\,(${m}+${n}+1) = ${r.storage.compressed} \\text{ numbers vs } ${times}mn = ${r.storage.original}`,
      `\\frac{\\lVert A - A_{${k}}\\rVert_F}{\\lVert A\\rVert_F} = ${fmt(r.relativeError)}, \\qquad \\frac{\\sqrt{\\sum_{i>${k}} \\sigma_i^2}}{\\lVert A\\rVert_F} = ${fmt(r.eckartYoungError)}`,
      `\\text{PSNR} = 10\\log_{10}\\frac{255^2}{\\text{MSE}} = ${r.psnr === null ? '\\infty' : fmt(r.psnr, 3)}\\ \\text{dB}`,
    ]),
    text:
      `Rank ${k} stores ${r.storage.compressed.toLocaleString('en-US')} numbers instead of ${r.storage.original.toLocaleString('en-US')} ` +
      `(ratio ${fmt(r.storage.ratio, 3)}${r.storage.ratio < 1 ? ': more than the image itself, so no saving' : ''}). ` +
      `The measured relative error matches the Eckart–Young value, computed ${how}. ` +
      'PSNR compares the rounded 8-bit pictures; above about 30 dB differences are hard to see.',
  };
}

function spectrumStep(factors: ImageFactors): Step {
  const series = factors.channels.map((f, c) => {
    const s = Array.from(f.allSingularValues ?? f.s).filter((x) => x > 0);
    return { name: factors.channels.length === 1 ? 'σᵢ' : `σᵢ (${CHANNEL_NAMES[c]})`, x: s.map((_, i) => i + 1), y: s };
  });
  return {
    id: 'spectrum',
    title: 'The singular-value spectrum',
    tex: '\\sigma_1 \\ge \\sigma_2 \\ge \\dots \\ge 0',
    text: 'On a log scale: a fast early drop means a few layers hold most of the picture; the long flat tail is fine texture and noise.',
    plot: { type: 'line', title: 'Singular values', xLabel: 'i', yLabel: 'σᵢ', yScale: 'log', series },
  };
}

function energyStep(factors: ImageFactors, r: CompressionReport): Step {
  const energy = cumulativeEnergy(factors);
  const show = (k: number | null) => (k === null ? `> ${energy.length}` : k);
  return {
    id: 'energy',
    title: 'How many layers for 90%, 95%, 99% of the energy',
    tex: `E(k) = \\frac{\\sum_{i\\le k} \\sigma_i^2}{\\lVert A\\rVert_F^2}, \\quad E(${r.rank}) = ${pct(energy[r.rank - 1])}`,
    text:
      'The energy kept by rank k is the share of ‖A‖²_F in the first k squared singular values; 1 − E(k) is the squared relative error. ' +
      'Pixel values are all positive, so σ₁ carries the average brightness and E(1) is high for most pictures: judge visible quality by the error and PSNR.' +
      (factors.channels.length > 1 ? ' For RGB the three channels are pooled.' : ''),
    plot: {
      type: 'line',
      title: 'Cumulative energy',
      xLabel: 'k',
      yLabel: 'E(k)',
      series: [{ name: 'E(k)', x: energy.map((_, i) => i + 1), y: energy }],
    },
    table: {
      columns: ['energy kept', 'smallest k'],
      rows: [['90%', show(r.energyRanks.p90)], ['95%', show(r.energyRanks.p95)], ['99%', show(r.energyRanks.p99)]],
    },
  };
}
