/**
 * Objectives by name: five classic 2-D test functions with hand-written
 * gradients and Hessians (fast, allocation-free), or any custom expression
 * (expression.ts). Also the gradient's Lipschitz constant L, which sets the
 * largest stable fixed step 2/L.
 */
import { MdlError } from '../errors';
import { fromRows, symmetricEigen } from '../linalg';
import { customObjective } from './expression';
import type { Objective, Region } from './types';

export const BUILTIN_OBJECTIVES = ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle'] as const;
export type BuiltinName = (typeof BUILTIN_OBJECTIVES)[number];

export interface ObjectiveOptions {
  /** Condition number κ of the quadratic ½(x² + κy²). Default 10. */
  kappa?: number;
  /** Variable order for a custom expression (e.g. the keys of `start`). */
  order?: readonly string[];
}

export const isBuiltin = (name: string): name is BuiltinName => (BUILTIN_OBJECTIVES as readonly string[]).includes(name);

/** A built-in by name, otherwise the text is parsed as an expression. Built-in names win over variables of the same name. */
export function getObjective(spec: string, options: ObjectiveOptions = {}): Objective {
  const name = spec.trim();
  if (isBuiltin(name)) {
    if (options.order && options.order.join() !== 'x,y') {
      throw new MdlError('invalid-argument', `The built-in objective ${name} has variables x and y; the start point gives ${options.order.join(', ')}.`);
    }
    return builtin(name, options);
  }
  return customObjective(spec, { order: options.order });
}

function builtin(name: BuiltinName, options: ObjectiveOptions): Objective {
  switch (name) {
    case 'quadratic': return quadratic(options.kappa ?? 10);
    case 'rosenbrock': return rosenbrock;
    case 'beale': return beale;
    case 'himmelblau': return himmelblau;
    case 'saddle': return saddle;
  }
}

/** Shared plumbing: each built-in supplies only value and gradient-into-`out`. */
function twoD(spec: Omit<Objective, 'variables' | 'gradient' | 'valueAndGradient'> & { grad(x: number, y: number, out: Float64Array): number }): Objective {
  const { grad, ...rest } = spec;
  return {
    ...rest,
    variables: ['x', 'y'],
    gradient: (t, out = new Float64Array(2)) => (grad(t[0], t[1], out), out),
    valueAndGradient: (t, out) => grad(t[0], t[1], out),
  };
}

/** f = ½(x² + κy²): Hessian diag(1, κ), so L = max(1, κ) exactly and κ is the condition number. */
export function quadratic(kappa = 10): Objective {
  if (!(kappa > 0) || !Number.isFinite(kappa)) throw new MdlError('invalid-argument', `The condition number κ must be a positive number, not ${kappa}.`);
  const k = String(kappa);
  return twoD({
    name: 'quadratic',
    expression: `0.5 * (x^2 + ${k} * y^2)`,
    gradientExpressions: ['x', `${k} * y`],
    tex: `\\tfrac{1}{2}\\left(x^{2} + ${k}\\,y^{2}\\right)`,
    gradientTex: ['x', `${k}\\,y`],
    value: (t) => 0.5 * (t[0] * t[0] + kappa * t[1] * t[1]),
    grad(x, y, out) {
      out[0] = x;
      out[1] = kappa * y;
      return 0.5 * (x * x + kappa * y * y);
    },
    hessian: () => [[1, 0], [0, kappa]],
    lipschitz: { L: Math.max(1, kappa), reason: `the Hessian is diag(1, ${k}), so L = max(1, ${k})` },
    minima: [{ theta: [0, 0], value: 0 }],
    region: { min: [-5, -5 / Math.sqrt(Math.max(1, kappa)) - 1], max: [5, 5 / Math.sqrt(Math.max(1, kappa)) + 1] },
    defaultStart: [-4, 1],
  });
}

export const rosenbrock: Objective = twoD({
  name: 'rosenbrock',
  expression: '(1 - x)^2 + 100 * (y - x^2)^2',
  gradientExpressions: ['-2 * (1 - x) - 400 * x * (y - x^2)', '200 * (y - x^2)'],
  tex: '(1 - x)^{2} + 100\\,(y - x^{2})^{2}',
  gradientTex: ['-2(1 - x) - 400\\,x\\,(y - x^{2})', '200\\,(y - x^{2})'],
  value: (t) => {
    const a = 1 - t[0];
    const b = t[1] - t[0] * t[0];
    return a * a + 100 * b * b;
  },
  grad(x, y, out) {
    const a = 1 - x;
    const b = y - x * x;
    out[0] = -2 * a - 400 * x * b;
    out[1] = 200 * b;
    return a * a + 100 * b * b;
  },
  hessian: (t) => [
    [2 - 400 * (t[1] - t[0] * t[0]) + 800 * t[0] * t[0], -400 * t[0]],
    [-400 * t[0], 200],
  ],
  minima: [{ theta: [1, 1], value: 0 }],
  region: { min: [-2, -1], max: [2, 3] },
  defaultStart: [-1.5, 2],
});

/** Beale: three squared residuals rₖ = cₖ − x + x·yᵏ with c = (1.5, 2.25, 2.625); minimum 0 at (3, 0.5). */
export const beale: Objective = twoD({
  name: 'beale',
  expression: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
  gradientExpressions: [
    '2 * (1.5 - x + x*y) * (y - 1) + 2 * (2.25 - x + x*y^2) * (y^2 - 1) + 2 * (2.625 - x + x*y^3) * (y^3 - 1)',
    '2 * (1.5 - x + x*y) * x + 4 * (2.25 - x + x*y^2) * x * y + 6 * (2.625 - x + x*y^3) * x * y^2',
  ],
  tex: '(1.5 - x + xy)^{2} + (2.25 - x + xy^{2})^{2} + (2.625 - x + xy^{3})^{2}',
  gradientTex: [
    '2r_1(y - 1) + 2r_2(y^{2} - 1) + 2r_3(y^{3} - 1)',
    '2r_1x + 4r_2xy + 6r_3xy^{2},\\quad r_k = c_k - x + xy^{k}',
  ],
  value: (t) => bealeParts(t[0], t[1]).f,
  grad(x, y, out) {
    const { r1, r2, r3, f } = bealeParts(x, y);
    const y2 = y * y;
    const y3 = y2 * y;
    out[0] = 2 * r1 * (y - 1) + 2 * r2 * (y2 - 1) + 2 * r3 * (y3 - 1);
    out[1] = 2 * r1 * x + 4 * r2 * x * y + 6 * r3 * x * y2;
    return f;
  },
  hessian: (t) => {
    const [x, y] = [t[0], t[1]];
    const { r1, r2, r3 } = bealeParts(x, y);
    const y2 = y * y;
    const y3 = y2 * y;
    const hxx = 2 * (y - 1) ** 2 + 2 * (y2 - 1) ** 2 + 2 * (y3 - 1) ** 2;
    const hxy = 2 * ((y - 1) * x + r1) + 2 * ((y2 - 1) * 2 * x * y + 2 * y * r2) + 2 * ((y3 - 1) * 3 * x * y2 + 3 * y2 * r3);
    const hyy = 2 * x * x + 2 * ((2 * x * y) ** 2 + 2 * x * r2) + 2 * ((3 * x * y2) ** 2 + 6 * x * y * r3);
    return [[hxx, hxy], [hxy, hyy]];
  },
  minima: [{ theta: [3, 0.5], value: 0 }],
  region: { min: [-4.5, -4.5], max: [4.5, 4.5] },
  defaultStart: [1, 1],
});

function bealeParts(x: number, y: number) {
  const r1 = 1.5 - x + x * y;
  const r2 = 2.25 - x + x * y * y;
  const r3 = 2.625 - x + x * y * y * y;
  return { r1, r2, r3, f: r1 * r1 + r2 * r2 + r3 * r3 };
}

export const himmelblau: Objective = twoD({
  name: 'himmelblau',
  expression: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  gradientExpressions: ['4 * x * (x^2 + y - 11) + 2 * (x + y^2 - 7)', '2 * (x^2 + y - 11) + 4 * y * (x + y^2 - 7)'],
  tex: '(x^{2} + y - 11)^{2} + (x + y^{2} - 7)^{2}',
  gradientTex: ['4x(x^{2} + y - 11) + 2(x + y^{2} - 7)', '2(x^{2} + y - 11) + 4y(x + y^{2} - 7)'],
  value: (t) => {
    const a = t[0] * t[0] + t[1] - 11;
    const b = t[0] + t[1] * t[1] - 7;
    return a * a + b * b;
  },
  grad(x, y, out) {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    out[0] = 4 * x * a + 2 * b;
    out[1] = 2 * a + 4 * y * b;
    return a * a + b * b;
  },
  hessian: (t) => [
    [12 * t[0] * t[0] + 4 * t[1] - 42, 4 * t[0] + 4 * t[1]],
    [4 * t[0] + 4 * t[1], 4 * t[0] + 12 * t[1] * t[1] - 26],
  ],
  minima: [
    { theta: [3, 2], value: 0 },
    { theta: [-2.805118086952745, 3.131312518250573], value: 0 },
    { theta: [-3.779310253377747, -3.283185991286170], value: 0 },
    { theta: [3.584428340330492, -1.848126526964404], value: 0 },
  ],
  region: { min: [-5, -5], max: [5, 5] },
  defaultStart: [0, 0],
});

/** x² − y²: a saddle at the origin (Hessian diag(2, −2)), unbounded below along y. */
export const saddle: Objective = twoD({
  name: 'saddle',
  expression: 'x^2 - y^2',
  gradientExpressions: ['2 * x', '-2 * y'],
  tex: 'x^{2} - y^{2}',
  gradientTex: ['2x', '-2y'],
  value: (t) => t[0] * t[0] - t[1] * t[1],
  grad(x, y, out) {
    out[0] = 2 * x;
    out[1] = -2 * y;
    return x * x - y * y;
  },
  hessian: () => [[2, 0], [0, -2]],
  lipschitz: { L: 2, reason: 'the Hessian is diag(2, −2), whose largest |eigenvalue| is 2' },
  minima: [],
  region: { min: [-2, -2], max: [2, 2] },
  defaultStart: [1, 0.001],
});

/* ---------- Lipschitz constant of the gradient ---------- */

export interface LipschitzEstimate {
  L: number;
  /** True when L is exact (a quadratic); false for a sampled estimate, which can undershoot the true supremum. */
  exact: boolean;
  method: string;
}

/** Largest |eigenvalue| of a symmetric matrix, i.e. its spectral norm. */
export function spectralNorm(h: number[][]): number {
  if (h.length === 2) {
    const [a, b, c] = [h[0][0], h[0][1], h[1][1]];
    const mid = (a + c) / 2;
    const r = Math.hypot((a - c) / 2, b);
    return Math.max(Math.abs(mid + r), Math.abs(mid - r));
  }
  const { values } = symmetricEigen(fromRows(h));
  return Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
}

const GRID_BUDGET = 4096;

/**
 * L with ‖∇f(a) − ∇f(b)‖ ≤ L‖a − b‖, i.e. sup ‖∇²f‖₂. Exact where the objective
 * knows it (quadratics, linear regression); otherwise the largest Hessian
 * spectral norm on a grid over `region` (default: the objective's own window).
 */
export function lipschitzBound(objective: Objective, region?: Region): LipschitzEstimate {
  if (objective.lipschitz) return { L: objective.lipschitz.L, exact: true, method: objective.lipschitz.reason };
  if (!objective.hessian) throw new MdlError('unsupported', 'This objective has no Hessian, so L cannot be estimated.');
  const box = region ?? objective.region;
  if (!box) throw new MdlError('invalid-argument', 'Give a region to estimate L over: a custom objective has no default window.');
  const d = objective.variables.length;
  const perAxis = Math.max(2, Math.min(65, Math.floor(Math.pow(GRID_BUDGET, 1 / d))));
  const theta = new Float64Array(d);
  const counter = new Array<number>(d).fill(0);
  let L = 0;
  for (;;) {
    for (let i = 0; i < d; i++) theta[i] = box.min[i] + ((box.max[i] - box.min[i]) * counter[i]) / (perAxis - 1);
    const n = spectralNorm(objective.hessian(theta));
    if (Number.isFinite(n)) L = Math.max(L, n);
    let i = 0;
    while (i < d && ++counter[i] === perAxis) counter[i++] = 0;
    if (i === d) break;
  }
  return { L, exact: false, method: `largest ‖∇²f‖₂ on a ${perAxis}^${d} grid over the region (a sampled estimate of the supremum)` };
}

/** Eigenvalues of a symmetric matrix, largest first. */
export function symmetricEigenvalues(h: number[][]): number[] {
  if (h.length === 1) return [h[0][0]];
  if (h.length === 2) {
    const mid = (h[0][0] + h[1][1]) / 2;
    const r = Math.hypot((h[0][0] - h[1][1]) / 2, h[0][1]);
    return [mid + r, mid - r];
  }
  return Array.from(symmetricEigen(fromRows(h)).values);
}

export interface StationaryPoint {
  kind: 'minimum' | 'saddle' | 'maximum' | 'degenerate';
  eigenvalues: number[];
}

/**
 * What a point with ∇f ≈ 0 is, from the signs of the Hessian's eigenvalues
 * (relative tolerance 1e−8 for "zero"). Null when f has no Hessian or it is
 * not finite there.
 */
export function classifyStationary(objective: Objective, theta: ArrayLike<number>): StationaryPoint | null {
  let H: number[][];
  try {
    H = objective.hessian?.(theta) ?? [];
  } catch {
    return null;
  }
  if (!H.length || !H.every((row) => row.every(Number.isFinite))) return null;
  const eigenvalues = symmetricEigenvalues(H);
  const scale = Math.max(...eigenvalues.map(Math.abs), 1e-300);
  const pos = eigenvalues.some((v) => v > 1e-8 * scale);
  const neg = eigenvalues.some((v) => v < -1e-8 * scale);
  const zero = eigenvalues.some((v) => Math.abs(v) <= 1e-8 * scale);
  const kind = pos && neg ? 'saddle' : zero ? 'degenerate' : pos ? 'minimum' : 'maximum';
  return { kind, eigenvalues };
}
