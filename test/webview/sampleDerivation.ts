/**
 * Hand-written stand-ins for what the host sends, for the preview harness.
 * The SVD of A = [[1,1],[1,0],[0,1]] is worked by hand: AᵀA = [[2,1],[1,2]],
 * σ = √3, 1; v = (1,±1)/√2; u₁ = (2,1,1)/√6, u₂ = (0,1,−1)/√2, u₃ = (1,−1,−1)/√3.
 */
import type { Derivation, SvdTruncation } from '../../src/core/derivation';

const s3 = Math.sqrt(3);

const truncation: SvdTruncation = {
  type: 'svd-truncation',
  rows: 3,
  cols: 2,
  rank: 2,
  matrix: [
    [1, 1],
    [1, 0],
    [0, 1],
  ],
  singularValues: [s3, 1],
  levels: [
    { k: 1, storage: 6, original: 6, ratio: 1, eckartYoung: 1, direct: 1.0000000000000002 },
    { k: 2, storage: 12, original: 6, ratio: 2, eckartYoung: 0, direct: 3.1e-16 },
  ],
};

/** What the host would answer to `requestTruncation` for the small example. */
export const smallTruncations: Record<number, number[][]> = {
  1: [
    [1, 1],
    [0.5, 0.5],
    [0.5, 0.5],
  ],
  2: [
    [1.0000000000000002, 0.9999999999999998],
    [1, -2.2e-16],
    [1.1e-16, 1],
  ],
};

export const svdDerivation: Derivation = {
  kind: 'svd',
  title: 'SVD of a 3×2 matrix',
  warnings: ['Singular vectors are unique only up to sign; a different but equally valid choice flips columns of U and V together.'],
  interactive: truncation,
  steps: [
    {
      id: 'input',
      title: 'The matrix',
      tex: 'A = \\begin{bmatrix}1 & 1\\\\ 1 & 0\\\\ 0 & 1\\end{bmatrix} \\in \\mathbb{R}^{3\\times 2}',
      text: 'We look for orthogonal U (3×3) and V (2×2) and a diagonal Σ with A = UΣVᵀ. The singular values σᵢ on Σ’s diagonal measure how strongly A stretches each direction.',
    },
    {
      id: 'ata',
      title: 'Form AᵀA',
      tex: 'A^\\mathsf{T}A = \\begin{bmatrix}1 & 1 & 0\\\\ 1 & 0 & 1\\end{bmatrix}\\begin{bmatrix}1 & 1\\\\ 1 & 0\\\\ 0 & 1\\end{bmatrix} = \\begin{bmatrix}2&1\\\\1&2\\end{bmatrix}',
      text: 'AᵀA is symmetric and positive semi-definite, so its eigenvalues are real and non-negative. They are the squares of the singular values of A.',
      highlights: [
        { matrix: 'A^\\mathsf{T}A', cells: [[0, 0], [1, 1]], note: 'squared lengths of the columns of A' },
        { matrix: 'A^\\mathsf{T}A', cells: [[0, 1], [1, 0]], note: 'dot product of the two columns' },
      ],
    },
    {
      id: 'charpoly',
      title: 'Characteristic polynomial',
      tex: '\\det(A^\\mathsf{T}A - \\lambda I) = (2-\\lambda)^2 - 1 = \\lambda^2 - 4\\lambda + 3 = (\\lambda - 3)(\\lambda - 1)',
      text: 'Setting the determinant to zero gives the eigenvalues λ₁ = 3 and λ₂ = 1, largest first.',
    },
    {
      id: 'sigma',
      title: 'Singular values',
      tex: '\\sigma_1 = \\sqrt{3} \\approx 1.7321, \\qquad \\sigma_2 = \\sqrt{1} = 1, \\qquad \\Sigma = \\begin{bmatrix}\\sqrt{3} & 0\\\\ 0 & 1\\\\ 0 & 0\\end{bmatrix}',
      text: 'σᵢ = √λᵢ. Σ has the shape of A (3×2); the extra row is zero.',
      plot: { type: 'bar', title: 'Singular values of A', xLabel: 'index i', yLabel: 'σᵢ', labels: ['σ₁', 'σ₂'], values: [s3, 1] },
    },
    {
      id: 'v',
      title: 'Right singular vectors',
      tex: '(A^\\mathsf{T}A - 3I)\\,\\mathbf{v}_1 = \\mathbf{0} \\;\\Rightarrow\\; \\mathbf{v}_1 = \\tfrac{1}{\\sqrt{2}}\\begin{bmatrix}1\\\\1\\end{bmatrix}, \\qquad \\mathbf{v}_2 = \\tfrac{1}{\\sqrt{2}}\\begin{bmatrix}1\\\\-1\\end{bmatrix}',
      text: 'Each vᵢ is a unit eigenvector of AᵀA. Together they form the columns of V.',
      table: {
        caption: 'Eigenpairs of AᵀA',
        columns: ['i', 'λᵢ', 'σᵢ', 'vᵢ'],
        rows: [
          [1, 3, s3, '(0.7071, 0.7071)'],
          [2, 1, 1, '(0.7071, −0.7071)'],
        ],
      },
    },
    {
      id: 'u',
      title: 'Left singular vectors',
      tex: '\\mathbf{u}_i = \\frac{1}{\\sigma_i} A\\mathbf{v}_i: \\qquad \\mathbf{u}_1 = \\tfrac{1}{\\sqrt{6}}\\begin{bmatrix}2\\\\1\\\\1\\end{bmatrix}, \\qquad \\mathbf{u}_2 = \\tfrac{1}{\\sqrt{2}}\\begin{bmatrix}0\\\\1\\\\-1\\end{bmatrix}',
      text: 'Dividing Avᵢ by σᵢ gives unit vectors, and they are orthogonal because the vᵢ are eigenvectors of AᵀA.',
    },
    {
      id: 'u3',
      title: 'Complete U',
      tex: '\\boldsymbol{u}_3 \\perp \\boldsymbol{u}_1, \\boldsymbol{u}_2: \\qquad \\boldsymbol{u}_3 = \\tfrac{1}{\\sqrt{3}}\\begin{bmatrix}1\\\\-1\\\\-1\\end{bmatrix}',
      text: 'A has only two singular values, so the third column of U is any unit vector orthogonal to the first two. It meets a zero row of Σ and does not change UΣVᵀ.',
    },
    {
      id: 'assemble',
      title: 'Assemble A = UΣVᵀ',
      tex: 'A = \\underbrace{\\begin{bmatrix}\\tfrac{2}{\\sqrt6} & 0 & \\tfrac{1}{\\sqrt3}\\\\ \\tfrac{1}{\\sqrt6} & \\tfrac{1}{\\sqrt2} & -\\tfrac{1}{\\sqrt3}\\\\ \\tfrac{1}{\\sqrt6} & -\\tfrac{1}{\\sqrt2} & -\\tfrac{1}{\\sqrt3}\\end{bmatrix}}_{U} \\underbrace{\\begin{bmatrix}\\color{#e51400}{\\sqrt3} & 0\\\\ 0 & 1\\\\ 0 & 0\\end{bmatrix}}_{\\Sigma} \\underbrace{\\begin{bmatrix}\\tfrac{1}{\\sqrt2} & \\tfrac{1}{\\sqrt2}\\\\ \\tfrac{1}{\\sqrt2} & -\\tfrac{1}{\\sqrt2}\\end{bmatrix}}_{V^\\mathsf{T}}',
      text: 'Multiplying back reproduces A exactly.',
      highlights: [{ matrix: '\\Sigma', cells: [[0, 0]], note: 'the largest singular value' }],
    },
    {
      id: 'check',
      title: 'Check orthogonality',
      tex: 'U^\\mathsf{T}U = I_3, \\qquad V^\\mathsf{T}V = I_2, \\qquad \\|A - U\\Sigma V^\\mathsf{T}\\|_F \\approx 3.1 \\times 10^{-16}',
      text: 'In floating point the checks hold to rounding error, about the size of machine epsilon.',
      table: {
        caption: 'Residuals in floating point',
        columns: ['check', 'value'],
        rows: [
          ['‖UᵀU − I‖_F', 2.9e-16],
          ['‖VᵀV − I‖_F', 1.1e-16],
          ['‖A − UΣVᵀ‖_F', 3.1e-16],
        ],
      },
    },
    {
      id: 'error',
      title: 'Error of the rank-k approximations',
      tex: '\\|A - A_k\\|_F = \\sqrt{\\sigma_{k+1}^2 + \\dots + \\sigma_r^2}: \\qquad \\|A - A_0\\|_F = 2, \\quad \\|A - A_1\\|_F = 1, \\quad \\|A - A_2\\|_F = 0',
      text: 'The Eckart–Young theorem predicts the error from the singular values alone; computing A − A_k directly agrees, down to rounding error at k = 2 (plotted on a log scale).',
      plot: {
        type: 'line',
        title: 'Frobenius error of Aₖ',
        xLabel: 'k',
        yLabel: '‖A − Aₖ‖',
        yScale: 'log',
        dots: true,
        series: [
          { name: 'Eckart–Young (from σ)', x: [0, 1, 2], y: [2, 1, 0] },
          { name: 'direct (from A − Aₖ)', x: [0, 1, 2], y: [2, 1.0000000000000002, 3.1e-16] },
        ],
      },
    },
    {
      id: 'rank1',
      title: 'Best rank-1 approximation',
      tex: 'A_1 = \\sigma_1 \\mathbf{u}_1 \\mathbf{v}_1^\\mathsf{T} = \\sqrt3 \\cdot \\tfrac{1}{\\sqrt6}\\begin{bmatrix}2\\\\1\\\\1\\end{bmatrix} \\tfrac{1}{\\sqrt2}\\begin{bmatrix}1 & 1\\end{bmatrix} = \\begin{bmatrix}1 & 1\\\\ \\tfrac12 & \\tfrac12\\\\ \\tfrac12 & \\tfrac12\\end{bmatrix}',
      text: 'Keeping only σ₁ gives the closest rank-1 matrix to A. Try other ranks with the slider below.',
      highlights: [{ matrix: 'A_1', cells: [[1, 0], [1, 1], [2, 0], [2, 1]], note: 'rows 2 and 3 of A, averaged' }],
    },
  ],
};

// ---------------------------------------------------------------------------
// A larger, exactly known example for the heatmap-only path: A = Σ σᵢ uᵢ vᵢᵀ
// with DCT basis vectors (orthonormal), so A_k and its errors are exact.

function dct(n: number, i: number): number[] {
  return Array.from({ length: n }, (_, j) => (i === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n) * Math.cos((Math.PI * (j + 0.5) * i) / n)));
}

function lowRank(rows: number, cols: number, sigma: number[], k: number): number[][] {
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < k; i++) {
    const u = dct(rows, i);
    const v = dct(cols, i);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r][c] += sigma[i] * u[r] * v[c];
  }
  return out;
}

export function bigExample(rows: number, cols: number) {
  const n = Math.min(rows, cols);
  const sigma = Array.from({ length: n }, (_, i) => 10 * Math.exp(-i / 3));
  const tail = (k: number) => Math.sqrt(sigma.slice(k).reduce((s, x) => s + x * x, 0));
  const spec: SvdTruncation = {
    type: 'svd-truncation',
    rows,
    cols,
    rank: n,
    matrix: lowRank(rows, cols, sigma, n),
    singularValues: sigma,
    levels: sigma.map((_, i) => {
      const k = i + 1;
      const storage = k * (rows + cols + 1);
      return { k, storage, original: rows * cols, ratio: storage / (rows * cols), eckartYoung: tail(k), direct: tail(k) };
    }),
  };
  const derivation: Derivation = {
    kind: 'svd',
    title: `SVD of a ${rows}×${cols} matrix`,
    warnings: [],
    interactive: spec,
    steps: [
      {
        id: 'input',
        title: 'The matrix',
        // Printed in full, as a host may do below its display limit: a stress test for typesetting.
        tex: `A = \\begin{bmatrix}${spec.matrix!.map((r) => r.map((v) => v.toFixed(2)).join(' & ')).join('\\\\')}\\end{bmatrix} \\in \\mathbb{R}^{${rows}\\times ${cols}}`,
        text: 'A smooth matrix with quickly decaying singular values.',
      },
      { id: 'sigma', title: 'Singular values', tex: `\\sigma_1 = ${sigma[0].toFixed(4)}, \\; \\dots, \\; \\sigma_{${n}} = ${sigma[n - 1].toFixed(4)}`, text: 'They decay exponentially, so a few terms capture most of A.' },
    ],
  };
  return { derivation, truncate: (k: number) => lowRank(rows, cols, sigma, k) };
}

/** Text that must stay inert: markup in titles and text, and TeX that asks for links, styles and packages. */
export const hostileDerivation: Derivation = {
  kind: 'svd',
  title: '<img src=x onerror="document.body.dataset.pwned=1"> hostile',
  warnings: ['<b>not bold</b>'],
  steps: [
    {
      id: 'h1',
      title: '<script>document.body.dataset.pwned=1</script>',
      tex: '\\href{https://example.com}{x} + \\class{evil}{y} + \\style{color:red}{z} + \\unicode{x41} + \\require{html} + \\mmlToken{mi}[href="https://example.com", style="color:red", class="x", id="y"]{w} + \\cssId{a}{b}',
      text: '<img src=x onerror="document.body.dataset.pwned=1">',
      highlights: [{ matrix: '<b>M</b>', cells: [[0, 0]], note: '<i>note</i>' }],
      table: { columns: ['<b>c</b>'], rows: [['<img src=x onerror="document.body.dataset.pwned=1">']] },
    },
    { id: 'h2', title: 'Nested braces', tex: '{'.repeat(3000) + 'x' + '}'.repeat(3000), text: 'Deep nesting must not freeze the panel.' },
    { id: 'h3', title: 'Broken TeX', tex: '\\frac{1}{', text: 'A parse error is shown inline.' },
    {
      id: 'h5',
      title: 'Unicode text and odd colours',
      tex: '\\text{Matrix für 日本語 ✓} \\quad \\color{url(https://example.com/x)}{x} + \\color{red}{y} + \\colorbox{url(#evil)}{z}',
      text: 'Characters outside the maths fonts are measured by the browser; colours are only ever SVG paint.',
    },
    // Malformed plot data that passes the protocol guard (only the tag is checked there).
    { id: 'h4', title: 'Malformed plot', tex: 'x', text: 'The plot data is wrong.', plot: { type: 'line', title: 't', xLabel: 'x', yLabel: 'y', series: 'nope' } as never },
  ],
};
