/**
 * The run loop: convergence, divergence (with the step where it began),
 * history subsampling, trace contents, progress and cancellation, and speed.
 */
import * as assert from 'node:assert/strict';
import { customObjective, getObjective, quadratic, run } from '../../../src/core/optim';
import { HistoryRecorder } from '../../../src/core/optim/history';
import { isMdlError } from '../../../src/core/errors';

const q = quadratic(10);

describe('optim/run: convergence and divergence', () => {
  it('converges when ‖∇f‖ < tol, at the step the arithmetic predicts', () => {
    // SGD lr 0.1 on ½(x² + 10y²) from (−4, 1): y ← (1 − 1)y = 0 after one step, x ← 0.9x.
    // ‖∇f‖ = 4·0.9ᵗ < 1e−8 first at t = ⌈ln(4e8)/ln(1/0.9)⌉ = ⌈187.99⌉ = 188.
    const r = run(q, [-4, 1], 'sgd', { optimizerSettings: { lr: 0.1 }, maxSteps: 10_000 });
    assert.equal(r.converged, true);
    assert.equal(r.diverged, false);
    assert.equal(r.iterations, Math.ceil(Math.log(4e8) / Math.log(1 / 0.9)));
    assert.ok(r.gradNorm < 1e-8);
    assert.equal(r.history.x.at(-1), r.iterations);
    assert.equal(r.history.loss.at(-1), r.loss);
  });

  it('detects divergence for lr > 2/L and names the step where it began', () => {
    // lr 0.25 > 2/L = 0.2: y ← (1 − 2.5)y = −1.5y grows, x ← 0.75x shrinks.
    // From (−4, 1) the loss rises at once (13 → 15.75), so the blow-up began at step 1.
    const r = run(q, [-4, 1], 'sgd', { optimizerSettings: { lr: 0.25 }, maxSteps: 10_000 });
    assert.equal(r.diverged, true);
    assert.equal(r.converged, false);
    const limit = 1e12 * (1 + 13);
    let t = 0;
    while (0.5 * ((4 * 0.75 ** t) ** 2 + 10 * (1.5 ** t) ** 2) <= limit) t++;
    assert.equal(r.divergence!.step, t);
    assert.equal(r.iterations, t);
    assert.equal(r.divergence!.reason, 'loss');
    assert.equal(r.divergence!.onset, 1);
    assert.match(r.divergence!.explanation, new RegExp(`step ${t}`));
  });

  it('finds a later onset when the loss first falls, then grows', () => {
    // Start with almost all the error in x: the loss falls while 0.75ᵗ dominates, then 1.5ᵗ takes over.
    const r = run(q, [-4, 1e-6], 'sgd', { optimizerSettings: { lr: 0.25 }, maxSteps: 10_000 });
    const loss = (t: number) => 0.5 * ((4 * 0.75 ** t) ** 2 + 10 * (1e-6 * 1.5 ** t) ** 2);
    let best = 0;
    for (let t = 1; t < r.divergence!.step; t++) if (loss(t) < loss(best)) best = t;
    assert.ok(best > 5, `the loss should fall for a while (best step ${best})`);
    assert.equal(r.divergence!.onset, best + 1);
    assert.match(r.divergence!.explanation, new RegExp(`began at step ${best + 1}`));
  });

  it('reports a non-finite loss (sqrt of a negative) as divergence', () => {
    // f = √x + x² from 1 with lr 1: g = 0.5 + 2 = 2.5, so x₁ = −1.5 and √x is NaN.
    const r = run(customObjective('sqrt(x) + x^2'), [1], 'sgd', { optimizerSettings: { lr: 1 } });
    assert.equal(r.diverged, true);
    assert.equal(r.divergence!.reason, 'non-finite');
    assert.equal(r.divergence!.step, 1);
  });

  it('reports an objective unbounded below (the saddle) through ‖θ‖', () => {
    const r = run(getObjective('saddle'), [1, 1e-3], 'sgd', { optimizerSettings: { lr: 0.1 }, maxSteps: 100_000 });
    assert.equal(r.diverged, true);
    assert.equal(r.divergence!.reason, 'theta');
    assert.match(r.divergence!.explanation, /unbounded below/);
  });

  it('stops at the budget without claiming convergence', () => {
    const r = run(getObjective('rosenbrock'), [-1.5, 2], 'adam', { maxSteps: 50 });
    assert.deepEqual([r.iterations, r.converged, r.diverged, r.stopped], [50, false, false, false]);
  });

  it('refuses a wrong-sized or non-finite start and a bad budget', () => {
    assert.throws(() => run(q, [1], 'adam'), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument');
    assert.throws(() => run(q, [1, Number.NaN], 'adam'), (e: unknown) => isMdlError(e) && e.code === 'non-finite');
    assert.throws(() => run(q, [1, 1], 'adam', { maxSteps: 1.5 }), (e: unknown) => isMdlError(e));
    assert.throws(() => run(customObjective('log(x)'), [-1], 'adam'), (e: unknown) => isMdlError(e) && e.code === 'non-finite');
  });
});

describe('optim/run: trace, history, progress', () => {
  it('traces the first 20 steps in full: θₜ after the update, gₜ = ∇f(θₜ₋₁)', () => {
    const r = run(getObjective('rosenbrock'), [-1.5, 2], 'adam', { maxSteps: 100 });
    assert.equal(r.trace.length, 20);
    assert.deepEqual(r.trace.map((e) => e.t), Array.from({ length: 20 }, (_, i) => i + 1));
    assert.deepEqual(r.trace[0].grad, Array.from(getObjective('rosenbrock').gradient([-1.5, 2])));
    for (let t = 1; t < 20; t++) assert.deepEqual(r.trace[t].grad, Array.from(getObjective('rosenbrock').gradient(r.trace[t - 1].theta)));
    for (const key of ['m', 'v', 'mHat', 'vHat'] as const) assert.ok(Array.isArray(r.trace[0][key]), key);
  });

  it('carries only the state an optimiser has', () => {
    const keys = (name: Parameters<typeof run>[2]) => Object.keys(run(q, [1, 1], name, { maxSteps: 1 }).trace[0]).sort();
    assert.deepEqual(keys('sgd'), ['grad', 't', 'theta']);
    assert.deepEqual(keys('momentum'), ['grad', 'm', 't', 'theta']);
    assert.deepEqual(keys('rmsprop'), ['grad', 't', 'theta', 'v']);
    assert.deepEqual(keys('adagrad'), ['grad', 't', 'theta', 'v']);
    assert.deepEqual(keys('adam'), ['grad', 'm', 'mHat', 't', 'theta', 'v', 'vHat']);
  });

  it('a 10⁵-step run finishes and its history is subsampled evenly to ≤ 2000 points', () => {
    const r = run(getObjective('rosenbrock'), [-1.5, 2], 'adam', { maxSteps: 100_000, tol: 0 });
    assert.equal(r.iterations, 100_000);
    const { x, loss, path } = r.history;
    assert.ok(x.length <= 2000 && x.length > 1000, String(x.length));
    assert.equal(x.length, loss.length);
    assert.equal(path!.length, x.length);
    assert.equal(x[0], 0);
    assert.equal(x.at(-1), 100_000);
    const stride = x[1];
    for (let k = 0; k < x.length - 1; k++) assert.equal(x[k], k * stride);
    // The recorded values are the real losses at those steps, and the final numbers are exact.
    assert.equal(loss.at(-1), r.loss);
    assert.equal(path!.at(-1)![0], r.theta[0]);
  });

  it('the history recorder keeps the points evenly spaced for any length', () => {
    for (const n of [0, 1, 5, 1999, 2000, 2001, 4096, 12_345]) {
      const h = new HistoryRecorder(2000, 1, false);
      for (let t = 0; t <= n; t++) h.offer(t, t * t);
      h.finish(n, n * n);
      const { x, loss } = h.result();
      assert.ok(x.length <= 2000);
      assert.equal(x.at(-1), n);
      x.forEach((v, k) => assert.equal(loss[k], v * v));
      const stride = x.length > 1 ? x[1] : 1;
      for (let k = 0; k < x.length - 1; k++) assert.equal(x[k], k * stride, `n=${n} k=${k}`);
    }
  });

  it('calls onProgress every N steps and stops when shouldStop says so', () => {
    const seen: number[] = [];
    const r = run(getObjective('rosenbrock'), [-1.5, 2], 'adam', {
      maxSteps: 100_000,
      tol: 0,
      progressEvery: 1000,
      onProgress: (p) => seen.push(p.step),
      shouldStop: () => seen.length >= 3,
    });
    assert.deepEqual(seen, [1000, 2000, 3000]);
    assert.equal(r.stopped, true);
    assert.equal(r.iterations, 3000);
    assert.equal(r.converged, false);
  });

  it('runs 10⁶ Adam steps on Rosenbrock (speed is measured by npm run bench)', function () {
    this.timeout(60_000);
    const r = run(getObjective('rosenbrock'), [-1.5, 2], 'adam', { maxSteps: 1_000_000, tol: 0 });
    assert.equal(r.iterations, 1_000_000);
    // Adam gets close to the minimum (1, 1).
    assert.ok(Math.hypot(r.theta[0] - 1, r.theta[1] - 1) < 1e-2, String(r.theta));
  });
});
