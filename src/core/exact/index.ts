/**
 * Exact arithmetic and closed-form display for the SVD/PCA derivations:
 * rationals, Q(√d), nested radicals, characteristic polynomials and their
 * exact roots, exact row reduction, float recognition and TeX formatting.
 * Pure TypeScript (no vscode, no Node APIs) so the webview can use it too.
 */
export { Rational, add, sub, mul, div, neg, compare, isZero, toNumber, rationalToTex, rationalToText } from './rational';
export type { RationalLike, RationalInput } from './rational';
export { QuadNumber } from './quadratic-field';
export type { SurdStyle } from './notation';
export { exactFrom, toQuad, value, exactNeg, exactEquals, sqrtRational, sqrtExact, toTex, toText } from './exact-value';
export type { ExactValue } from './exact-value';
export { polynomialToTex, polynomialToText, evaluate as evaluatePolynomial, squarefreeFactors } from './polynomial';
export type { Poly } from './polynomial';
export { solvePolynomialExact, MAX_DEGREE } from './roots';
export type { PolynomialRoot, PolynomialSolution } from './roots';
export {
  toRationalMatrix,
  identity,
  transpose,
  matrixMultiply,
  determinant,
  characteristicPolynomial,
  subtractScalar,
} from './matrix';
export type { RationalMatrix, CharPolyConvention, MatrixInput } from './matrix';
export { rrefExact, normalizeVectorExact } from './rref';
export type { RowOperation, RrefResult } from './rref';
export { recognize, doubleToRational } from './recognize';
export type { RecognizeOptions } from './recognize';
export { formatNumber, matrixToTex, vectorToTex, texText } from './format';
export type { FormatNumberOptions } from './format';
