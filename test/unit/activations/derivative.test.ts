import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { richardsonDerivative } from '../../../src/core/activations/check';
import { deriveExpression, evaluate, parseExpression, toExpr } from '../../../src/core/activations/derivative';
import { deriveDerivative } from '../../../src/core/activations/derivations';
import { GENEROUS_LIMITS } from '../../../src/core/activations/expr';
import { FLOP_ROWS, flopTable, measureNsPerElement } from '../../../src/core/activations/flops';
import { sigmoid } from '../../../src/core/activations/math';
import { isMdlError } from '../../../src/core/errors';

const grid = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

describe('symbolic derivative (Question 9)', () => {
  const swish = deriveExpression('x * sigmoid(x)');

  it('differentiates Swish to σ + xσ(1 − σ), in the input syntax', () => {
    assert.equal(swish.derivative, 'sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x))');
    assert.equal(swish.expression, 'x * sigmoid(x)');
    assert.match(swish.derivativeTex, /\\sigma\\left\(x\\right\)/);
    assert.equal(swish.mathjsCheck, 'agrees');
  });

  it('Swish′ matches finite differences and equals f + σ(1 − f)', () => {
    const d = parseExpression(swish.derivative);
    for (const x of grid(-8, 8, 161)) {
      const f = x * sigmoid(x);
      const value = evaluate(d, x);
      assert.ok(Math.abs(value - richardsonDerivative((t) => t * sigmoid(t), x)) < 1e-9, `x = ${x}`);
      assert.ok(Math.abs(value - (f + sigmoid(x) * (1 - f))) < 1e-14, `x = ${x}`);
    }
    assert.match(swish.inTermsOfFAndSigma!.tex, /f\(x\) \+ \\sigma\(x\)\\bigl\(1 - f\(x\)\\bigr\)/);
  });

  it('names the rule used at each step', () => {
    const rules = swish.steps.map((s) => s.rule);
    assert.deepEqual(rules.slice(0, 2), ['product rule', 'σ′ = σ(1 − σ)']);
    assert.ok(rules.includes('simplify') && rules.includes('in terms of f and σ'));
    const q = deriveExpression('x / (1 + x^2)').steps.map((s) => s.rule);
    assert.equal(q[0], 'quotient rule');
    const c = deriveExpression('tanh(2 * x)').steps.map((s) => s.rule);
    assert.equal(c[0], 'chain rule with tanh′ = 1 − tanh²');
    assert.equal(deriveExpression('sigmoid(x^2)').steps[0].rule, 'chain rule with σ′ = σ(1 − σ)');
  });

  const cases: Array<[string, string]> = [
    ['tanh(x)', '1 - tanh(x)^2'],
    ['softplus(x)', 'sigmoid(x)'],
    ['3 * x^2 + 2 * x + 1', '6 * x + 2'],
    ['x^3 / 3', 'x^2'],
    ['(x + 1) * (x - 1)', '2 * x'],
    ['sqrt(x^2 + 1)', 'x / sqrt(x^2 + 1)'],
    ['2^x', '2^x * log(2)'],
    ['cos(x)', '-sin(x)'],
    ['7', '0'],
  ];
  for (const [input, expected] of cases) {
    it(`d/dx ${input} = ${expected}`, () => assert.equal(deriveExpression(input).derivative, expected));
  }

  it('prints derivatives that parse back to the same text (fast-check)', () => {
    const roundTrips = (text: string, mathjs: boolean) => {
      const d = deriveExpression(text, { mathjs }).derivative;
      return toExpr(parseExpression(d, GENEROUS_LIMITS)) === d;
    };
    fc.assert(fc.property(expressionArb, (text) => roundTrips(text, false)), { numRuns: 300 });
    // With mathjs's simplify in the loop too (about 50 ms a call, hence fewer runs).
    fc.assert(fc.property(expressionArb, (text) => roundTrips(text, true)), { numRuns: 25 });
  });

  it('matches Richardson finite differences on random expressions (fast-check)', () => {
    fc.assert(
      fc.property(expressionArb, (text) => {
        const f = parseExpression(text);
        const d = parseExpression(deriveExpression(text, { mathjs: false }).derivative, GENEROUS_LIMITS);
        for (const x of [-1.3, 0.4, 1.1]) {
          const fx = evaluate(f, x);
          if (!Number.isFinite(fx) || Math.abs(fx) > 1e4) continue;
          const fd = richardsonDerivative((t) => evaluate(f, t), x);
          const ours = evaluate(d, x);
          if (!Number.isFinite(fd)) continue;
          if (!(Math.abs(ours - fd) <= 1e-6 * Math.max(1, Math.abs(fd)))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

/** Random expressions in the sandboxed language; log and sqrt get positive arguments so most points are defined. */
const expressionArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'x', '2', '0.5', '3'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('e').map((a) => `(${a}) / (1 + (${a})^2)`),
    tie('e').map((a) => `(${a})^2`),
    fc.tuple(fc.constantFrom('exp', 'tanh', 'sigmoid', 'softplus', 'sin', 'cos'), tie('e')).map(([fn, a]) => `${fn}(${a})`),
    fc.tuple(fc.constantFrom('log', 'sqrt'), tie('e')).map(([fn, a]) => `${fn}((${a})^2 + 1)`),
  ),
})).e.filter((s) => s.length <= 500);

describe('sandboxed parser', () => {
  const rejects: Array<[string, string, number, RegExp]> = [
    ['x + y', 'unsupported', 5, /"y" is not x/],
    ['foo(x)', 'unsupported', 1, /unknown function "foo"/],
    ['abs(x)', 'unsupported', 1, /not differentiable/],
    ['max(x, 0)', 'unsupported', 1, /not differentiable/],
    ['relu(x)', 'unsupported', 1, /not differentiable/],
    ['exp(x, 2)', 'syntax', 6, /one argument/],
    ['2x', 'syntax', 2, /multiplication explicitly/],
    ['x ** 2', 'syntax', 3, /\^/],
    ['x +', 'syntax', 4, /ends too early/],
    ['(x', 'syntax', 3, /"\)"/],
    ['x)', 'syntax', 2, /unmatched/],
    ['f(x) = x', 'unsupported', 1, /unknown function "f"/],
    ['x = 1', 'syntax', 3, /unexpected character "="/],
    ['[1, 2]', 'syntax', 1, /unexpected character "\["/],
    ['x; import("fs")', 'syntax', 2, /unexpected character ";"/],
    ['sigmoid', 'syntax', 1, /needs an argument/],
    ['constructor(x)', 'unsupported', 1, /unknown function/],
    ['__proto__', 'unsupported', 1, /is not x/],
  ];
  for (const [input, code, column, message] of rejects) {
    it(`refuses ${input} at column ${column}`, () => {
      assert.throws(
        () => deriveExpression(input),
        (e) => isMdlError(e) && e.code === code && e.position?.column === column && message.test(e.message),
      );
    });
  }

  it('refuses empty, overlong and over-nested input', () => {
    assert.throws(() => deriveExpression('  '), (e) => isMdlError(e) && e.code === 'empty');
    assert.throws(() => deriveExpression('x+'.repeat(300) + 'x'), (e) => isMdlError(e) && e.code === 'too-large');
    assert.throws(() => deriveExpression('('.repeat(100) + 'x' + ')'.repeat(100)), (e) => isMdlError(e) && e.code === 'unsupported');
  });
});

describe('Swish vs ReLU cost', () => {
  it('counts ops under the stated convention', () => {
    const t = flopTable();
    assert.match(t.caption!, /exp counted as 1 op and as ≈20 FLOPs/);
    const byPass = Object.fromEntries(FLOP_ROWS.map((r) => [r.pass, r]));
    assert.equal(byPass['ReLU backward'].basic + byPass['ReLU backward'].exps, 1);
    assert.ok(t.rows.every((r) => typeof r[2] === 'number' && typeof r[3] === 'number'));
    assert.deepEqual(t.rows.map((r) => r[3]), [1, 1, 24, 28, 4]);
  });

  it('measures ns per element for both passes of both functions', () => {
    const m = measureNsPerElement(50_000, 3);
    for (const v of [m.relu.forward, m.relu.backward, m.swish.forward, m.swish.backward]) assert.ok(v > 0 && Number.isFinite(v));
    assert.equal(m.elements, 50_000);
  });

  it('adds the cost table to the Swish derivation only', () => {
    assert.ok(deriveDerivative('x * sigmoid(x)').derivation.steps.some((s) => s.id === 'cost'));
    assert.ok(!deriveDerivative('tanh(x)').derivation.steps.some((s) => s.id === 'cost'));
  });
});
