/**
 * Q3: batch vs SGD vs mini-batch. SGD takes one example per step and
 * reshuffles each epoch (checked against an independent reference loop),
 * the work is counted, the noise has mean ≈ 0, and at a saddle batch GD
 * stalls while SGD escapes.
 */
import * as assert from 'node:assert/strict';
import { compareGradientMethods, generateLinearData, linearRegression, mulberry32, normalSampler, saddleDemo, shuffleInPlace } from '../../../src/core/optim';
import { isMdlError } from '../../../src/core/errors';

const data = generateLinearData({ n: 200, noise: 0.3, seed: 42 });
const epochs = 30;
const outcome = compareGradientMethods(data, { eta: 0.05, epochs, batchSize: 16, seed: 5 });
const method = (m: string) => outcome.methods.find((r) => r.method === m)!;

describe('optim/compare: the three methods', () => {
  it('SGD takes one example per step: steps = per-example gradients = N·epochs', () => {
    const sgd = method('sgd');
    assert.equal(sgd.batchSize, 1);
    assert.equal(sgd.steps, 200 * epochs);
    assert.equal(sgd.gradientEvaluations, sgd.steps);
  });

  it('batch GD spends N per step, mini-batch B per step (last batch partial), all N per epoch', () => {
    assert.deepEqual([method('batch').steps, method('batch').gradientEvaluations], [epochs, 200 * epochs]);
    const mini = method('minibatch');
    assert.equal(mini.steps, epochs * Math.ceil(200 / 16));
    assert.equal(mini.gradientEvaluations, 200 * epochs);
    // 2d multiply-adds per per-example gradient, d = 2.
    assert.equal(mini.flops, 4 * mini.gradientEvaluations);
  });

  it('SGD is one-example steps over a fresh seeded shuffle each epoch (independent reference loop)', () => {
    const small = generateLinearData({ n: 9, seed: 2 });
    const got = compareGradientMethods(small, { eta: 0.03, epochs: 4, seed: 11 }).methods.find((m) => m.method === 'sgd')!;
    const uniform = mulberry32(11);
    const order = Uint32Array.from({ length: 9 }, (_, i) => i);
    let [w0, w1] = [0, 0];
    for (let e = 0; e < 4; e++) {
      shuffleInPlace(order, uniform);
      for (const i of order) {
        const r = w0 + w1 * small.x[i] - small.y[i];
        [w0, w1] = [w0 - 0.03 * 2 * r, w1 - 0.03 * 2 * r * small.x[i]];
      }
    }
    assert.deepEqual(got.theta, [w0, w1]);
  });

  it('is reproducible from the seed, and a different seed gives a different SGD path', () => {
    const again = compareGradientMethods(data, { eta: 0.05, epochs, batchSize: 16, seed: 5 });
    assert.deepEqual(again.json, outcome.json);
    const other = compareGradientMethods(data, { eta: 0.05, epochs, batchSize: 16, seed: 6 });
    assert.notDeepEqual(other.methods[1].theta, method('sgd').theta);
    // Batch GD has no randomness.
    assert.deepEqual(other.methods[0].theta, method('batch').theta);
  });

  it('per epoch of work, SGD and mini-batch are far ahead of batch GD; SGD stays in a noise ball above J*', () => {
    assert.ok(method('sgd').loss < method('batch').loss);
    assert.ok(method('minibatch').loss < method('batch').loss);
    assert.ok(method('sgd').loss > outcome.optimalLoss);
    assert.equal(method('batch').perEpoch.length, epochs + 1);
  });

  it('records loss per epoch and per gradient evaluation (≤ 2000 points, increasing work)', () => {
    for (const m of outcome.methods) {
      const { x, loss } = m.perEvaluation;
      assert.ok(x.length <= 2000 && x.length === loss.length);
      assert.equal(x[0], 0);
      assert.equal(x.at(-1), m.gradientEvaluations);
      for (let k = 1; k < x.length; k++) assert.ok(x[k] > x[k - 1]);
    }
  });

  it('the JSON has exactly the promised fields', () => {
    assert.deepEqual(Object.keys(outcome.json), ['methods']);
    assert.deepEqual(outcome.json.methods.map((m) => m.method), ['batch', 'sgd', 'minibatch']);
    for (const m of outcome.json.methods) {
      assert.deepEqual(Object.keys(m).sort(), ['final', 'gradientEvaluations', 'history', 'method']);
      assert.deepEqual(Object.keys(m.history), ['loss']);
    }
  });

  it('refuses bad settings', () => {
    assert.throws(() => compareGradientMethods(data, { epochs: 0 }), (e: unknown) => isMdlError(e));
    assert.throws(() => compareGradientMethods(data, { eta: 0 }), (e: unknown) => isMdlError(e));
    assert.throws(() => generateLinearData({ n: 0 }), (e: unknown) => isMdlError(e));
  });
});

describe('optim/compare: the SGD noise ξₜ = ∇L_{iₜ} − ∇J', () => {
  it('averages to exactly 0 over all examples at a fixed w (E[∇Lᵢ] = ∇J)', () => {
    const J = linearRegression(data);
    const w = [0.3, -0.7];
    const g = new Float64Array(2);
    const sum = [0, 0];
    for (let i = 0; i < data.x.length; i++) {
      J.exampleGradient(i, w, g);
      sum[0] += g[0];
      sum[1] += g[1];
    }
    const full = J.gradient(w);
    assert.ok(Math.abs(sum[0] / 200 - full[0]) < 1e-13 && Math.abs(sum[1] / 200 - full[1]) < 1e-13);
  });

  it('has a measured mean within 4 standard errors of 0 along the run', () => {
    const noise = method('sgd').noise!;
    assert.equal(noise.steps, 200 * epochs);
    noise.mean.forEach((m, i) => assert.ok(Math.abs(m) < 4 * noise.standardError[i], `component ${i}: ${m} ± ${noise.standardError[i]}`));
    assert.equal(noise.perEpoch.length, epochs);
    // The noise is real: its variance is far from 0.
    assert.ok(noise.perEpoch.every((e) => e.variance[0] > 1e-3 && e.variance[1] > 1e-4));
  });

  it('mini-batches of B divide its variance by roughly B', () => {
    const sgdVar = method('sgd').noise!.perEpoch.at(-1)!.variance;
    const miniVar = method('minibatch').noise!.perEpoch.at(-1)!.variance;
    for (let i = 0; i < 2; i++) {
      const ratio = sgdVar[i] / miniVar[i];
      assert.ok(ratio > 16 / 3 && ratio < 16 * 3, `variance ratio ${ratio}`);
    }
  });

  it('batch GD has no noise statistics (its gradient is exact)', () => {
    assert.equal(method('batch').noise, undefined);
  });
});

describe('optim/saddle: batch GD stalls, SGD escapes', () => {
  it('batch GD slides into the saddle along y = 0 and stops there', () => {
    const s = saddleDemo();
    assert.equal(s.batch.stalled, true);
    assert.equal(s.batch.theta[1], 0);
    assert.ok(s.batch.gradNorm < 1e-8);
    // x ← (1 − 2η)x = 0.9x: ‖∇J‖ = 2·0.9ᵗ < 1e−8 first at t = ⌈ln(2e8)/ln(1/0.9)⌉ = 182.
    assert.equal(s.batch.steps, Math.ceil(Math.log(2e8) / Math.log(1 / 0.9)));
  });

  it('SGD leaves the saddle for every seed tried', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const s = saddleDemo({ seed });
      assert.notEqual(s.sgd.escapedAt, null, `seed ${seed}`);
      assert.ok(Math.abs(s.sgd.theta[1]) > 1);
      assert.ok(s.sgd.loss < s.c - 0.5, 'SGD reached lower J than the saddle value c');
    }
  });

  it('the offsets have mean exactly 0 in floating point', () => {
    const s = saddleDemo({ n: 50, seed: 3 });
    assert.equal(s.a.reduce((t, v) => t + v, 0), 0);
    assert.equal(s.b.reduce((t, v) => t + v, 0), 0);
    assert.equal(s.a.length, 50);
  });
});

describe('optim/rng', () => {
  it('mulberry32 is deterministic and uniform-looking', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 10_000 }, () => a());
    assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.01);
  });

  it('Box–Muller gives mean ≈ 0 and variance ≈ 1', () => {
    const normal = normalSampler(mulberry32(9));
    const zs = Array.from({ length: 20_000 }, () => normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / (zs.length - 1);
    assert.ok(Math.abs(mean) < 0.03 && Math.abs(variance - 1) < 0.04, `${mean} ${variance}`);
  });

  it('shuffleInPlace permutes', () => {
    const order = Uint32Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(order, mulberry32(1));
    assert.deepEqual([...order].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
    assert.notDeepEqual([...order], Array.from({ length: 100 }, (_, i) => i));
  });
});
