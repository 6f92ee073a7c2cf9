/**
 * The randomized truncated SVD on degenerate inputs: the zero matrix, exact
 * low rank (the range finder's Gaussian samples then span fewer directions
 * than it asks for, so QR meets zero vectors), and entries near 1e±300.
 * No NaN may come from normalising a zero vector, the columns must stay
 * orthonormal, and σ must match the exact SVD.
 */
import assert from 'node:assert/strict';
import { svd, type Mat } from '../../../src/core/linalg';
import { randomizedSvd, truncatedSvd } from '../../../src/core/linalg/randomized';

const EPS = Number.EPSILON;

function matrix(m: number, n: number, f: (i: number, j: number) => number): Mat {
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[i * n + j] = f(i, j);
  return { rows: m, cols: n, data };
}

/** max |QᵀQ − I| over the k columns of Q. */
function orthonormality(Q: Mat): number {
  let worst = 0;
  for (let a = 0; a < Q.cols; a++)
    for (let b = 0; b < Q.cols; b++) {
      let d = 0;
      for (let i = 0; i < Q.rows; i++) d += Q.data[i * Q.cols + a] * Q.data[i * Q.cols + b];
      worst = Math.max(worst, Math.abs(d - (a === b ? 1 : 0)));
    }
  return worst;
}

const cases: Array<[string, Mat, number]> = [
  ['zero 300×280', matrix(300, 280, () => 0), 0],
  ['rank 1 outer product 300×280', matrix(300, 280, (i, j) => (i + 1) * ((j % 7) + 1)), 1],
  ['rank 3 300×280', matrix(300, 280, (i, j) => Math.sin(i) * Math.cos(j) + (i % 3) * (j % 5) + 2), 3],
  ['duplicate rows (rank 2) 280×300', matrix(280, 300, (i, j) => (i % 2 ? Math.cos(j) : Math.sin(j + 1))), 2],
  ['rank 1 of subnormals 300×280', matrix(300, 280, (i) => 1e-310 * (i % 2)), 1],
  ['entries ~1e300 300×280', matrix(300, 280, (i, j) => 1e300 * Math.sin(i * 0.7 + j * 1.3)), 2],
];

describe('randomized truncated SVD on zero, rank-deficient and extreme matrices', () => {
  for (const [name, A, rank] of cases) {
    for (const [label, run] of [
      ['randomized, k = 5', () => randomizedSvd(A, 5)],
      ['randomized, k = 20, no oversampling or power iterations', () => randomizedSvd(A, 20, { oversampling: 0, powerIterations: 0 })],
      ['truncatedSvd, k = 5', () => truncatedSvd(A, 5)],
    ] as const) {
      it(`${name}: ${label}`, () => {
        const r = run();
        const k = r.s.length;
        for (const x of [...r.s, ...r.U.data, ...r.V.data]) assert.ok(Number.isFinite(x), `non-finite ${x}`);
        const exact = svd(A).s;
        const tol = 64 * EPS * Math.max(A.rows, A.cols) * exact[0];
        for (let i = 0; i < k; i++) assert.ok(Math.abs(r.s[i] - exact[i]) <= Math.max(tol, 1e-12 * exact[0]), `σ${i + 1} = ${r.s[i]} vs ${exact[i]}`);
        // Beyond the rank every σ is rounding noise.
        for (let i = rank; i < k; i++) assert.ok(r.s[i] <= Math.max(tol, 1e-9 * exact[0]), `σ${i + 1} = ${r.s[i]} should be ~0`);
        // Columns with σ > 0 must be orthonormal; so must the zero-σ columns (any orthonormal completion).
        assert.ok(orthonormality(r.U) <= 1e-10, `‖UᵀU − I‖ = ${orthonormality(r.U)}`);
        assert.ok(orthonormality(r.V) <= 1e-10, `‖VᵀV − I‖ = ${orthonormality(r.V)}`);
        assert.ok(r.residualNormEstimate !== undefined && Number.isFinite(r.residualNormEstimate));
      });
    }
  }
});
