/**
 * The data behind the PCA scatter plot. For two features: the points in
 * their own plane, the mean, the principal axes drawn from the mean scaled by
 * √λ, and each point's projection onto e₁ (draggable in the panel). For more
 * features: the scores on PC1 against PC2.
 */
import type { PcaScatter } from '../derivation';
import type { PcaFit } from './compute';

const SUB = '₀₁₂₃₄₅₆₇₈₉';

export function pcaScatter(fit: PcaFit, names: string[], orientation: 'samples-as-rows' | 'features-as-rows'): PcaScatter {
  const scores = fit.projections.map((z) => z[0]);
  if (fit.features === 2) {
    const [mx, my] = fit.mean;
    const e1 = fit.eigenvectors[0];
    return {
      type: 'pca-scatter',
      space: 'data',
      xLabel: names[0],
      yLabel: names[1],
      points: fit.samples <= 5000 ? fit.centred.map((_, i) => [fit.centred[i][0] + mx, fit.centred[i][1] + my]) : [],
      mean: [mx, my],
      axes: fit.eigenvectors.map((e, i) => {
        const r = Math.sqrt(fit.eigenvalues[i]);
        return { from: [mx, my], to: [mx + r * e[0], my + r * e[1]], label: `e${SUB[i + 1]}√λ${SUB[i + 1]}` };
      }),
      feet: fit.centred.slice(0, 5000).map((c) => {
        const z = c[0] * e1[0] + c[1] * e1[1];
        return [mx + z * e1[0], my + z * e1[1]];
      }),
      scores,
      editable: fit.samples <= 500,
      orientation,
    };
  }
  // Scores on the first two axes whatever k is, so the picture is the same for any number kept.
  const [e1, e2] = fit.eigenvectors;
  const dot = (e: number[] | undefined, c: number[]) => (e ? e.reduce((s, x, j) => s + x * c[j], 0) : 0);
  return {
    type: 'pca-scatter',
    space: 'scores',
    xLabel: 'PC1',
    yLabel: fit.features > 1 ? 'PC2' : '',
    points: fit.centred.slice(0, 5000).map((c) => [dot(e1, c), dot(e2, c)]),
    scores,
    editable: false,
    orientation,
  };
}
