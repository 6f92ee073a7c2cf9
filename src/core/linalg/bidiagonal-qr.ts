/**
 * Singular values of an upper bidiagonal matrix by implicit-shift QR
 * (Golub–Kahan–Reinsch), accumulating the rotations into the left and right
 * basis vectors. Follows the structure of LINPACK dsvdc / Golub & Van Loan
 * §8.6: deflate negligible superdiagonals from the bottom, chase away
 * negligible diagonals, otherwise take one shifted sweep.
 */
import {
  flushRotations, givens, queueRotation, rot, rotateRows, rotationQueue, safeHypot, type RotationQueue,
} from './rotation';

const EPS = Number.EPSILON;
/** Sweeps allowed per singular value on average; a few are needed in practice. */
const MAX_SWEEPS_PER_VALUE = 75;
/** After this many sweeps without a deflation, use a zero shift once to break any cycle. */
const EXCEPTIONAL_SHIFT_EVERY = 12;

/**
 * Drives B = diag(d) + superdiag(e) to diagonal form in place. `uRows` (row
 * length uLen) and `vRows` (row length vLen) hold the current left and right
 * vectors as rows; row k of each belongs to d[k]. On return d may hold
 * negative entries and is unsorted: the caller fixes signs and order.
 */
export function diagonalizeBidiagonal(
  d: Float64Array, e: Float64Array,
  uRows: Float64Array, uLen: number,
  vRows: Float64Array, vLen: number,
): void {
  const n = d.length;
  let bnorm = 0;
  for (let i = 0; i < n; i++) bnorm = Math.max(bnorm, Math.abs(d[i]), i < n - 1 ? Math.abs(e[i]) : 0);
  // An entry below ε·‖B‖ is round-off relative to B as a whole; dropping it is a
  // backward error of the same size as the Householder reduction already made.
  const floor = EPS * bnorm;
  const negligibleE = (k: number) => {
    const ek = Math.abs(e[k]);
    return ek <= floor || ek <= EPS * (Math.abs(d[k]) + Math.abs(d[k + 1]));
  };

  const uQueue = rotationQueue(uRows, uLen), vQueue = rotationQueue(vRows, vLen);
  const maxSweeps = MAX_SWEEPS_PER_VALUE * n;
  let sweeps = 0, sinceDeflation = 0;
  let h = n - 1;
  while (h > 0) {
    if (negligibleE(h - 1)) {
      e[h - 1] = 0;
      h--;
      sinceDeflation = 0;
      continue;
    }
    let l = h - 1;
    while (l > 0 && !negligibleE(l - 1)) l--;
    if (l > 0) e[l - 1] = 0;

    // A (near-)zero diagonal entry makes the shifted step ineffective; chase its
    // superdiagonal out instead, which splits the block exactly.
    let zeroAt = -1;
    for (let k = h; k >= l; k--) {
      const around = (k > l ? Math.abs(e[k - 1]) : 0) + (k < h ? Math.abs(e[k]) : 0);
      if (Math.abs(d[k]) <= floor || Math.abs(d[k]) <= EPS * around) { zeroAt = k; break; }
    }
    if (zeroAt >= 0) {
      d[zeroAt] = 0;
      if (zeroAt < h) chaseRowRight(d, e, zeroAt, h, uRows, uLen);
      else chaseColumnUp(d, e, l, h, vRows, vLen);
      continue;
    }

    if (++sweeps > maxSweeps) throw new Error('SVD did not converge');
    sinceDeflation++;
    // Shift σ: the smaller singular value of the trailing 2×2 of B (as LAPACK
    // dbdsqr). The sweep starts from the first column of BᵀB − σ²I scaled by
    // 1/d[l], i.e. ((d[l]² − σ²)/d[l], e[l]), with d² − σ² factored so that
    // it does not cancel. A shift that is negligible next to d[l] is dropped.
    let sigma = sinceDeflation % EXCEPTIONAL_SHIFT_EVERY === 0 ? 0 : smallerSingularValue(d[h - 1], e[h - 1], d[h]);
    const dl = d[l];
    if ((sigma / dl) * (sigma / dl) < EPS) sigma = 0;
    const y = (Math.abs(dl) - sigma) * ((dl >= 0 ? 1 : -1) + sigma / dl);
    shiftedSweep(d, e, l, h, y, e[l], uQueue, vQueue);
  }
}

/** One implicit QR sweep on the block l..h whose first right rotation zeroes z against y; chases the bulge down. */
function shiftedSweep(
  d: Float64Array, e: Float64Array, l: number, h: number, y: number, z: number, uQueue: RotationQueue, vQueue: RotationQueue,
): void {
  for (let k = l; k < h; k++) {
    // Right rotation on columns k, k+1: zero z against y (the first column of BᵀB − μI, then the bulge).
    givens(y, z);
    let c = rot.c, s = rot.s;
    if (k > l) e[k - 1] = rot.r;
    const dk = d[k], ek = e[k], dk1 = d[k + 1];
    d[k] = c * dk + s * ek;
    e[k] = c * ek - s * dk;
    const bulge = s * dk1;
    d[k + 1] = c * dk1;
    queueRotation(vQueue, k, c, s);

    // Left rotation on rows k, k+1: zero the bulge below the diagonal.
    givens(d[k], bulge);
    c = rot.c;
    s = rot.s;
    d[k] = rot.r;
    const ek2 = e[k], dk1b = d[k + 1];
    e[k] = c * ek2 + s * dk1b;
    d[k + 1] = c * dk1b - s * ek2;
    if (k + 1 < h) {
      y = e[k];
      z = s * e[k + 1];
      e[k + 1] = c * e[k + 1];
    }
    queueRotation(uQueue, k, c, s);
  }
  flushRotations(uQueue);
  flushRotations(vQueue);
}

/** d[k] = 0 with k < h: rotate row k against rows k+1..h to push e[k] off the end; row k becomes zero. */
function chaseRowRight(d: Float64Array, e: Float64Array, k: number, h: number, uRows: Float64Array, uLen: number): void {
  let f = e[k];
  e[k] = 0;
  for (let j = k + 1; j <= h && f !== 0; j++) {
    givens(d[j], f);
    const c = rot.c, s = rot.s;
    d[j] = rot.r;
    if (j < h) {
      f = -s * e[j];
      e[j] = c * e[j];
    }
    rotateRows(uRows, uLen, j, k, c, s);
  }
}

/** d[h] = 0: rotate column h against columns h−1..l to push e[h−1] off the top; column h becomes zero. */
function chaseColumnUp(d: Float64Array, e: Float64Array, l: number, h: number, vRows: Float64Array, vLen: number): void {
  let f = e[h - 1];
  e[h - 1] = 0;
  for (let j = h - 1; j >= l && f !== 0; j--) {
    givens(d[j], f);
    const c = rot.c, s = rot.s;
    d[j] = rot.r;
    if (j > l) {
      f = -s * e[j - 1];
      e[j - 1] = c * e[j - 1];
    }
    rotateRows(vRows, vLen, j, h, c, s);
  }
}

/** Smaller singular value of the upper triangular [[f, g], [0, h]], without overflow or cancellation. */
function smallerSingularValue(f: number, g: number, h: number): number {
  const fa = Math.abs(f), ga = Math.abs(g), ha = Math.abs(h);
  const big = Math.max(fa, ga, ha);
  if (fa === 0 || ha === 0) return 0;
  const fs = fa / big, gs = ga / big, hs = ha / big;
  // σmax = (√((f+h)² + g²) + √((f−h)² + g²)) / 2 and σmin·σmax = |f·h|.
  const smax = (safeHypot(fs + hs, gs) + safeHypot(fs - hs, gs)) / 2;
  return ((fs * hs) / smax) * big;
}
