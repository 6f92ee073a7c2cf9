/**
 * The fields each kind of problem accepts: their JSON types, which are
 * required, and the closed value sets. The loader checks files against this
 * table; `schemas/mdl.schema.json` says the same for the editor, and a unit
 * test keeps the two in step.
 */
import { OPTIMIZERS } from '../optim/optimizers';
import type { ProblemKind } from './types';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

export interface FieldSpec {
  type: FieldType | FieldType[];
  required?: boolean;
  /** Closed set of values (for arrays: of each element). */
  values?: readonly string[];
}

export const OBJECTIVE_NAMES = ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'linear-regression', 'logistic-regression'] as const;
export const COMPARE_METHODS = ['batch', 'sgd', 'minibatch'] as const;

export const COMMON_FIELDS: Record<string, FieldSpec> = {
  id: { type: 'string', required: true },
  kind: { type: 'string', required: true },
  title: { type: 'string' },
  expect: { type: 'object' },
  tolerance: { type: ['number', 'object'] },
};

const optimizerNames = OPTIMIZERS as readonly string[];
const lr: FieldSpec = { type: 'number' };
const data: FieldSpec = { type: 'object', required: true };
const model: FieldSpec = { type: 'string', values: ['linear-regression'] };
const init: FieldSpec = { type: 'array' };

export const KIND_FIELDS: Record<ProblemKind, Record<string, FieldSpec>> = {
  svd: { matrix: { type: ['array', 'string'], required: true } },
  pca: {
    data: { type: ['object', 'array', 'string'], required: true },
    components: { type: 'integer' },
    denominator: { type: 'string', values: ['n-1', 'n'] },
    layout: { type: 'string', values: ['samples-as-rows', 'features-as-rows'] },
  },
  optimize: {
    objective: { type: 'string', required: true },
    kappa: { type: 'number' },
    data: { type: 'object' },
    start: { type: ['array', 'object'] },
    optimizer: { type: 'string', values: optimizerNames },
    lr,
    beta1: { type: 'number' },
    beta2: { type: 'number' },
    eps: { type: 'number' },
    momentum: { type: 'number' },
    alpha: { type: 'number' },
    weightDecay: { type: 'number' },
    steps: { type: 'integer' },
    tol: { type: 'number' },
    compare: { type: 'array', values: optimizerNames },
  },
  gd: { model, data, lr, steps: { type: 'integer' }, init, tol: { type: 'number' } },
  'gd-compare': {
    model,
    data,
    methods: { type: 'array', values: COMPARE_METHODS },
    batchSize: { type: 'integer' },
    lr,
    epochs: { type: 'integer' },
    seed: { type: 'integer' },
    init,
  },
  'cross-entropy': {
    logits: { type: 'array' },
    target: { type: ['integer', 'array'] },
    p: { type: 'array' },
    q: { type: 'array' },
  },
  activation: {
    name: { type: 'string', required: true },
    params: { type: 'object' },
    at: { type: 'array' },
  },
  'sigmoid-zigzag': {
    target: { type: 'array' },
    start: { type: 'array' },
    lr: { type: 'number' },
    tol: { type: 'number' },
    steps: { type: 'integer' },
    seed: { type: 'integer' },
  },
  derivative: {
    expression: { type: 'string', required: true },
    at: { type: 'array' },
  },
};

/** Top-level result fields that `expect` may name, per kind (nested ones are checked against the result). */
export const EXPECT_FIELDS: Record<ProblemKind, readonly string[]> = {
  svd: ['rows', 'cols', 'rank', 'singularValues', 'U', 'V'],
  pca: ['samples', 'features', 'mean', 'covariance', 'eigenvalues', 'components', 'projections', 'explainedVarianceRatio'],
  optimize: ['final', 'iterations', 'converged', 'diverged', 'trace', 'compare'],
  gd: ['final', 'L', 'stableBelow', 'stable', 'trace'],
  'gd-compare': ['methods'],
  'cross-entropy': ['example', 'kl', 'gradients', 'training'],
  activation: ['name', 'params', 'properties', 'maxFiniteDifferenceError', 'values', 'derivatives'],
  'sigmoid-zigzag': ['positive', 'centred', 'target', 'learningRate', 'seed'],
  derivative: ['expression', 'derivative', 'values', 'derivatives'],
};

/** Parameters an `activation` problem's `params` may hold (ActivationParams). */
export const ACTIVATION_PARAMS = ['alpha', 'beta', 'threshold', 'approximate', 'minVal', 'maxVal'] as const;
/** Fields of the `generate` block of a data set (GenerateOptions). */
export const GENERATE_FIELDS = ['n', 'noise', 'seed', 'w0', 'w1', 'xMin', 'xMax'] as const;
