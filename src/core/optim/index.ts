/**
 * Optimisation topics: objectives (built-in and sandboxed custom
 * expressions), torch.optim-style optimisers, the run loop, gradient descent
 * on linear regression (Q4), batch vs SGD vs mini-batch (Q3), and the
 * `optimize`, `gd` and `gd-compare` derivations. Pure TypeScript: no vscode,
 * no Node APIs, safe in a worker or a browser.
 */
export * from './types';
export { parseExpression, customObjective, compileExpression, symbolTex, type ParsedExpression, type CustomObjectiveOptions } from './expression';
export { FUNCTION_ARITY, MAX_EXPRESSION_LENGTH } from './sandbox';
export { getObjective, isBuiltin, quadratic, rosenbrock, beale, himmelblau, saddle, lipschitzBound, spectralNorm, classifyStationary, symmetricEigenvalues, BUILTIN_OBJECTIVES, type BuiltinName, type ObjectiveOptions, type LipschitzEstimate, type StationaryPoint } from './objective';
export { createOptimizer, resolveSettings, isOptimizerName, OPTIMIZERS, DEFAULTS, type Optimizer, type OptimizerSettings, type Hyperparameters } from './optimizers';
export { run, type RunSettings, type RunResult, type Divergence } from './run';
export type { HistorySeries } from './history';
export { linearRegression, logisticRegression, eigen2x2, type Dataset, type LinearRegression, type ClassificationData } from './linreg';
export { gradientDescent, type GdOptions, type GdOutcome, type DescentCheck } from './gd';
export { GD_PSEUDOCODE, gdPython, gdTypeScript, type LoopParameters } from './code';
export { compareGradientMethods, generateLinearData, type CompareOptions, type CompareOutcome, type MethodRun, type NoiseSummary, type GenerateOptions } from './compare';
export { saddleDemo, type SaddleOptions, type SaddleOutcome, type SaddleRun } from './saddle';
export { mulberry32, normalSampler, shuffleInPlace } from './rng';
export { deriveOptimize, optimizeJson, type OptimizeInput, type OptimizeOutcome } from './derive-optimize';
export { deriveGd, type GdInput, type GdDerivationOutcome } from './derive-gd';
export { deriveGdCompare, type GdCompareInput, type GdCompareOutcome } from './derive-gd-compare';
