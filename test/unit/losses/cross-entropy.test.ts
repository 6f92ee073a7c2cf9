import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { richardsonDerivative } from '../../../src/core/activations/check';
import { sigmoid } from '../../../src/core/activations/math';
import {
  deriveCrossEntropy,
  gradientMagnitudes,
  sigmoidSquaredError,
  sigmoidSquaredErrorGradient,
  softmaxCrossEntropy,
  softmaxCrossEntropyGradient,
} from '../../../src/core/losses/cross-entropy';
import { crossEntropy, decompose, entropy, klDivergence, validateDistribution } from '../../../src/core/losses/entropy';
import { trainLogisticRegression } from '../../../src/core/losses/training';
import { isMdlError } from '../../../src/core/errors';

const oneHotCase = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.tuple(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: n, maxLength: n }), fc.integer({ min: 0, max: n - 1 })))
  .map(([z, k]) => ({ z, y: z.map((_, i) => (i === k ? 1 : 0)) }));

const distribution = (n: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).filter((v) => v.some((x) => x > 1e-3)).map((v) => {
    const s = v.reduce((a, b) => a + b, 0);
    return v.map((x) => x / s);
  });

describe('cross-entropy gradient (Question 6)', () => {
  it('∂L/∂z = ŷ − y matches finite differences for random logits and one-hot targets', () => {
    fc.assert(
      fc.property(oneHotCase, ({ z, y }) => {
        const g = softmaxCrossEntropyGradient(z, y);
        return z.every((_, j) => Math.abs(g[j] - richardsonDerivative((t) => softmaxCrossEntropy(z.map((v, i) => (i === j ? t : v)), y), z[j])) < 1e-8);
      }),
    );
  });

  it('the gradient sums to 0 and is ŷ − y exactly', () => {
    const { json } = deriveCrossEntropy();
    const { prediction, target, gradient, finiteDifference } = json.example;
    assert.deepEqual(gradient, prediction.map((p, i) => p - target[i]));
    assert.ok(Math.abs(gradient.reduce((a, b) => a + b, 0)) < 1e-15);
    gradient.forEach((g, i) => assert.ok(Math.abs(g - finiteDifference[i]) < 1e-9));
  });

  it('squared error through a sigmoid: 2(ŷ − y)ŷ(1 − ŷ), checked by finite differences', () => {
    for (const y of [0, 1])
      for (let z = -8; z <= 8; z += 0.25) {
        const yhat = sigmoid(z);
        assert.ok(Math.abs(sigmoidSquaredErrorGradient(z, y) - 2 * (yhat - y) * yhat * (1 - yhat)) < 1e-15);
        assert.ok(Math.abs(sigmoidSquaredErrorGradient(z, y) - richardsonDerivative((t) => sigmoidSquaredError(t, y), z)) < 1e-10);
      }
  });

  it('the squared-error gradient saturates when wrong; cross-entropy’s does not', () => {
    const g = gradientMagnitudes(1);
    assert.equal(g.z[0], -10);
    assert.ok(g.ce[0] > 0.9999, `CE gradient at z = −10 is ${g.ce[0]}`);
    assert.ok(g.mse[0] < 1e-4, `SE gradient at z = −10 is ${g.mse[0]}`);
    // Squared error's gradient shrinks as the prediction gets more wrong (z → −∞), CE's approaches 1.
    const left = g.z.map((z, i) => [z, i] as const).filter(([z]) => z <= -3).map(([, i]) => i);
    left.slice(1).forEach((i) => {
      assert.ok(g.mse[i] > g.mse[i - 1], 'SE gradient grows towards z = −3');
      assert.ok(g.ce[i] < g.ce[i - 1], 'CE gradient shrinks towards the right answer');
    });
  });

  it('training from a saturated start: cross-entropy learns, squared error stalls', () => {
    const ce = trainLogisticRegression('ce');
    const mse = trainLogisticRegression('mse');
    assert.ok(ce.accuracy[0] < 0.1 && mse.accuracy[0] < 0.1, 'both start confidently wrong');
    assert.ok(ce.finalAccuracy > 0.95, `CE accuracy ${ce.finalAccuracy}`);
    assert.ok(mse.finalAccuracy < 0.2, `SE accuracy ${mse.finalAccuracy}`);
    assert.ok(mse.gradientNorm[0] < 0.01 * ce.gradientNorm[0]);
    assert.equal(ce.loss.length, 301);
    assert.deepEqual(trainLogisticRegression('ce').loss, ce.loss, 'seeded: the same every run');
  });

  it('produces the documented JSON', () => {
    const { json, derivation } = deriveCrossEntropy();
    const parsed = JSON.parse(JSON.stringify(json));
    assert.ok(Array.isArray(parsed.gradients.ce) && Array.isArray(parsed.gradients.mse));
    assert.equal(parsed.gradients.ce.length, parsed.gradients.mse.length);
    for (const k of ['ce', 'mse']) assert.ok(Array.isArray(parsed.training[k].loss) && Array.isArray(parsed.training[k].accuracy));
    assert.equal(derivation.kind, 'cross-entropy');
    assert.deepEqual(
      derivation.steps.map((s) => s.id),
      ['notation', 'softmax-jacobian', 'ce-gradient', 'sigmoid-mse', 'gradient-plot', 'training-loss', 'training-accuracy', 'kl', 'nll'],
    );
  });

  it('validates the target', () => {
    assert.throws(() => deriveCrossEntropy({ logits: [1, 2], target: [1, 0, 0] }), isMdlError);
    assert.throws(() => deriveCrossEntropy({ logits: [1, 2], target: [0.5, 0.6] }), isMdlError);
  });
});

describe('entropy identities', () => {
  it('H(p, q) = H(p) + KL(p‖q) for random distributions, and KL ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(distribution(n), distribution(n))),
        ([p, q]) => {
          fc.pre(q.every((x) => x > 0));
          const d = decompose(p, q);
          return d.residual <= 1e-12 * Math.max(1, d.crossEntropy) && d.kl >= -1e-15;
        },
      ),
    );
  });

  it('KL(p‖p) = 0 and H(p, p) = H(p)', () => {
    const p = [0.2, 0.7, 0.1];
    assert.equal(klDivergence(p, p), 0);
    assert.equal(crossEntropy(p, p), entropy(p));
  });

  it('is infinite where q = 0 but p > 0, and 0·log 0 = 0', () => {
    const d = decompose([0.5, 0.5, 0], [1, 0, 0]);
    assert.equal(d.crossEntropy, Infinity);
    assert.equal(d.kl, Infinity);
    assert.deepEqual(d.unsupported, [2]);
    assert.equal(entropy([1, 0]), 0);
  });

  it('names the offending entry', () => {
    const cases: Array<[number[], RegExp, number | undefined]> = [
      [[0.5, -0.1, 0.6], /p\[2\] = -0\.1 is negative/, 2],
      [[0.5, NaN, 0.5], /p\[2\] = NaN is not a finite number/, 2],
      [[0.5, 0.4], /sums to 0\.9/, undefined],
      [[], /at least one/, undefined],
    ];
    for (const [p, message, col] of cases) {
      assert.throws(() => validateDistribution(p, 'p'), (e) => isMdlError(e) && message.test(e.message) && e.cell?.col === col, String(p));
    }
    assert.doesNotThrow(() => validateDistribution([0.1, 0.2, 0.7 + 5e-10], 'p'));
    assert.throws(() => validateDistribution([0.1, 0.2, 0.7 + 5e-9], 'p'), isMdlError);
    assert.throws(() => decompose([0.5, 0.5], [0.2, 0.3, 0.5]), isMdlError);
  });

  it('cross-entropy is a decreasing function of the likelihood, not inversely proportional to it', () => {
    const { derivation } = deriveCrossEntropy();
    const nll = derivation.steps.find((s) => s.id === 'nll')!;
    const rows = nll.table!.rows.map((r) => r.map(Number));
    rows.slice(1).forEach((r, i) => assert.ok(r[1] > rows[i][1], 'L rises as P falls'));
    const products = rows.map((r) => r[2]);
    assert.ok(Math.max(...products) - Math.min(...products) > 0.1, 'L·P is far from constant');
    assert.match(nll.text, /monotone, not "inversely proportional"/);
  });
});
