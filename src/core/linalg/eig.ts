/**
 * Symmetric eigendecomposition: Householder tridiagonalisation, then implicit
 * Wilkinson-shifted QR on the tridiagonal with the rotations accumulated into
 * the eigenvectors (Golub & Van Loan §8.3). O(n³) like Jacobi, but with a much
 * smaller constant.
 */
import { MdlError } from '../errors';
import { tridiagonalize } from './householder';
import { maxAbs, transpose, type Mat } from './matrix';
import { flushRotations, givens, queueRotation, rot, rotationQueue, safeHypot, type RotationQueue } from './rotation';
import { needsFlip, negateRange } from './sign';

const EPS = Number.EPSILON;
const MAX_SWEEPS_PER_VALUE = 60;
const EXCEPTIONAL_SHIFT_EVERY = 12;

/**
 * Symmetric eigendecomposition A = Q·Λ·Qᵀ: values descending, vectors as unit
 * columns of `vectors`, each made canonical (`canonicalSign`: last significant
 * entry positive). Uses the symmetric part (A + Aᵀ)/2, so an input that is
 * symmetric only up to round-off is accepted.
 */
export function symmetricEigen(a: Mat): { values: Float64Array; vectors: Mat } {
  const n = a.rows;
  if (a.cols !== n) {
    throw new MdlError('invalid-argument', `An eigendecomposition needs a square matrix, not ${a.rows}×${a.cols}.`);
  }
  const amax = maxAbs(a.data);
  if (!Number.isFinite(amax)) {
    throw new MdlError('non-finite', 'The matrix contains an infinite or NaN entry, so it has no eigendecomposition.');
  }
  // Exact power-of-two scaling keeps squares in the shift far from overflow/underflow.
  const scale = amax > 0 ? 2 ** Math.floor(Math.log2(amax)) : 1;
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) W[i * n + j] = (a.data[i * n + j] / scale + a.data[j * n + i] / scale) / 2;
  }

  const { d, e, basisRows } = tridiagonalize(W, n);
  diagonalizeTridiagonal(d, e, basisRows, n);

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[j] - d[i] || i - j);
  const values = new Float64Array(n);
  const rowsOut = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    values[i] = d[order[i]] * scale;
    rowsOut.set(basisRows.subarray(order[i] * n, (order[i] + 1) * n), i * n);
    if (needsFlip(rowsOut, i * n, n)) negateRange(rowsOut, i * n, n);
  }
  return { values, vectors: transpose({ rows: n, cols: n, data: rowsOut }) };
}

/** Implicit symmetric QR on T = tridiag(e, d, e); rotations update the rows of `zRows`. */
function diagonalizeTridiagonal(d: Float64Array, e: Float64Array, zRows: Float64Array, len: number): void {
  const n = d.length;
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]), i < n - 1 ? Math.abs(e[i]) : 0);
  const floor = EPS * tnorm; // dropping less than ε‖T‖ is within the reduction's own backward error
  const negligible = (k: number) => {
    const ek = Math.abs(e[k]);
    return ek <= floor || ek <= EPS * (Math.abs(d[k]) + Math.abs(d[k + 1]));
  };

  const queue = rotationQueue(zRows, len);
  const maxSweeps = MAX_SWEEPS_PER_VALUE * n;
  let sweeps = 0, sinceDeflation = 0;
  let h = n - 1;
  while (h > 0) {
    if (negligible(h - 1)) {
      e[h - 1] = 0;
      h--;
      sinceDeflation = 0;
      continue;
    }
    let l = h - 1;
    while (l > 0 && !negligible(l - 1)) l--;
    if (l > 0) e[l - 1] = 0;
    if (++sweeps > maxSweeps) throw new Error('Eigendecomposition did not converge');
    sinceDeflation++;

    // Wilkinson shift: eigenvalue of the trailing 2×2 closer to d[h]. An
    // occasional shift of d[h] itself breaks the (rare) cycles of the pure rule.
    const a = d[h - 1], b = e[h - 1], c = d[h];
    const delta = (a - c) / 2;
    const denom = delta + (delta >= 0 ? 1 : -1) * safeHypot(delta, b);
    const shift = sinceDeflation % EXCEPTIONAL_SHIFT_EVERY === 0 || denom === 0 ? c : c - (b / denom) * b;

    shiftedSweep(d, e, l, h, shift, queue);
  }
}

/**
 * One implicit QR sweep over the block l..h. Written like EISPACK tql2 (in
 * the top-down direction): the diagonal is updated through g = d[k] − p,
 * a quantity relative to the shift, instead of c²·a + 2cs·b + s²·c, which
 * loses several ulps per rotation once the block is nearly converged.
 */
function shiftedSweep(
  d: Float64Array, e: Float64Array, l: number, h: number, shift: number, queue: RotationQueue,
): void {
  let g = d[l] - shift; // first column of T − μI, then the shifted off-diagonal carried down
  let s = 1, c = 1, p = 0;
  for (let k = l; k < h; k++) {
    const f = s * e[k], b = c * e[k];
    givens(g, f);
    const r = rot.r;
    if (k > l) e[k - 1] = r;
    if (r === 0) {
      // f and g both underflowed: the block has split at k; undo the pending shift and stop.
      d[k] -= p;
      flushRotations(queue);
      return;
    }
    s = rot.s;
    c = rot.c;
    g = d[k] - p;
    const t = (d[k + 1] - g) * s + 2 * c * b;
    p = s * t;
    d[k] = g + p;
    g = c * t - b;
    queueRotation(queue, k, c, s);
  }
  flushRotations(queue);
  d[h] -= p;
  e[h - 1] = g;
}
