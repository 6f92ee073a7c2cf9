/**
 * Q4's training loop three ways: pseudo-code lines (the panel highlights the
 * line a step explains) and self-contained Python and TypeScript programs
 * that run the same loop on the same data ("Copy as …"). Only numbers are
 * spliced into the programs, each through `String(number)` (shortest
 * round-trip form, valid in both languages), so no user text can inject code.
 */
import type { Dataset } from './linreg';

export interface LoopParameters {
  data: Dataset;
  eta: number;
  start: [number, number];
  maxSteps: number;
  tol: number;
}

export const GD_PSEUDOCODE: readonly string[] = [
  'w₀, w₁ ← start                         # θ₀',
  'for t = 1, 2, …, T:',
  '    ŷᵢ ← w₀ + w₁·xᵢ        for i = 1…N   # predictions',
  '    rᵢ ← ŷᵢ − yᵢ                          # residuals',
  '    g₀ ← (2/N)·Σᵢ rᵢ                      # ∂J/∂w₀',
  '    g₁ ← (2/N)·Σᵢ rᵢ·xᵢ                   # ∂J/∂w₁',
  '    if ‖(g₀, g₁)‖ < tol: stop            # converged',
  '    w₀ ← w₀ − η·g₀',
  '    w₁ ← w₁ − η·g₁',
  '    if J(w) is not finite or exploded: stop   # diverged',
];

/** Which pseudo-code lines each derivation step explains. */
export const GD_STEP_LINES = {
  model: [2, 3],
  gradient: [4, 5],
  update: [7, 8],
  stopping: [6, 9],
} as const;

const num = (x: number): string => {
  if (!Number.isFinite(x)) throw new RangeError('only finite numbers are spliced into code');
  return Object.is(x, -0) ? '0' : String(x);
};
const list = (xs: number[]) => xs.map(num).join(', ');

export function gdPython(p: LoopParameters): string {
  return [
    '# Gradient descent on J(w) = (1/N) * sum((w0 + w1*x_i - y_i)^2), fixed learning rate.',
    'import math',
    '',
    `x = [${list(p.data.x)}]`,
    `y = [${list(p.data.y)}]`,
    `eta = ${num(p.eta)}`,
    `w0, w1 = ${num(p.start[0])}, ${num(p.start[1])}`,
    'N = len(x)',
    `for t in range(1, ${p.maxSteps + 1}):`,
    '    r = [w0 + w1 * xi - yi for xi, yi in zip(x, y)]   # residuals y_hat_i - y_i',
    '    g0 = 2.0 / N * sum(r)                              # dJ/dw0',
    '    g1 = 2.0 / N * sum(ri * xi for ri, xi in zip(r, x))  # dJ/dw1',
    `    if math.sqrt(g0 * g0 + g1 * g1) < ${num(p.tol)}:`,
    '        break',
    '    w0 -= eta * g0',
    '    w1 -= eta * g1',
    '    if not (math.isfinite(w0) and math.isfinite(w1)):',
    "        print('diverged at step', t)",
    '        break',
    'J = sum((w0 + w1 * xi - yi) ** 2 for xi, yi in zip(x, y)) / N',
    'print(w0, w1, J)',
    '',
  ].join('\n');
}

export function gdTypeScript(p: LoopParameters): string {
  return [
    '// Gradient descent on J(w) = (1/N) * sum((w0 + w1*x_i - y_i)^2), fixed learning rate.',
    `const x: number[] = [${list(p.data.x)}];`,
    `const y: number[] = [${list(p.data.y)}];`,
    `const eta = ${num(p.eta)};`,
    `let w0 = ${num(p.start[0])};`,
    `let w1 = ${num(p.start[1])};`,
    'const N = x.length;',
    `for (let t = 1; t <= ${p.maxSteps}; t++) {`,
    '  let g0 = 0;',
    '  let g1 = 0;',
    '  for (let i = 0; i < N; i++) {',
    '    const r = w0 + w1 * x[i] - y[i]; // residual y_hat_i - y_i',
    '    g0 += r;',
    '    g1 += r * x[i];',
    '  }',
    '  g0 *= 2 / N; // dJ/dw0',
    '  g1 *= 2 / N; // dJ/dw1',
    `  if (Math.sqrt(g0 * g0 + g1 * g1) < ${num(p.tol)}) break;`,
    '  w0 -= eta * g0;',
    '  w1 -= eta * g1;',
    '  if (!Number.isFinite(w0) || !Number.isFinite(w1)) {',
    "    console.log('diverged at step', t);",
    '    break;',
    '  }',
    '}',
    'const J = x.reduce((s, xi, i) => s + (w0 + w1 * xi - y[i]) ** 2, 0) / N;',
    'console.log(w0, w1, J);',
    '',
  ].join('\n');
}
