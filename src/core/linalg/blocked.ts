/**
 * The two products the randomized SVD spends nearly all its time in, for a big
 * m×n matrix A (row-major) and a thin "panel" of l vectors stored as l ROWS
 * (the transpose of the usual tall m×l or n×l layout). With vectors as rows,
 * both products run along contiguous memory only.
 *
 * V8 does not auto-vectorise typed-array loops, so speed comes from register
 * blocking: a 4×4 tile of outputs per pass loads 8 numbers for 16
 * multiply-adds instead of 2 for 1, and the tiles are swept over column
 * blocks small enough that the rows being reused stay in L1/L2.
 *
 * Both take a range of the output (rows of A, or columns of A) so that threads
 * can share a product out: an output entry's arithmetic does not depend on the
 * range, so any split gives bit-for-bit the single-threaded result.
 */

/** Column block: 4 rows of A plus 4 panel rows of this width are 32 KB. */
const K_BLOCK = 512;

/**
 * out (l×m) = (A·P)ᵀ, i.e. out[j][i] = A row i · panel row j, for A m×n and
 * panel l×n. Dot-product form: each output is a dot of two contiguous rows.
 * Only rows [rowStart, rowEnd) of A (columns of out) are computed, each entry
 * exactly as in the full product, so ranges can be shared out over threads.
 */
export function productWithPanelT(
  A: Float64Array, m: number, n: number, panel: Float64Array, l: number, out: Float64Array,
  rowStart = 0, rowEnd = m,
): void {
  for (let j = 0; j < l; j++) out.fill(0, j * m + rowStart, j * m + rowEnd);
  for (let k0 = 0; k0 < n; k0 += K_BLOCK) {
    const k1 = Math.min(k0 + K_BLOCK, n);
    let i = rowStart;
    for (; i + 4 <= rowEnd; i += 4) {
      const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
      let j = 0;
      for (; j + 4 <= l; j += 4) {
        const p0 = j * n, p1 = p0 + n, p2 = p1 + n, p3 = p2 + n;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let k = k0; k < k1; k++) {
          const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
          const y0 = panel[p0 + k], y1 = panel[p1 + k], y2 = panel[p2 + k], y3 = panel[p3 + k];
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
          s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        }
        const o0 = j * m + i, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
        out[o0] += s00; out[o0 + 1] += s10; out[o0 + 2] += s20; out[o0 + 3] += s30;
        out[o1] += s01; out[o1 + 1] += s11; out[o1 + 2] += s21; out[o1 + 3] += s31;
        out[o2] += s02; out[o2 + 1] += s12; out[o2 + 2] += s22; out[o2 + 3] += s32;
        out[o3] += s03; out[o3 + 1] += s13; out[o3 + 2] += s23; out[o3 + 3] += s33;
      }
      for (; j < l; j++) for (let r = 0; r < 4; r++) out[j * m + i + r] += dot(A, (i + r) * n, panel, j * n, k0, k1);
    }
    for (; i < rowEnd; i++) for (let j = 0; j < l; j++) out[j * m + i] += dot(A, i * n, panel, j * n, k0, k1);
  }
}

/**
 * out (l×n) = Pᵀ·A, i.e. out row j = Σᵢ panel[j][i]·(A row i), for panel l×m
 * and A m×n. Axpy form: rows of A are streamed into rows of out, four of each
 * at a time, over column blocks so the four output rows stay in L1. Only
 * columns [colStart, colEnd) of out are computed.
 */
export function panelTimes(
  panel: Float64Array, l: number, A: Float64Array, m: number, n: number, out: Float64Array,
  colStart = 0, colEnd = n,
): void {
  for (let j = 0; j < l; j++) out.fill(0, j * n + colStart, j * n + colEnd);
  for (let c0 = colStart; c0 < colEnd; c0 += K_BLOCK) {
    const c1 = Math.min(c0 + K_BLOCK, colEnd);
    let j = 0;
    for (; j + 4 <= l; j += 4) {
      const o0 = j * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
      const q0 = j * m, q1 = q0 + m, q2 = q1 + m, q3 = q2 + m;
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        const w00 = panel[q0 + i], w01 = panel[q0 + i + 1], w02 = panel[q0 + i + 2], w03 = panel[q0 + i + 3];
        const w10 = panel[q1 + i], w11 = panel[q1 + i + 1], w12 = panel[q1 + i + 2], w13 = panel[q1 + i + 3];
        const w20 = panel[q2 + i], w21 = panel[q2 + i + 1], w22 = panel[q2 + i + 2], w23 = panel[q2 + i + 3];
        const w30 = panel[q3 + i], w31 = panel[q3 + i + 1], w32 = panel[q3 + i + 2], w33 = panel[q3 + i + 3];
        for (let c = c0; c < c1; c++) {
          const x0 = A[a0 + c], x1 = A[a1 + c], x2 = A[a2 + c], x3 = A[a3 + c];
          out[o0 + c] += w00 * x0 + w01 * x1 + w02 * x2 + w03 * x3;
          out[o1 + c] += w10 * x0 + w11 * x1 + w12 * x2 + w13 * x3;
          out[o2 + c] += w20 * x0 + w21 * x1 + w22 * x2 + w23 * x3;
          out[o3 + c] += w30 * x0 + w31 * x1 + w32 * x2 + w33 * x3;
        }
      }
      for (; i < m; i++) {
        const a = i * n;
        for (let r = 0; r < 4; r++) {
          const w = panel[(j + r) * m + i], o = (j + r) * n;
          if (w !== 0) for (let c = c0; c < c1; c++) out[o + c] += w * A[a + c];
        }
      }
    }
    for (; j < l; j++) {
      const o = j * n;
      for (let i = 0; i < m; i++) {
        const w = panel[j * m + i], a = i * n;
        if (w !== 0) for (let c = c0; c < c1; c++) out[o + c] += w * A[a + c];
      }
    }
  }
}

function dot(x: Float64Array, xs: number, y: Float64Array, ys: number, k0: number, k1: number): number {
  let s = 0;
  for (let k = k0; k < k1; k++) s += x[xs + k] * y[ys + k];
  return s;
}
