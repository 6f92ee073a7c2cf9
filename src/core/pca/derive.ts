/**
 * The PCA derivation as the course teaches it: means, centred data,
 * covariance (N−1, or N by setting), the eigen-analysis of C (exact for two
 * features), unit eigenvectors, explained variance, projections and the
 * reconstruction from k components.
 */
import type { Derivation, Step } from '../derivation';
import { NumberDisplay, type DisplayOptions } from '../display';
import { Rational, texText, type RationalLike } from '../exact';
import { analyseSymmetric } from '../svd/exactGram';
import { exactIsAffordable, superscript } from '../svd/scaling';
import { sub_ } from '../svd/vectors';
import { aligned, gathered } from '../tex';
import { fitPca, type CovarianceDenominator, type PcaFit } from './compute';
import { pcaScatter } from './scatter';

export interface Dataset {
  featureNames: string[];
  /** N×d: one row per sample. */
  samples: number[][];
  sampleNames?: string[];
  /** Exact rational cells when the input has them (enables the exact characteristic polynomial). */
  exact?: Array<Array<RationalLike | null>>;
  /** How the text was laid out, for the panel's note and its "transpose" action. */
  orientation: 'samples-as-rows' | 'features-as-rows';
}

export interface PcaOptions extends DisplayOptions {
  components: number;
  denominator: CovarianceDenominator;
}

export interface PcaJson {
  kind: 'pca';
  samples: number;
  features: number;
  featureNames: string[];
  mean: number[];
  covariance: number[][];
  eigenvalues: number[];
  components: number[][];
  projections: number[][];
  explainedVarianceRatio: number[];
  steps: Array<{ title: string; tex: string; text: string }>;
}

/** Rows of data tables shown in full up to this many samples. */
const TABLE_ROWS = 50;

export function derivePca(data: Dataset, options: PcaOptions): { derivation: Derivation; json: PcaJson } {
  const X = data.samples;
  const N = X.length;
  const d = X[0]?.length ?? 0;
  const k = Math.min(Math.max(1, options.components), d);
  const fit = fitPca(X, k, options.denominator);
  const plain = new NumberDisplay({ ...options, exactForms: false });
  const names = data.featureNames.map((n, j) => n || `x${sub_(j + 1)}`);
  const nameTex = names.map(featureTex);
  const divisor = options.denominator === 'n-1' ? 'N − 1' : 'N';
  const steps: Step[] = [];
  const warnings: string[] = [];
  for (const j of fit.constantFeatures) warnings.push(`Feature “${names[j]}” is constant (variance 0): it carries no information, and every component is orthogonal to it or equal to its axis.`);

  steps.push({
    id: 'data',
    title: 'The data',
    tex: `X \\in \\mathbb{R}^{${N}\\times ${d}}:\\quad N = ${N} \\text{ samples},\\ d = ${d} \\text{ features}`,
    text:
      `${N} samples of ${d} features (${names.join(', ')}). ` +
      (data.orientation === 'features-as-rows'
        ? 'The table lists features as rows and examples as columns, as the assignment does; we treat each column as one sample.'
        : 'Each row is one sample and each column one feature.') +
      ` We reduce from ${d} dimension${d > 1 ? 's' : ''} to ${k}.`,
    table: dataTable(data, names, X, plain),
  });

  steps.push({
    id: 'means',
    title: 'Means of the features',
    tex: aligned(
      names.slice(0, 8).map((_, j) => {
        const col = X.map((r) => r[j]);
        const sum = N <= 8 ? `(${col.map((x) => plain.scalar(x).tex).join(' + ')})` : `\\sum_{i=1}^{${N}} x_{i${j + 1}}`;
        return `\\bar{${nameTex[j]}} = \\frac{1}{${N}}${sum} = ${plain.scalar(fit.mean[j]).tex}`;
      }),
    ),
    text: `Each mean is the feature's sum divided by N = ${N}: ${names.map((n, j) => `mean of ${n} = ${plain.decimal(fit.mean[j])}`).slice(0, 8).join(', ')}${d > 8 ? ', …' : ''}.`,
  });

  steps.push({
    id: 'centred',
    title: 'Centre the data',
    tex: `X_c = X - \\mathbf{1}\\bar{x}^{\\mathsf T},\\qquad \\bar{x} = ${plain.vectorTex(fit.mean.slice(0, 8))}${d > 8 ? '\\ (\\text{first 8})' : ''}`,
    text: 'Subtract each feature’s mean from its values, so every feature has mean 0. PCA looks for directions of largest variance around the mean.',
    table: dataTable({ ...data, sampleNames: data.sampleNames }, names.map((n) => `${n} − mean`), fit.centred, plain),
  });

  steps.push(covarianceStep(fit, names, nameTex, divisor, options.denominator, plain));

  // Eigen-analysis: the characteristic polynomial when C is small and its coefficients (products of up to d
  // entries of C) stay far from overflow and underflow; exact when C is rational with affordable bit sizes.
  const cmax = Math.max(...fit.covariance.flat().map(Math.abs));
  const byHand = d <= 4 && (cmax === 0 || d * Math.abs(Math.log10(cmax)) < 280);
  if (d <= 4 && !byHand) {
    warnings.push(
      `The covariances are of order ${cmax.toExponential(0)}: the characteristic polynomial multiplies ${d} of them, which would ${cmax > 1 ? 'overflow' : 'underflow'} double precision, so the eigenvalues are computed numerically (Householder and QR) instead.`,
    );
  }
  warnings.push(...scaleWarnings(fit, names));
  if (fit.underflowScale) {
    warnings.push(
      `The data varies by so little that the variances (squares) fall below the smallest normal double (2.2e-308): the directions and the explained-variance ratios were computed on the centred data times 2^${fit.underflowScale} (exact) and are right, but the variances themselves are shown rounded, down to 0.`,
    );
  }
  const exactCells = byHand ? exactCovariance(data, options.denominator) : null;
  const exactC = exactCells && exactIsAffordable(exactCells) ? exactCells : null;
  const exactDisplay = new NumberDisplay(options);
  const analysis = byHand ? analyseSymmetric(fit.covariance, exactC, 'C', exactDisplay) : null;
  steps.push({
    id: 'charpoly',
    title: byHand ? 'Characteristic polynomial of C' : 'Eigenvalues of C (numerical)',
    tex: byHand ? aligned(analysis!.charPolyLines) : `C = Q\\Lambda Q^{\\mathsf T}`,
    text:
      byHand
        ? `The principal axes are the eigenvectors of C. Subtract λ from the diagonal and take the determinant. ${analysis!.charPolyText}`
        : `With ${d} features the characteristic polynomial has degree ${d}, so the eigenvalues are computed numerically (Householder tridiagonalisation and QR, as LAPACK's symmetric solvers do).`,
  });
  const radDisplay = new NumberDisplay(options, analysis?.radicands ?? []);
  steps.push({
    id: 'eigenvalues',
    title: 'Eigenvalues: the variance along each axis',
    tex: byHand ? aligned(analysis!.rootsLines) : gathered([fit.eigenvalues.slice(0, 6).map((l, i) => `\\lambda_{${i + 1}} = ${plain.scalar(l).tex}`).join(',\\ ') + (d > 6 ? ',\\ \\ldots' : '')]),
    text:
      `Largest first: ${fit.eigenvalues.slice(0, 6).map((l, i) => `λ${sub_(i + 1)} = ${radDisplay.withDecimal(l, fit.eigenvalues[0])}`).join(', ')}${d > 6 ? ', …' : ''}. ` +
      `Each λ is the variance of the data along its eigenvector; together they sum to the total variance tr C = ${plain.decimal(fit.eigenvalues.reduce((a, b) => a + b, 0))}.`,
    plot:
      d > 2
        ? { type: 'line', title: 'Scree plot', xLabel: 'component', yLabel: 'eigenvalue λ', dots: true, series: [{ name: 'λ', x: fit.eigenvalues.map((_, i) => i + 1), y: fit.eigenvalues }] }
        : undefined,
  });

  steps.push(eigenvectorStep(fit, names, k, plain));

  const ratios = fit.eigenvalues.map((l) => l / Math.max(1e-300, fit.eigenvalues.reduce((a, b) => a + b, 0)));
  steps.push({
    id: 'explained',
    title: 'Explained variance',
    tex: `\\frac{\\lambda_1}{\\sum_j \\lambda_j} = \\frac{${plain.scalar(fit.eigenvalues[0]).tex}}{${plain.scalar(fit.eigenvalues.reduce((a, b) => a + b, 0)).tex}} = ${(ratios[0] * 100).toFixed(2)}\\%`,
    text:
      `PC1 explains ${(ratios[0] * 100).toFixed(2)}% of the total variance` +
      (k > 1 ? `; the first ${k} together explain ${(ratios.slice(0, k).reduce((a, b) => a + b, 0) * 100).toFixed(2)}%.` : '.') +
      ` Keeping ${k} of ${d} component${d > 1 ? 's' : ''} discards ${((1 - ratios.slice(0, k).reduce((a, b) => a + b, 0)) * 100).toFixed(2)}%.`,
    plot: {
      type: 'bar',
      title: 'Explained variance ratio',
      xLabel: 'component',
      yLabel: 'share of variance',
      labels: ratios.map((_, i) => `PC${i + 1}`),
      values: ratios,
    },
  });

  steps.push(projectionStep(data, fit, names, k, plain));
  steps.push(reconstructionStep(fit, k, options.denominator, plain));

  const derivation: Derivation = {
    kind: 'pca',
    title: `PCA of ${N} samples × ${d} features → ${k}`,
    steps,
    warnings,
    interactive: pcaScatter(fit, names, data.orientation),
  };
  return {
    derivation,
    json: {
      kind: 'pca',
      samples: N,
      features: d,
      featureNames: names,
      mean: fit.mean,
      covariance: fit.covariance,
      eigenvalues: fit.eigenvalues,
      components: fit.components,
      projections: fit.projections,
      explainedVarianceRatio: fit.explainedVarianceRatio,
      steps: steps.map(({ title, tex, text }) => ({ title, tex, text })),
    },
  };
}

function covarianceStep(fit: PcaFit, names: string[], nameTex: string[], divisor: string, denominator: CovarianceDenominator, plain: NumberDisplay): Step {
  const N = fit.samples;
  const d = fit.features;
  const lines = [`C = \\frac{1}{${denominator === 'n-1' ? 'N-1' : 'N'}} X_c^{\\mathsf T} X_c`];
  if (d <= 3 && N <= 8) {
    for (let a = 0; a < d; a++)
      for (let b = a; b < d; b++) {
        const terms = fit.centred.map((r) => `(${plain.scalar(r[a]).tex})(${plain.scalar(r[b]).tex})`).join(' + ');
        const sum = fit.centred.reduce((s, r) => s + r[a] * r[b], 0);
        lines.push(`\\operatorname{cov}(${nameTex[a]}, ${nameTex[b]}) = \\frac{1}{${denominator === 'n-1' ? N - 1 : N}}\\left(${terms}\\right) = \\frac{${plain.scalar(sum).tex}}{${denominator === 'n-1' ? N - 1 : N}} = ${plain.scalar(fit.covariance[a][b]).tex}`);
      }
  }
  lines.push(`C = ${plain.matrixTex(fit.covariance.slice(0, 8).map((r) => r.slice(0, 8)))}`);
  return {
    id: 'covariance',
    title: `Covariance matrix (dividing by ${divisor})`,
    tex: aligned(lines),
    text:
      `Entry (a, b) of C is the average product of the centred features a and b. ` +
      (denominator === 'n-1'
        ? `We divide by N − 1 = ${N - 1}, the unbiased sample covariance (the course's convention; the setting mdlSteps.pca.covarianceDenominator switches to N). `
        : `We divide by N = ${N}, the population covariance (setting mdlSteps.pca.covarianceDenominator); scikit-learn and the course use N − 1. `) +
      `C is symmetric: cov(${names[0]}, ${names[Math.min(1, d - 1)]}) = cov(${names[Math.min(1, d - 1)]}, ${names[0]}).`,
  };
}

function eigenvectorStep(fit: PcaFit, names: string[], k: number, plain: NumberDisplay): Step {
  const d = fit.features;
  const lines: string[] = [];
  let text = '';
  if (d === 2) {
    const [[c11, c12]] = fit.covariance;
    fit.eigenvalues.forEach((lambda, i) => {
      const e = fit.eigenvectors[i];
      if (Math.abs(c12) > 1e-14 * Math.max(1, Math.abs(c11))) {
        const w = [-c12, c11 - lambda];
        const len = Math.hypot(w[0], w[1]);
        lines.push(
          `(C - \\lambda_{${i + 1}} I)v = 0:\\ (${plain.scalar(c11).tex} - \\lambda_{${i + 1}})v_1 + (${plain.scalar(c12).tex})v_2 = 0 \\Rightarrow v \\propto ${plain.vectorTex(w)}`,
          `\\|v\\| = ${plain.scalar(len).tex},\\quad e_{${i + 1}} = \\pm\\frac{v}{\\|v\\|} = ${plain.vectorTex(e)}`,
        );
      } else {
        lines.push(`C \\text{ is diagonal: } e_{${i + 1}} = ${plain.vectorTex(e)}`);
      }
    });
    text =
      'The first row of (C − λI)v = 0 reads (c₁₁ − λ)v₁ + c₁₂v₂ = 0, so v = (−c₁₂, c₁₁ − λ) solves it; divide by its length for a unit vector. ';
  } else {
    fit.eigenvectors.slice(0, Math.min(k + 1, 4)).forEach((e, i) => lines.push(`e_{${i + 1}} = ${plain.vectorTex(e.slice(0, 8))}${d > 8 ? '\\ (\\text{first 8 entries})' : ''}`));
    text = 'The unit eigenvectors come from the same numerical decomposition. ';
  }
  text +=
    `e₁ = ${plain.vectorText(fit.eigenvectors[0])}. Eigenvector signs are arbitrary: −e₁ is the same axis and flips every projection. ` +
    'We follow scikit-learn: each component’s largest-magnitude entry is positive. (The assignment’s e₁ = (0.5574, −0.8303) is the same axis with the opposite sign.)';
  return { id: 'eigenvectors', title: 'Unit eigenvectors: the principal axes', tex: aligned(lines), text };
}

function projectionStep(data: Dataset, fit: PcaFit, names: string[], k: number, plain: NumberDisplay): Step {
  const first = fit.centred[0];
  const e1 = fit.components[0];
  const arithmetic = e1.map((e, j) => `(${plain.scalar(e).tex})(${plain.scalar(first[j]).tex})`).join(' + ');
  const columns = ['sample', ...fit.components.map((_, t) => `PC${t + 1}`)];
  const rows = fit.projections.slice(0, TABLE_ROWS).map((z, i) => [data.sampleNames?.[i] ?? `${i + 1}`, ...z.map((x) => plain.decimal(x))]);
  return {
    id: 'projection',
    title: `Project onto the first ${k === 1 ? 'component' : `${k} components`}`,
    tex: aligned([
      `z_i = E_k^{\\mathsf T}(x_i - \\bar{x}),\\qquad E_k = [\\,e_1 \\cdots e_k\\,]`,
      `z_{1,1} = e_1^{\\mathsf T}(x_1 - \\bar{x})${fit.features <= 4 ? ` = ${arithmetic}` : ''}`,
      `\\phantom{z_{1,1}} = ${plain.scalar(fit.projections[0][0]).tex}`,
    ]),
    text:
      `Each sample's score on a component is the dot product of the centred sample with the unit axis. ` +
      `PC1 scores: ${fit.projections.slice(0, 8).map((z) => plain.decimal(z[0])).join(', ')}${fit.samples > 8 ? ', …' : ''}. ` +
      `The scores have mean 0, and their variance along eᵢ is λᵢ.` +
      (fit.samples > TABLE_ROWS ? ` The table shows the first ${TABLE_ROWS} of ${fit.samples}.` : ''),
    table: { caption: 'Projected values (scores)', columns, rows },
  };
}

function reconstructionStep(fit: PcaFit, k: number, denominator: CovarianceDenominator, plain: NumberDisplay): Step {
  const d = fit.features;
  const divisor = denominator === 'n-1' ? fit.samples - 1 : fit.samples;
  const predicted = Math.sqrt(divisor * fit.eigenvalues.slice(k).reduce((a, b) => a + b, 0));
  return {
    id: 'reconstruction',
    title: `Reconstruct from ${k} component${k > 1 ? 's' : ''}`,
    tex: aligned([
      `\\hat{x}_i = \\bar{x} + \\sum_{j=1}^{${k}} z_{ij}\\, e_j`,
      `\\|X - \\hat{X}\\|_F = ${plain.scalar(fit.reconstructionError).tex} = \\sqrt{(${denominator === 'n-1' ? 'N-1' : 'N'})\\textstyle\\sum_{j>${k}} \\lambda_j} = ${plain.scalar(predicted).tex}`,
    ]),
    text:
      `Going back to ${d} dimensions from ${k} loses exactly the variance of the dropped components: ` +
      `the reconstruction error ‖X − X̂‖_F = ${plain.decimal(fit.reconstructionError)}, which matches √((${denominator === 'n-1' ? 'N − 1' : 'N'})·Σ_{j>${k}} λⱼ) = ${plain.decimal(predicted)}.`,
    table:
      fit.samples <= TABLE_ROWS
        ? {
            caption: 'Reconstruction x̂ from the kept components',
            columns: ['sample', ...Array.from({ length: Math.min(d, 8) }, (_, j) => `x̂${sub_(j + 1)}`)],
            rows: fit.reconstruction.map((r, i) => [`${i + 1}`, ...r.slice(0, 8).map((x) => plain.decimal(x))]),
          }
        : undefined,
  };
}

function dataTable(data: Dataset, names: string[], X: number[][], plain: NumberDisplay) {
  const rows = X.slice(0, TABLE_ROWS).map((r, i) => [data.sampleNames?.[i] ?? `${i + 1}`, ...r.map((x) => plain.decimal(x))]);
  return { columns: ['sample', ...names], rows };
}

/** C over Q from the exact cells, when every cell is rational. */
/**
 * Variances many orders of magnitude apart: the eigensolver's error is about ε·λ₁, so eigenvalues
 * below that are rounding noise (numpy's and scikit-learn's too). Standardising is the usual fix.
 */
function scaleWarnings(fit: PcaFit, names: string[]): string[] {
  const live = fit.covariance.map((row, j) => ({ j, v: row[j] })).filter(({ j }) => !fit.constantFeatures.includes(j));
  if (live.length < 2) return [];
  const big = Math.max(...live.map((x) => x.v));
  const { j, v: small } = live.reduce((a, b) => (b.v < a.v ? b : a));
  if (small >= big * Number.EPSILON * fit.features) return [];
  // Spread from the centred values (a variance that underflowed would read as 0).
  const spread = Math.sqrt(fit.centred.reduce((acc, r) => acc + (r[j] / Math.max(...fit.centred.map((q) => Math.abs(q[j])))) ** 2, 0) / Math.max(1, fit.samples - 1)) * Math.max(...fit.centred.map((q) => Math.abs(q[j])));
  const digits = Math.round(2 * (Math.log10(Math.sqrt(big)) - Math.log10(spread)));
  return [
    `The feature variances differ by a factor of about 10${superscript(digits)}: “${names[j]}” varies by only about ${spread.toExponential(1)}, so its variance is below the rounding level ε·λ₁ = ${(Number.EPSILON * big).toExponential(1)} ` +
      `and its eigenvalue comes out as rounding noise (shown as about 0). Standardise the features (divide each by its standard deviation) to compare them on equal terms.`,
  ];
}

function exactCovariance(data: Dataset, denominator: CovarianceDenominator): Rational[][] | null {
  const cells = data.exact;
  if (!cells || !cells.every((r) => r.every((c) => c !== null))) return null;
  const X = cells.map((r) => r.map((c) => Rational.from(c!)));
  const N = X.length;
  const d = X[0].length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, r) => s.add(r[j]), Rational.ZERO).div(N));
  const centred = X.map((r) => r.map((x, j) => x.sub(mean[j])));
  const divisor = denominator === 'n-1' ? N - 1 : N;
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => centred.reduce((s, r) => s.add(r[a].mul(r[b])), Rational.ZERO).div(divisor)),
  );
}

/** TeX for a feature name: X_1-like names as real subscripts, anything else as escaped text. */
export function featureTex(name: string): string {
  const subscripts = '₀₁₂₃₄₅₆₇₈₉';
  const plainName = name.replace(/[₀-₉]/g, (c) => String(subscripts.indexOf(c)));
  const m = /^\$?([A-Za-z])_?\{?(\d{1,3})\}?\$?$/.exec(plainName);
  if (m) return `${m[1]}_{${m[2]}}`;
  return `\\text{${texText(name)}}`;
}
