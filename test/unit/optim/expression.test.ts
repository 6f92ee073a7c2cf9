/**
 * Custom objectives: symbolic gradients and Hessians against central finite
 * differences at random points, gradient strings that parse back, variable
 * order, and numerically safe derivatives of sigmoid and abs.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression, customObjective, parseExpression, type Objective } from '../../../src/core/optim';
import { isMdlError } from '../../../src/core/errors';
import { fold } from '../../../src/core/optim/fold';
import { symbolic } from '../../../src/core/optim/sandbox';

/** Central difference of f along coordinate i with a step scaled to θᵢ. */
function centralDifference(f: (t: number[]) => number, theta: number[], i: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(theta[i]));
  const up = [...theta];
  const down = [...theta];
  up[i] += h;
  down[i] -= h;
  return (f(up) - f(down)) / (2 * h);
}

/** Expressions, the box the points are drawn from, and a guard for kinks. */
const EXPRESSIONS: Array<{ text: string; box: number; ok?: (t: number[]) => boolean }> = [
  { text: '(1 - x)^2 + 100*(y - x^2)^2', box: 2 },
  { text: 'sin(x)*cos(y) + exp(-x^2)', box: 3 },
  { text: 'log(1 + x^2 + y^2) + sqrt(1 + x^2)', box: 5 },
  { text: 'tanh(x*y) + sigmoid(x - y) + sigmoid(tanh(x))^2', box: 3 },
  { text: 'tan(x/3) + abs(x - 0.5)*y', box: 3, ok: (t) => Math.abs(t[0] - 0.5) > 1e-3 },
  { text: 'pow(x, 2)*y + 2^x + e^y + pi*x', box: 2 },
  { text: 'x/(1 + y^2) - (x*y)^3/7', box: 2 },
  { text: 'a*b*c + a^2 - sin(b*c)', box: 2 },
  { text: 'exp(sin(x)*y) / (2 + cos(x + y))', box: 3 },
  // Long sums skip mathjs's simplify (too slow on them) and rely on the one-pass fold.
  { text: 'a*b + b*c + c*d + d*e1 + e1*f + f*g + sin(a+b+c+d) + exp(-(a^2+b^2+c^2+d^2+e1^2+f^2+g^2)/10)', box: 1.5 },
];

const point = (d: number, box: number) => fc.array(fc.double({ min: -box, max: box, noNaN: true }), { minLength: d, maxLength: d });
const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * (1 + Math.abs(a) + Math.abs(b));

describe('optim/expression: symbolic derivatives', () => {
  for (const { text, box, ok } of EXPRESSIONS) {
    describe(text, () => {
      const f: Objective = customObjective(text);
      const value = (t: number[]) => f.value(t);

      it('gradient matches central differences', () => {
        fc.assert(
          fc.property(point(f.variables.length, box), (theta) => {
            fc.pre(!ok || ok(theta));
            const g = f.gradient(theta);
            theta.forEach((_, i) => assert.ok(close(g[i], centralDifference(value, theta, i), 1e-5), `∂/∂${f.variables[i]} at ${theta}: ${g[i]} vs ${centralDifference(value, theta, i)}`));
          }),
          { numRuns: 60 },
        );
      });

      it('Hessian matches central differences of the gradient and is symmetric', () => {
        fc.assert(
          fc.property(point(f.variables.length, box), (theta) => {
            fc.pre(!ok || ok(theta));
            const H = f.hessian!(theta);
            for (let i = 0; i < theta.length; i++)
              for (let j = 0; j < theta.length; j++) {
                assert.equal(H[i][j], H[j][i]);
                const fd = centralDifference((t) => f.gradient(t)[i], theta, j);
                assert.ok(close(H[i][j], fd, 1e-4), `H[${i}][${j}] at ${theta}: ${H[i][j]} vs ${fd}`);
              }
          }),
          { numRuns: 25 },
        );
      });

      it('gradient strings parse back through the sandbox and evaluate to the gradient', () => {
        const compiled = f.gradientExpressions.map((g) => compileExpression(g, f.variables));
        fc.assert(
          fc.property(point(f.variables.length, box), (theta) => {
            const g = f.gradient(theta);
            compiled.forEach((c, i) => assert.ok(close(c(theta), g[i], 1e-12), `${f.gradientExpressions[i]}`));
          }),
          { numRuns: 30 },
        );
      });

      it('valueAndGradient agrees with value and gradient', () => {
        const theta = f.variables.map((_, i) => 0.3 + 0.1 * i);
        const out = new Float64Array(theta.length);
        assert.equal(f.valueAndGradient(theta, out), f.value(theta));
        assert.deepEqual(Array.from(out), Array.from(f.gradient(theta)));
      });
    });
  }
});

describe('optim/expression: variables and numerics', () => {
  it('sorts variables by name unless an order is given', () => {
    assert.deepEqual(customObjective('y^2 + 2*x').variables, ['x', 'y']);
    const f = customObjective('y^2 + 2*x', { order: ['y', 'x'] });
    assert.deepEqual(f.variables, ['y', 'x']);
    // θ = (y, x) = (3, 1): ∇ = (2y, 2) = (6, 2).
    assert.deepEqual(Array.from(f.gradient([3, 1])), [6, 2]);
  });

  it('refuses an order that misses or adds a variable', () => {
    assert.throws(() => customObjective('x + y', { order: ['x'] }), (e: unknown) => isMdlError(e) && /y/.test(e.message));
    assert.throws(() => customObjective('x + y', { order: ['x', 'y', 'z'] }), (e: unknown) => isMdlError(e) && /z/.test(e.message));
    assert.throws(() => customObjective('2 + 3'), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
  });

  it("variables named like mathjs constants are plain variables (i, E, gamma)", () => {
    const f = customObjective('i^2 + E*gamma');
    assert.deepEqual(f.variables, ['E', 'gamma', 'i']);
    // ∇ = (gamma, E, 2i) at (E, gamma, i) = (2, 3, 5).
    assert.deepEqual(Array.from(f.gradient([2, 3, 5])), [3, 2, 10]);
  });

  it("sigmoid's derivative stays finite far out (σ′ = σ(1 − σ), not e⁻ˣ/(1 + e⁻ˣ)²)", () => {
    const f = customObjective('sigmoid(x)');
    for (const x of [-800, -50, 0, 50, 800]) {
      const g = f.gradient([x])[0];
      assert.ok(Number.isFinite(g), `σ′(${x}) = ${g}`);
      const s = 1 / (1 + Math.exp(-x));
      assert.ok(Math.abs(g - s * (1 - s)) < 1e-15);
    }
    assert.equal(f.value([-800]), 0);
  });

  it('d|u|/du = sign(u): 0 at the kink, as frameworks do, not NaN', () => {
    const f = customObjective('abs(x) + y^2');
    assert.deepEqual(Array.from(f.gradient([0, 1])), [0, 2]);
    assert.deepEqual(Array.from(f.gradient([-2, 1])), [-1, 2]);
    assert.match(f.gradientExpressions[0], /sign\(x\)/);
  });

  it('tan and tanh derivatives use only whitelisted functions (no sec, sech)', () => {
    const f = customObjective('tan(x) + tanh(y)');
    for (const g of f.gradientExpressions) assert.doesNotMatch(g, /sec|sech|cosh/);
    assert.ok(Math.abs(f.gradient([0.3, 0.4])[0] - 1 / Math.cos(0.3) ** 2) < 1e-14);
    assert.ok(Math.abs(f.gradient([0.3, 0.4])[1] - (1 - Math.tanh(0.4) ** 2)) < 1e-15);
  });

  it('real-valued: sqrt and log of negatives are NaN, not complex', () => {
    const f = customObjective('sqrt(x) + log(y)');
    assert.ok(Number.isNaN(f.value([-1, 1])));
    assert.ok(Number.isNaN(f.value([1, -1])));
  });

  it('writes TeX with safe names: x_1 → x_{1}, theta → \\theta, σ for sigmoid', () => {
    const f = customObjective('theta^2 + x_1*sigmoid(alpha)');
    assert.match(f.tex, /\\theta/);
    assert.match(f.tex, /x_\{1\}/);
    assert.match(f.tex, /\\sigma\\left\(/);
    assert.doesNotMatch(f.tex, /\\cdot[a-z]/i);
  });

  it('fold keeps the value while dropping 0·x, 1·x, x¹, x⁰, −(−x) and short constant arithmetic', () => {
    const text = '0*x + 1*y + x^1 + y^0 + -(-x) + (2 + 3)*x - x/1 + pow(y, 1) + 1/3';
    const node = fold(symbolic().parse(text));
    assert.equal(node.toString(), 'y + x + 1 + x + 5 * x - x + y + 1 / 3');
    const [a, b] = [compileExpression(text, ['x', 'y']), compileExpression(node.toString(), ['x', 'y'])];
    for (const t of [[0.5, -2], [3, 7]]) assert.ok(Math.abs(a(t) - b(t)) < 1e-12);
  });

  it('differentiates large expressions (a hang fails by mocha timeout; speed is in npm run bench)', () => {
    const text = Array.from({ length: 30 }, (_, i) => `sin(x + ${i}*y)^2`).join(' + ');
    const f = customObjective(text);
    f.hessian!([0.1, 0.2]);
    const h = 1e-6;
    assert.ok(Math.abs(f.gradient([0.1, 0.2])[0] - (f.value([0.1 + h, 0.2]) - f.value([0.1 - h, 0.2])) / (2 * h)) < 1e-6);
  });

  it('refuses derivatives that blow up (a product of 150 factors)', () => {
    const text = Array.from({ length: 150 }, (_, i) => `(x+${i % 10})`).join('*');
    assert.throws(() => customObjective(text.slice(0, text.lastIndexOf('*', 1990))), (e: unknown) => isMdlError(e) && e.code === 'too-large');
  });

  it('parseExpression reports sorted variables', () => {
    assert.deepEqual(parseExpression('z + b*a').variables, ['a', 'b', 'z']);
  });

  it('compileExpression refuses variables outside the list', () => {
    assert.throws(() => compileExpression('x + q', ['x']), (e: unknown) => isMdlError(e) && /q/.test(e.message));
    assert.equal(compileExpression('2*x', ['x', 'y'])([3, 9]), 6);
  });
});
