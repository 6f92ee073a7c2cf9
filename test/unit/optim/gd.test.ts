/**
 * Q4: gradient descent on linear regression. L and 2/L for a known data set,
 * divergence above 2/L, convergence below it to the normal-equations
 * solution, the descent lemma with L, and the generated programs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { compileExpression, generateLinearData, gdPython, gdTypeScript, gradientDescent, linearRegression, logisticRegression } from '../../../src/core/optim';
import { isMdlError } from '../../../src/core/errors';

// y = 1 + 2x exactly. ∇²J = (2/N)XᵀX = (2/4)[[4, 10], [10, 30]] = [[2, 5], [5, 15]].
// λ = (17 ± √((2 − 15)² + 4·25))/2 = (17 ± √269)/2, so L = (17 + √269)/2 ≈ 16.7006 and 2/L ≈ 0.119756.
const line = { x: [1, 2, 3, 4], y: [3, 5, 7, 9] };
const L = (17 + Math.sqrt(269)) / 2;

describe('optim/gd: L and the stability bound', () => {
  it('L is the largest eigenvalue of (2/N)XᵀX, in closed form', () => {
    const J = linearRegression(line);
    assert.deepEqual(J.hessianMatrix, [[2, 5], [5, 15]]);
    assert.ok(Math.abs(J.eigenvalues[0] - L) < 1e-13);
    assert.ok(Math.abs(J.eigenvalues[1] - (17 - Math.sqrt(269)) / 2) < 1e-13);
    const r = gradientDescent(line, { eta: 0.05 });
    assert.ok(Math.abs(r.L - L) < 1e-13);
    assert.ok(Math.abs(r.stableBelow - 2 / L) < 1e-15);
    assert.equal(r.stable, true);
    assert.equal(gradientDescent(line, { eta: 0.12, maxSteps: 10 }).stable, false);
  });

  it('the gradient is (2/N)Σ(ŷᵢ − yᵢ)·(1, xᵢ) (errata Q4)', () => {
    const J = linearRegression(line);
    // At w = (0, 0): residuals −3, −5, −7, −9; ∂J/∂w₀ = (2/4)(−24) = −12; ∂J/∂w₁ = (2/4)(−3 − 10 − 21 − 36) = −35; J = (9 + 25 + 49 + 81)/4 = 41.
    assert.deepEqual(Array.from(J.gradient([0, 0])), [-12, -35]);
    assert.equal(J.value([0, 0]), 41);
  });

  it('converges for η < 2/L to the least-squares solution of the normal equations', () => {
    const data = generateLinearData({ n: 60, noise: 0.5, seed: 3 });
    const J = linearRegression(data);
    // Normal equations, solved independently: [[N, Σx], [Σx, Σx²]] w = [Σy, Σxy].
    const [n, sx, sxx] = [data.x.length, data.x.reduce((s, v) => s + v, 0), data.x.reduce((s, v) => s + v * v, 0)];
    const [sy, sxy] = [data.y.reduce((s, v) => s + v, 0), data.x.reduce((s, v, i) => s + v * data.y[i], 0)];
    const det = n * sxx - sx * sx;
    const w = [(sxx * sy - sx * sxy) / det, (n * sxy - sx * sy) / det];
    const ls = J.leastSquares()!;
    assert.ok(Math.abs(ls[0] - w[0]) < 1e-12 && Math.abs(ls[1] - w[1]) < 1e-12);
    for (const fraction of [0.5, 0.9, 0.99]) {
      const r = gradientDescent(data, { eta: (fraction * 2) / J.eigenvalues[0], maxSteps: 100_000 });
      assert.equal(r.run.converged, true, `η = ${fraction}·2/L`);
      assert.ok(Math.abs(r.run.theta[0] - w[0]) < 1e-7 && Math.abs(r.run.theta[1] - w[1]) < 1e-7, `${r.run.theta} vs ${w}`);
      assert.match(r.verdict, /Converged/);
    }
  });

  it('diverges for η > 2/L, says where it began and why', () => {
    const r = gradientDescent(line, { eta: 0.2 });
    assert.equal(r.stable, false);
    assert.equal(r.run.diverged, true);
    // From w = 0 (J = 41) the first step already overshoots: w₁ = (2.4, 7), J(w₁) = ((2.4+14−3)² + …)/4 ≫ 41.
    assert.equal(r.run.divergence!.onset, 1);
    assert.match(r.verdict, /2\/L = 0\.1198/);
    assert.match(r.verdict, /1 − ηL = -2\.340/);
    assert.match(r.verdict, /Diverged at step \d+/);
  });

  it('η = 0.001 (the rate Q4 asks about) is stable here, and slow', () => {
    const r = gradientDescent(line, { eta: 0.001, maxSteps: 2000 });
    assert.equal(r.stable, true);
    assert.equal(r.run.converged, false);
    // ρ = max|1 − ηλ| = 1 − 0.001·λ_min.
    assert.ok(Math.abs(r.contraction - (1 - 0.001 * r.mu)) < 1e-15);
    assert.match(r.verdict, /Stable .* but not converged/);
  });

  it('the descent lemma with L holds at every traced step, and J falls when η < 2/L', () => {
    for (const eta of [0.01, 0.05, 0.11, 0.15]) {
      const r = gradientDescent(line, { eta, maxSteps: 20 });
      assert.equal(r.descent.length, 20);
      for (const d of r.descent) assert.ok(d.holds, `η=${eta} t=${d.t}: ${d.lhs} > ${d.rhs}`);
      const losses = r.json.trace.map((e) => e.loss);
      const falling = losses.every((v, i) => i === 0 || v <= losses[i - 1]);
      assert.equal(falling, eta < 2 / L, `η = ${eta}`);
    }
  });

  it('the JSON has exactly the promised fields', () => {
    const { json } = gradientDescent(line, { eta: 0.05 });
    assert.deepEqual(Object.keys(json).sort(), ['L', 'final', 'history', 'stable', 'stableBelow', 'trace']);
    assert.deepEqual(Object.keys(json.final).sort(), ['loss', 'theta']);
    assert.deepEqual(Object.keys(json.history), ['loss']);
    assert.equal(json.final.theta.length, 2);
    assert.deepEqual(Object.keys(json.trace[0]).sort(), ['grad', 'loss', 't', 'theta']);
  });

  it('refuses bad data and learning rates', () => {
    assert.throws(() => gradientDescent({ x: [1, 2], y: [1] }), (e: unknown) => isMdlError(e) && e.code === 'ragged');
    assert.throws(() => gradientDescent({ x: [], y: [] }), (e: unknown) => isMdlError(e) && e.code === 'empty');
    assert.throws(() => gradientDescent({ x: [1, Number.NaN], y: [1, 2] }), (e: unknown) => isMdlError(e) && e.code === 'non-finite');
    assert.throws(() => gradientDescent(line, { eta: -1 }), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
  });

  it('all-equal xᵢ: no unique least-squares line, still a finite L', () => {
    const J = linearRegression({ x: [2, 2, 2], y: [1, 2, 3] });
    assert.equal(J.leastSquares(), null);
    // H = 2[[1, 2], [2, 4]]: eigenvalues 10 and 0.
    assert.ok(Math.abs(J.eigenvalues[0] - 10) < 1e-14);
    assert.ok(Math.abs(J.eigenvalues[1]) < 1e-14);
  });
});

describe('optim/gd: the generated programs run the same loop', () => {
  const data = generateLinearData({ n: 12, noise: 0.2, seed: 9 });
  const params = { data, eta: 0.1, start: [0.5, -1] as [number, number], maxSteps: 5000, tol: 1e-8 };
  const expected = gradientDescent(data, params);

  it('TypeScript: bit-for-bit the same w', () => {
    const source = gdTypeScript(params).replace(/: number\[\]/g, '');
    const printed: unknown[][] = [];
    new Function('console', source)({ log: (...a: unknown[]) => printed.push(a) });
    assert.deepEqual(printed.at(-1)!.slice(0, 2), expected.run.theta);
    assert.ok(Math.abs((printed.at(-1)![2] as number) - expected.run.loss) < 1e-15);
  });

  it('Python: the same w (skipped when python3 is missing)', function () {
    const py = spawnSync('python3', ['-c', gdPython(params)], { encoding: 'utf8' });
    if (py.error) this.skip();
    assert.equal(py.status, 0, py.stderr);
    const [w0, w1] = py.stdout.trim().split(/\s+/).map(Number);
    assert.deepEqual([w0, w1], expected.run.theta);
  });

  it('only numbers reach the source', () => {
    assert.throws(() => gdPython({ ...params, eta: Number.NaN }), RangeError);
  });
});

describe('optim/linreg: logistic regression (for later)', () => {
  const data = { x: [-2, -1, 0.5, 1, 3], y: [0, 0, 1, 0, 1] };
  const f = logisticRegression(data);

  it('mean cross-entropy is log 2 at w = 0', () => {
    assert.ok(Math.abs(f.value([0, 0]) - Math.log(2)) < 1e-15);
  });

  it('gradient (1/N)Σ(σ(zᵢ) − yᵢ)(1, xᵢ) matches central differences', () => {
    for (const w of [[0, 0], [0.3, -1.2], [-2, 4]]) {
      const g = f.gradient(w);
      for (let i = 0; i < 2; i++) {
        const h = 1e-6;
        const up = [...w];
        const dn = [...w];
        up[i] += h;
        dn[i] -= h;
        assert.ok(Math.abs(g[i] - (f.value(up) - f.value(dn)) / (2 * h)) < 1e-8);
      }
    }
  });

  it('stays finite for huge logits and its expression parses back to the same value', () => {
    assert.ok(Number.isFinite(f.value([0, 1000])));
    assert.ok(Math.abs(compileExpression(f.expression, f.variables)([0.3, -1.2]) - f.value([0.3, -1.2])) < 1e-14);
  });
});
