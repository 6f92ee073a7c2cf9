/** Public surface of the activation work: the table, recognition, rendering, checks and the Question 9 derivative. */
export type { ActivationExplorer, ActivationParams, ActivationProperties, ActivationSpec, ActivationTopicKind, CanonicalName, MdlDerivation, ParamSpec } from './types';
export { ACTIVATIONS, CANONICAL_NAMES, canonicalName, getActivation, resolveParams } from './table';
export { logSoftmax, logSoftmaxJacobian, logSumExp, softmax, softmaxJacobian } from './vector';
export { findActivationAt, type ActivationMatch } from './recognize';
export { plotSvg, renderActivationHover, samplePlot, svgDataUri, texToSvg, type HoverContent, type PlotColors } from './render';
export { checkActivation, richardsonDerivative, type FiniteDifferenceReport } from './check';
export { deriveExpression, type DerivativeResult, type RuleStep } from './derivative';
export { flopTable, measureNsPerElement, type NsPerElement } from './flops';
export { deriveActivation, deriveDerivative } from './derivations';
