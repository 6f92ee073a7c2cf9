/** Dense linear algebra on row-major Float64Arrays. See each module for the method. */
export {
  type Mat, zeros, identity, fromRows, toRows, clone, transpose, multiply, multiplyTransposeA, subtract,
  frobeniusNorm, column, maxAbs,
} from './matrix';
export { type Svd, svd, numericalRank, MAX_FULL_SVD_ENTRIES } from './svd';
export { symmetricEigen } from './eig';
export { canonicalSign } from './sign';
export { type PanelProducts, type PanelProductsFactory, type TruncatedSvd, type TruncatedSvdOptions, truncatedSvd } from './randomized';
