/**
 * Built-in objectives: the hand-written gradients and Hessians agree with
 * the symbolic ones of their own expressions and with finite differences;
 * minima are stationary; L is exact for the quadratic and the saddle.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BUILTIN_OBJECTIVES, classifyStationary, compileExpression, customObjective, getObjective, lipschitzBound, quadratic, spectralNorm } from '../../../src/core/optim';
import { isMdlError } from '../../../src/core/errors';

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * (1 + Math.abs(a) + Math.abs(b));

describe('optim/objective: built-ins', () => {
  for (const name of BUILTIN_OBJECTIVES) {
    describe(name, () => {
      const f = getObjective(name);
      const symbolic = customObjective(f.expression);
      const box = f.region!;
      const inBox = fc.tuple(fc.double({ min: box.min[0], max: box.max[0], noNaN: true }), fc.double({ min: box.min[1], max: box.max[1], noNaN: true }));

      it('value, gradient and Hessian equal those of its expression, differentiated symbolically', () => {
        fc.assert(
          fc.property(inBox, (theta) => {
            assert.ok(close(f.value(theta), symbolic.value(theta), 1e-13));
            const [g, gs] = [f.gradient(theta), symbolic.gradient(theta)];
            g.forEach((v, i) => assert.ok(close(v, gs[i], 1e-12), `∂${i}: ${v} vs ${gs[i]}`));
            const [H, Hs] = [f.hessian!(theta), symbolic.hessian!(theta)];
            H.forEach((row, i) => row.forEach((v, j) => assert.ok(close(v, Hs[i][j], 1e-12), `H${i}${j}: ${v} vs ${Hs[i][j]}`)));
          }),
          { numRuns: 80 },
        );
      });

      it('its gradient strings parse and agree with the gradient', () => {
        const compiled = f.gradientExpressions.map((g) => compileExpression(g, ['x', 'y']));
        fc.assert(
          fc.property(inBox, (theta) => {
            const g = f.gradient(theta);
            compiled.forEach((c, i) => assert.ok(close(c(theta), g[i], 1e-12)));
          }),
          { numRuns: 40 },
        );
      });

      it('valueAndGradient writes the gradient and returns the value', () => {
        const out = new Float64Array(2);
        const theta = [0.7, -0.4];
        assert.equal(f.valueAndGradient(theta, out), f.value(theta));
        assert.deepEqual(Array.from(out), Array.from(f.gradient(theta)));
      });

      it('known minima are stationary with the stated value', () => {
        for (const m of f.minima ?? []) {
          assert.ok(Math.abs(f.value(m.theta) - m.value) < 1e-20 + 1e-12, `${name} at ${m.theta}: ${f.value(m.theta)}`);
          const g = f.gradient(m.theta);
          assert.ok(Math.hypot(...g) < 1e-9, `${name} ∇ at ${m.theta} = ${Array.from(g)}`);
        }
      });
    });
  }

  it('the quadratic takes κ and refuses nonsense', () => {
    const q = getObjective('quadratic', { kappa: 100 });
    assert.deepEqual(Array.from(q.gradient([1, 1])), [1, 100]);
    assert.equal(q.lipschitz!.L, 100);
    assert.throws(() => quadratic(0), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
    assert.throws(() => quadratic(Number.NaN), (e: unknown) => isMdlError(e));
  });

  it('built-in names win; other text is an expression', () => {
    assert.equal(getObjective(' rosenbrock ').name, 'rosenbrock');
    assert.equal(getObjective('rosenbrock + 1').name, 'custom');
    assert.throws(() => getObjective('saddle', { order: ['a', 'b'] }), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
  });
});

describe('optim/objective: Lipschitz constant L', () => {
  it('is exact for the quadratic: max(1, κ)', () => {
    for (const kappa of [0.25, 1, 10, 1000]) {
      const L = lipschitzBound(quadratic(kappa));
      assert.deepEqual([L.L, L.exact], [Math.max(1, kappa), true]);
    }
  });

  it('is 2 for the saddle (largest |eigenvalue| of diag(2, −2))', () => {
    assert.equal(lipschitzBound(getObjective('saddle')).L, 2);
  });

  it('is a sampled estimate over the region otherwise, and the grid includes the corners', () => {
    const est = lipschitzBound(getObjective('rosenbrock'));
    assert.equal(est.exact, false);
    // At the corner (−2, −1): H = [[2 + 2000 + 3200, 800], [800, 200]] = [[5202, 800], [800, 200]].
    const corner = spectralNorm([[5202, 800], [800, 200]]);
    assert.ok(est.L >= corner, `${est.L} < ${corner}`);
    // Nowhere in [−2, 2] × [−1, 3] is ‖H‖ larger than at x = ±2, y = −1.
    assert.ok(est.L < corner * 1.0001);
  });

  it('works in d > 2 through the symmetric eigensolver', () => {
    const f = customObjective('x^2 + 2*y^2 + 3*z^2 + x*y');
    const est = lipschitzBound(f, { min: [-1, -1, -1], max: [1, 1, 1] });
    // Hessian [[2,1,0],[1,4,0],[0,0,6]]: eigenvalues 6 and 3 ± √2.
    assert.ok(Math.abs(est.L - 6) < 1e-12);
    assert.throws(() => lipschitzBound(f), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
  });

  it('classifies stationary points by the signs of the Hessian eigenvalues', () => {
    assert.equal(classifyStationary(getObjective('rosenbrock'), [1, 1])!.kind, 'minimum');
    assert.deepEqual(classifyStationary(getObjective('saddle'), [0, 0]), { kind: 'saddle', eigenvalues: [2, -2] });
    assert.equal(classifyStationary(customObjective('-(x^2) - y^2'), [0, 0])!.kind, 'maximum');
    assert.equal(classifyStationary(customObjective('x^4 + y^2'), [0, 0])!.kind, 'degenerate');
    assert.equal(classifyStationary(customObjective('x^2 + y^2 - z^2'), [0, 0, 0])!.kind, 'saddle');
  });

  it('spectralNorm of [[a, b], [b, c]] is the larger |eigenvalue|', () => {
    assert.equal(spectralNorm([[2, 0], [0, -3]]), 3);
    assert.ok(Math.abs(spectralNorm([[2, 1], [1, 2]]) - 3) < 1e-15);
  });
});
