/**
 * Exact matrix algebra over Q for the small matrices of worked examples
 * (n ≤ 6): products, transposes, determinants, characteristic polynomials.
 * Row reduction lives in rref.ts.
 */
import { Rational, type RationalInput } from './rational';
import { QuadNumber } from './quadratic-field';

export type RationalMatrix = Rational[][];
export type MatrixInput<T> = readonly (readonly T[])[];

export function toRationalMatrix(m: MatrixInput<RationalInput>): RationalMatrix {
  const cols = m[0]?.length ?? 0;
  if (m.some((row) => row.length !== cols)) throw new RangeError('Rows of different lengths');
  return m.map((row) => row.map((x) => Rational.from(x)));
}

export function identity(n: number): RationalMatrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)));
}

export function transpose(m: MatrixInput<RationalInput>): RationalMatrix {
  const a = toRationalMatrix(m);
  return (a[0] ?? []).map((_, j) => a.map((row) => row[j]));
}

export function matrixMultiply(x: MatrixInput<RationalInput>, y: MatrixInput<RationalInput>): RationalMatrix {
  const a = toRationalMatrix(x);
  const b = toRationalMatrix(y);
  if ((a[0]?.length ?? 0) !== b.length) throw new RangeError(`Cannot multiply ${a.length}×${a[0]?.length} by ${b.length}×${b[0]?.length}`);
  return a.map((row) => (b[0] ?? []).map((_, j) => row.reduce((s, v, k) => s.add(v.mul(b[k][j])), Rational.ZERO)));
}

function requireSquare(a: RationalMatrix): number {
  if (a.some((row) => row.length !== a.length)) throw new RangeError('The matrix must be square');
  return a.length;
}

export function determinant(m: MatrixInput<RationalInput>): Rational {
  const a = toRationalMatrix(m).map((row) => [...row]);
  const n = requireSquare(a);
  let det = Rational.ONE;
  for (let col = 0; col < n; col++) {
    const pivot = a.findIndex((row, r) => r >= col && !row[col].isZero());
    if (pivot < 0) return Rational.ZERO;
    if (pivot !== col) {
      [a[pivot], a[col]] = [a[col], a[pivot]];
      det = det.neg();
    }
    det = det.mul(a[col][col]);
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col].div(a[col][col]);
      a[r] = a[r].map((v, j) => v.sub(f.mul(a[col][j])));
    }
  }
  return det;
}

/**
 * Which determinant the coefficients describe. `lambdaI-A` (default) is the
 * monic det(λI − A); `A-lambdaI` is det(A − λI) = (−1)ⁿ det(λI − A), the
 * expansion students do by hand. They coincide for 2×2.
 */
export type CharPolyConvention = 'lambdaI-A' | 'A-lambdaI';

/**
 * Coefficients, highest power first: [[2,1],[1,2]] gives [1, −4, 3] = λ² − 4λ + 3.
 * Faddeev–LeVerrier: exact over Q and simple for n ≤ 6.
 */
export function characteristicPolynomial(m: MatrixInput<RationalInput>, convention: CharPolyConvention = 'lambdaI-A'): Rational[] {
  const a = toRationalMatrix(m);
  const n = requireSquare(a);
  const coeffs: Rational[] = [Rational.ONE]; // coeffs[k] multiplies λ^(n−k)
  let mk: RationalMatrix = a.map((row) => row.map(() => Rational.ZERO));
  for (let k = 1; k <= n; k++) {
    // M_k = A·M_{k−1} + c_{n−k+1}·I,  c_{n−k} = −tr(A·M_k)/k
    mk = matrixMultiply(a, mk).map((row, i) => row.map((v, j) => (i === j ? v.add(coeffs[k - 1]) : v)));
    const am = matrixMultiply(a, mk);
    const trace = am.reduce((s, row, i) => s.add(row[i]), Rational.ZERO);
    coeffs.push(trace.neg().div(k));
  }
  return convention === 'A-lambdaI' && n % 2 === 1 ? coeffs.map((c) => c.neg()) : coeffs;
}

/** A − λI with entries in Q(√d) when λ is a quadratic irrational. */
export function subtractScalar(m: MatrixInput<RationalInput>, lambda: RationalInput | QuadNumber): QuadNumber[][] {
  const l = lambda instanceof QuadNumber ? lambda : QuadNumber.rational(lambda);
  return toRationalMatrix(m).map((row, i) => row.map((v, j) => (i === j ? l.neg().add(v) : QuadNumber.rational(v, l.d))));
}
