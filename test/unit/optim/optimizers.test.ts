/**
 * Every optimiser's first steps against hand arithmetic, and the PyTorch
 * details that change numbers: bias correction with power t, ε outside the
 * square root, the momentum buffer starting at g₁, decoupled weight decay.
 *
 * Most cases use the quadratic f = ½(x² + 10y²) from θ₀ = (−4, 1), where
 * ∇f = (x, 10y), so g₁ = (−4, 10).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createOptimizer, customObjective, quadratic, run, DEFAULTS, OPTIMIZERS, isOptimizerName } from '../../../src/core/optim';
import { isMdlError } from '../../../src/core/errors';

const f = quadratic(10);
const start = [-4, 1];

function near(actual: number[], expected: number[], tol: number, what = '') {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `${what}[${i}]: ${a} vs ${expected[i]} (tol ${tol})`));
}

function steps(name: Parameters<typeof run>[2], settings: object, n = 3) {
  return run(f, start, name, { maxSteps: n, tol: 0, optimizerSettings: settings }).trace;
}

describe('optim/optimizers: hand-computed steps', () => {
  it('SGD, lr 0.1: θ ← θ − 0.1·g', () => {
    const [s1, s2] = steps('sgd', { lr: 0.1 });
    // g₁ = (−4, 10): θ₁ = (−4 + 0.4, 1 − 1) = (−3.6, 0).
    near(s1.theta, [-3.6, 0], 1e-15);
    // g₂ = (−3.6, 0): θ₂ = (−3.6 + 0.36, 0) = (−3.24, 0).
    near(s2.grad, [-3.6, 0], 1e-15);
    near(s2.theta, [-3.24, 0], 1e-15);
    assert.equal(s1.m, undefined);
    assert.equal(s1.v, undefined);
  });

  it('momentum μ 0.9, lr 0.1: b₁ = g₁, then b ← 0.9b + g', () => {
    const [s1, s2, s3] = steps('momentum', { lr: 0.1 });
    // t=1: b = (−4, 10); θ = (−4 + 0.4, 1 − 1) = (−3.6, 0).
    near(s1.m!, [-4, 10], 1e-15);
    near(s1.theta, [-3.6, 0], 1e-15);
    // t=2: g = (−3.6, 0); b = 0.9·(−4, 10) + (−3.6, 0) = (−7.2, 9); θ = (−3.6 + 0.72, 0 − 0.9) = (−2.88, −0.9).
    near(s2.m!, [-7.2, 9], 1e-14);
    near(s2.theta, [-2.88, -0.9], 1e-14);
    // t=3: g = (−2.88, −9); b = 0.9·(−7.2, 9) + (−2.88, −9) = (−9.36, −0.9); θ = (−2.88 + 0.936, −0.9 + 0.09) = (−1.944, −0.81).
    near(s3.grad, [-2.88, -9], 1e-14);
    near(s3.m!, [-9.36, -0.9], 1e-14);
    near(s3.theta, [-1.944, -0.81], 1e-14);
  });

  it('Nesterov μ 0.9, lr 0.1: θ ← θ − lr·(g + μb)', () => {
    const [s1, s2] = steps('nesterov', { lr: 0.1 });
    // t=1: b = g = (−4, 10); g + 0.9b = (−7.6, 19); θ = (−4 + 0.76, 1 − 1.9) = (−3.24, −0.9).
    near(s1.theta, [-3.24, -0.9], 1e-15);
    // t=2: g = (−3.24, −9); b = 0.9·(−4, 10) + g = (−6.84, 0); g + 0.9b = (−9.396, −9); θ = (−3.24 + 0.9396, −0.9 + 0.9) = (−2.3004, 0).
    near(s2.m!, [-6.84, 0], 1e-14);
    near(s2.theta, [-2.3004, 0], 1e-14);
  });

  it('RMSprop α 0.99, lr 0.01: v ← 0.99v + 0.01g², θ ← θ − lr·g/(√v + ε)', () => {
    const [s1, s2] = steps('rmsprop', { lr: 0.01 });
    // t=1: v = 0.01·(16, 100) = (0.16, 1); θ = (−4 + 0.04/0.4, 1 − 0.1/1) = (−3.9, 0.9) (ε = 1e−8 shifts this by ~1e−9).
    near(s1.v!, [0.16, 1], 1e-15);
    near(s1.theta, [-3.9, 0.9], 1e-8);
    // t=2: g ≈ (−3.9, 9); v = 0.99·(0.16, 1) + 0.01·(15.21, 81) = (0.3105, 1.8).
    near(s2.v!, [0.3105, 1.8], 1e-8);
    near(s2.theta, [-3.9 + 0.039 / Math.sqrt(0.3105), 0.9 - 0.09 / Math.sqrt(1.8)], 1e-7);
  });

  it('AdaGrad lr 0.1: G ← G + g², θ ← θ − lr·g/(√G + ε), G₀ = 0', () => {
    const [s1, s2] = steps('adagrad', { lr: 0.1 });
    // t=1: G = (16, 100); θ = (−4 + 0.1·4/4, 1 − 0.1·10/10) = (−3.9, 0.9).
    near(s1.v!, [16, 100], 0);
    // ε = 1e−10 in the denominator shifts x by 0.1·1e−10/4 = 2.5e−12.
    near(s1.theta, [-3.9, 0.9], 1e-11);
    // t=2: g = (−3.9, 9); G = (31.21, 181); θ = (−3.9 + 0.39/√31.21, 0.9 − 0.9/√181).
    // g₂ carries the ε shifts of θ₁ (2.5e−12 in x, 1e−11·10 in y): G picks up 2·|g|·shift ≤ 2e−10.
    near(s2.v!, [31.21, 181], 1e-9);
    near(s2.theta, [-3.9 + 0.39 / Math.sqrt(31.21), 0.9 - 0.9 / Math.sqrt(181)], 1e-11);
  });

  it('Adam lr 0.1: m, v, m̂ = m/(1 − 0.9ᵗ), v̂ = v/(1 − 0.999ᵗ), θ ← θ − lr·m̂/(√v̂ + ε)', () => {
    const [s1, s2] = steps('adam', { lr: 0.1 });
    // t=1: m = 0.1·(−4, 10) = (−0.4, 1); v = 0.001·(16, 100) = (0.016, 0.1); m̂ = g; v̂ = g².
    near(s1.m!, [-0.4, 1], 1e-15);
    near(s1.v!, [0.016, 0.1], 1e-15);
    near(s1.mHat!, [-4, 10], 1e-13);
    near(s1.vHat!, [16, 100], 1e-11);
    // θ₁ = θ₀ − 0.1·g/(|g| + ε) = (−3.9, 0.9) up to ε.
    near(s1.theta, [-3.9, 0.9], 1e-9);
    // t=2: g ≈ (−3.9, 9); m = 0.9·(−0.4, 1) + 0.1·(−3.9, 9) = (−0.75, 1.8);
    // v = 0.999·(0.016, 0.1) + 0.001·(15.21, 81) = (0.031194, 0.1809); 1 − 0.9² = 0.19, 1 − 0.999² = 0.001999.
    near(s2.m!, [-0.75, 1.8], 1e-9);
    near(s2.v!, [0.031194, 0.1809], 1e-9);
    const mHat = [-0.75 / 0.19, 1.8 / 0.19];
    const vHat = [0.031194 / 0.001999, 0.1809 / 0.001999];
    near(s2.mHat!, mHat, 1e-8);
    near(s2.vHat!, vHat, 1e-6);
    near(s2.theta, [-3.9 - (0.1 * mHat[0]) / Math.sqrt(vHat[0]), 0.9 - (0.1 * mHat[1]) / Math.sqrt(vHat[1])], 1e-8);
  });

  it('AdamW lr 0.1, λ 0.01: θ is first shrunk by (1 − lr·λ), outside the moments', () => {
    const [s1] = steps('adamw', { lr: 0.1 });
    // θ₀(1 − 0.001) = (−3.996, 0.999); the Adam part moves each coordinate by 0.1·sign(g): (−3.896, 0.899).
    near(s1.theta, [-3.896, 0.899], 1e-9);
    // The moments see the raw gradient only.
    near(s1.m!, [-0.4, 1], 1e-15);
  });
});

describe('optim/optimizers: PyTorch semantics', () => {
  it("Adam's first step is −α·sign(g) whenever ε ≪ |g|", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 1e-5, max: 1, noNaN: true }),
        (theta0, mags, signs, lr) => {
          const grad = Float64Array.from(theta0, (_, i) => (signs[i] ? mags[i] : -mags[i]));
          const theta = Float64Array.from(theta0);
          createOptimizer('adam', theta.length, { lr }).step(theta, grad, 1);
          theta0.forEach((x, i) => {
            const expected = x - lr * Math.sign(grad[i]);
            // |lr·g/(|g| + ε) − lr·sign(g)| ≤ lr·ε/|g| ≤ lr·1e−5, plus rounding of x.
            assert.ok(Math.abs(theta[i] - expected) <= lr * 1e-5 + 4e-16 * Math.abs(x), `${theta[i]} vs ${expected}`);
          });
        },
      ),
    );
  });

  it('Adam via run on the quadratic: θ₁ − θ₀ = −α·sign(∇f(θ₀))', () => {
    const r = run(f, start, 'adam', { maxSteps: 1, tol: 0 });
    // Off by at most α·ε/|g| = 1e−3·1e−8/4.
    near(r.trace[0].theta, [-4 + 1e-3, 1 - 1e-3], 3e-12);
  });

  it('bias correction uses the power t: m̂₃ = m₃/(1 − β₁³), v̂₃ = v₃/(1 − β₂³)', () => {
    const s3 = steps('adam', {}, 3)[2];
    s3.m!.forEach((m, i) => assert.ok(Math.abs(s3.mHat![i] - m / (1 - 0.9 ** 3)) <= 1e-15 * Math.abs(s3.mHat![i])));
    s3.v!.forEach((v, i) => assert.ok(Math.abs(s3.vHat![i] - v / (1 - 0.999 ** 3)) <= 1e-15 * Math.abs(s3.vHat![i])));
    // The course answer's m/(1 − β₁) would be 1/0.1 = 10 times m, not 1/0.271.
    assert.ok(Math.abs(s3.mHat![0] - s3.m![0] / 0.1) > 1);
  });

  it('Adam adds ε outside the square root', () => {
    // f = 1e−8·x has g = 1e−8: √v̂₁ = 1e−8, so the step is lr·1e−8/(1e−8 + 1e−8) = lr/2.
    // With ε inside (√(v̂ + ε) ≈ 1e−4) it would be lr·1e−4.
    const r = run(customObjective('1e-8 * x'), [0], 'adam', { maxSteps: 1, tol: 0, optimizerSettings: { lr: 0.1 } });
    assert.ok(Math.abs(r.theta[0] - -0.05) < 1e-12, String(r.theta[0]));
  });

  it('RMSprop adds ε outside the square root', () => {
    // g = 1e−8: v₁ = 0.01·1e−16, √v₁ = 1e−9; step = lr·1e−8/(1e−9 + 1e−8) = lr/1.1.
    const r = run(customObjective('1e-8 * x'), [0], 'rmsprop', { maxSteps: 1, tol: 0, optimizerSettings: { lr: 0.1 } });
    assert.ok(Math.abs(r.theta[0] - -0.1 / 1.1) < 1e-12, String(r.theta[0]));
  });

  it('the momentum buffer starts as g₁ even with dampening (PyTorch), then damps', () => {
    const theta = Float64Array.of(0);
    const opt = createOptimizer('momentum', 1, { lr: 1, dampening: 0.5 });
    opt.step(theta, Float64Array.of(2), 1);
    // b₁ = g₁ = 2, not (1 − 0.5)·2 = 1.
    assert.deepEqual(opt.state().m, [2]);
    assert.equal(theta[0], -2);
    opt.step(theta, Float64Array.of(2), 2);
    // b₂ = 0.9·2 + 0.5·2 = 2.8.
    assert.ok(Math.abs(opt.state().m![0] - 2.8) < 1e-15);
  });

  it('AdamW decays θ even with a zero gradient; Adam with L2 decay turns it into a full α step', () => {
    const w = Float64Array.of(1);
    createOptimizer('adamw', 1).step(w, Float64Array.of(0), 1);
    // θ(1 − 1e−3·1e−2); m = v = 0, so the Adam part is 0/(0 + ε) = 0.
    assert.equal(w[0], 1 - 1e-5);
    const a = Float64Array.of(1);
    createOptimizer('adam', 1, { weightDecay: 1e-2 }).step(a, Float64Array.of(0), 1);
    // g = λθ = 0.01 enters the moments: the first step is −α·g/(|g| + ε) ≈ −1e−3 (ε/|g| = 1e−6 of it).
    assert.ok(Math.abs(a[0] - 0.999) < 2e-9, String(a[0]));
  });

  it('does not modify the gradient array', () => {
    for (const name of OPTIMIZERS) {
      const g = Float64Array.of(1, -2);
      createOptimizer(name, 2, { weightDecay: 0.1 }).step(Float64Array.of(3, 4), g, 1);
      assert.deepEqual(Array.from(g), [1, -2], name);
    }
  });

  it('has the torch.optim defaults', () => {
    assert.equal(DEFAULTS.adam.lr, 1e-3);
    assert.equal(DEFAULTS.adam.beta1, 0.9);
    assert.equal(DEFAULTS.adam.beta2, 0.999);
    assert.equal(DEFAULTS.adam.eps, 1e-8);
    assert.equal(DEFAULTS.adamw.weightDecay, 1e-2);
    assert.equal(DEFAULTS.rmsprop.alpha, 0.99);
    assert.equal(DEFAULTS.rmsprop.lr, 1e-2);
    assert.equal(DEFAULTS.adagrad.eps, 1e-10);
    assert.equal(DEFAULTS.adagrad.initialAccumulator, 0);
    assert.equal(DEFAULTS.momentum.momentum, 0.9);
  });

  it('refuses unknown optimisers and bad settings with MdlError', () => {
    const bad: Array<[string, object]> = [
      ['adamax', {}],
      ['adam', { lr: 0 }],
      ['adam', { lr: -1 }],
      ['adam', { beta1: 1 }],
      ['adam', { momentum: 0.9 }],
      ['rmsprop', { alpha: 1.5 }],
      ['nesterov', { momentum: 0 }],
      ['sgd', { lr: Number.NaN }],
    ];
    for (const [name, settings] of bad) {
      assert.throws(() => createOptimizer(name, 2, settings), (e: unknown) => isMdlError(e) && e.code === 'invalid-argument', `${name} ${JSON.stringify(settings)}`);
    }
    assert.ok(isOptimizerName('adam'));
    assert.ok(!isOptimizerName('constructor'));
  });
});
