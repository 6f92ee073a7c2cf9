/** Shared helpers for the linalg tests: reproducible inputs and error measures. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalSign, column, frobeniusNorm, identity, multiply, multiplyTransposeA, subtract, svd, symmetricEigen, transpose,
  type Mat, type Svd,
} from '../../../src/core/linalg';

/** mulberry32, as in scripts/gen-linalg-fixtures.py: unsigned 32-bit outputs. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** k/2^31 − 1 is exact, so both languages get bit-identical entries in [−1, 1). */
export function uniformMatrix(rows: number, cols: number, seed: number): Mat {
  const next = mulberry32(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = next() / 2 ** 31 - 1;
  return { rows, cols, data };
}

function integerMatrix(rows: number, cols: number, seed: number, maxInt: number): Mat {
  const next = mulberry32(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (next() % (2 * maxInt + 1)) - maxInt;
  return { rows, cols, data };
}

export interface Recipe {
  kind: 'uniform' | 'thin-product' | 'symmetric-uniform' | 'hadamard' | 'ones' | 'zeros' | 'data';
  seed?: number;
  scale?: number;
  columnLog2?: number[];
  rank?: number;
  data?: number[];
}

/** Mirrors `build` in the Python generator operation for operation. */
export function buildInput(rows: number, cols: number, r: Recipe): Mat {
  switch (r.kind) {
    case 'uniform': {
      const a = uniformMatrix(rows, cols, r.seed!);
      for (let i = 0; i < a.data.length; i++) {
        let v = a.data[i];
        if (r.columnLog2) v *= 2 ** r.columnLog2[i % cols];
        a.data[i] = v * (r.scale ?? 1);
      }
      return a;
    }
    case 'thin-product':
      return multiply(integerMatrix(rows, r.rank!, r.seed!, 9), integerMatrix(r.rank!, cols, r.seed! + 1, 9));
    case 'symmetric-uniform': {
      const b = uniformMatrix(rows, cols, r.seed!);
      const bt = transpose(b);
      return { rows, cols, data: b.data.map((v, i) => v + bt.data[i]) };
    }
    case 'hadamard': {
      const data = new Float64Array(rows * cols);
      // Sylvester construction: H[i][j] = (−1)^popcount(i & j).
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = popcount(i & j) % 2 ? -1 : 1;
      return { rows, cols, data };
    }
    case 'ones':
      return { rows, cols, data: new Float64Array(rows * cols).fill(1) };
    case 'zeros':
      return { rows, cols, data: new Float64Array(rows * cols) };
    case 'data':
      return { rows, cols, data: Float64Array.from(r.data!) };
  }
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/linalg', name), 'utf8')) as T;
}

/** ‖A − U·Σ·Vᵀ‖_F / ‖A‖_F (absolute when A = 0). */
export function reconstructionError(a: Mat, { U, s, V }: Svd): number {
  const us = { rows: U.rows, cols: a.cols, data: new Float64Array(U.rows * a.cols) };
  for (let i = 0; i < U.rows; i++) for (let k = 0; k < s.length; k++) us.data[i * a.cols + k] = U.data[i * U.cols + k] * s[k];
  const err = frobeniusNorm(subtract(a, multiply(us, transpose(V))));
  const norm = frobeniusNorm(a);
  return norm === 0 ? err : err / norm;
}

/** ‖QᵀQ − I‖_F. */
export function orthogonalityError(q: Mat): number {
  return frobeniusNorm(subtract(multiplyTransposeA(q, q), identity(q.cols)));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Shape, ordering, reconstruction and orthogonality: what every SVD must satisfy. */
export function assertValidSvd(a: Mat, label = ''): ReturnType<typeof svd> {
  const r = svd(a);
  const { rows: m, cols: n } = a;
  const amax = a.data.reduce((x, v) => Math.max(x, Math.abs(v)), 0);
  if (amax > 0 && amax < 2 ** -1000) return assertValidSubnormalSvd(a, r, amax, label);
  assert.equal(r.U.rows, m);
  assert.equal(r.U.cols, m);
  assert.equal(r.V.rows, n);
  assert.equal(r.V.cols, n);
  assert.equal(r.s.length, Math.min(m, n));
  for (let i = 0; i < r.s.length; i++) {
    assert.ok(r.s[i] >= 0, `${label} σ${i} = ${r.s[i]} is negative`);
    if (i > 0) assert.ok(r.s[i] <= r.s[i - 1], `${label} σ not descending at ${i}`);
  }
  const rec = reconstructionError(a, r);
  assert.ok(rec < 1e-12, `${label} ‖A − UΣVᵀ‖/‖A‖ = ${rec}`);
  const ou = orthogonalityError(r.U), ov = orthogonalityError(r.V);
  assert.ok(ou < 1e-12 && ov < 1e-12, `${label} ‖UᵀU − I‖ = ${ou}, ‖VᵀV − I‖ = ${ov}`);
  return r;
}

/**
 * Among subnormals σ can only be as fine as Number.MIN_VALUE (σ₁ = 10·2⁻¹⁰⁷⁴ has one
 * significant digit), so A ≈ UΣVᵀ cannot hold to a relative 1e-12 in any library. What can:
 * the same U and V as for A·2ᵉ (exact scaling into the normal range), valid there, and
 * each σ the scaled one's σ·2⁻ᵉ rounded to the subnormal grid (half a unit, one allowed).
 */
function assertValidSubnormalSvd(a: Mat, r: ReturnType<typeof svd>, amax: number, label: string): ReturnType<typeof svd> {
  const e = -Math.floor(Math.log2(amax));
  const up = (v: number) => v * 2 ** 600 * 2 ** (e - 600); // two exact steps: 2^e alone can overflow
  const scaled = assertValidSvd({ rows: a.rows, cols: a.cols, data: a.data.map(up) }, `${label} (scaled by 2^${e})`);
  // Where σ underflowed to 0 the direction belongs to the null space, whose sign convention differs.
  const free = (j: number) => j >= r.s.length || r.s[j] === 0;
  sameUpToFreeSigns(r.U, scaled.U, free, `${label} U`);
  sameUpToFreeSigns(r.V, scaled.V, free, `${label} V`);
  for (let i = 0; i < r.s.length; i++) {
    const expected = scaled.s[i] * 2 ** -600 * 2 ** (600 - e);
    assert.ok(Math.abs(r.s[i] - expected) <= Number.MIN_VALUE, `${label} σ${i} = ${r.s[i]}, expected ${expected}`);
  }
  return r;
}

/** Column by column bit-identical, or (where `free(j)`) bit-identical up to the column's sign. */
function sameUpToFreeSigns(x: Mat, y: Mat, free: (j: number) => boolean, label: string): void {
  for (let j = 0; j < x.cols; j++) {
    const a = column(x, j), b = column(y, j);
    const flipped = free(j) && a.some((v, i) => v !== b[i]) ? b.map((v) => -v) : b;
    assert.deepEqual(a, flipped, `${label} column ${j} differs from the scaled matrix's`);
  }
}

/** Orthonormal, A·Q = Q·Λ, descending values, canonical signs. */
export function assertValidEigen(a: Mat, label = ''): ReturnType<typeof symmetricEigen> {
  const r = symmetricEigen(a);
  const n = a.rows;
  for (let i = 1; i < n; i++) assert.ok(r.values[i] <= r.values[i - 1], `${label} not descending at ${i}`);
  assert.ok(orthogonalityError(r.vectors) < 1e-12, `${label} ‖QᵀQ − I‖ = ${orthogonalityError(r.vectors)}`);
  const qLambda = { rows: n, cols: n, data: r.vectors.data.map((v, k) => v * r.values[k % n]) };
  const norm = frobeniusNorm(a);
  const residual = frobeniusNorm(subtract(multiply(a, r.vectors), qLambda));
  assert.ok(residual <= 1e-12 * Math.max(norm, Number.MIN_VALUE), `${label} ‖AQ − QΛ‖/‖A‖ = ${residual / norm}`);
  for (let i = 0; i < n; i++) assert.deepEqual(column(r.vectors, i), canonicalSign(column(r.vectors, i)));
  return r;
}
