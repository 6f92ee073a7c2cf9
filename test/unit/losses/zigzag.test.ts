import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { deriveZigzag, isSingleOrthant, perSampleGradient, simulateZigzag } from '../../../src/core/losses/zigzag';

describe('sigmoid zig-zag (Question 8)', () => {
  it('with positive inputs, every per-sample gradient has all components of one sign: the sign of δ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }).chain((n) =>
          fc.tuple(
            fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
            fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            fc.double({ min: -50, max: 50, noNaN: true }),
          ),
        ),
        ([w, x, y]) => {
          const { delta, gradient } = perSampleGradient(w, x, y);
          return isSingleOrthant(gradient) && gradient.every((g) => g === 0 || Math.sign(g) === Math.sign(delta));
        },
      ),
    );
  });

  it('zero-centred inputs give mixed-sign gradients', () => {
    const { gradient } = perSampleGradient([0, 0], [0.5, -0.5], 1);
    assert.ok(!isSingleOrthant(gradient));
  });

  const result = simulateZigzag();

  it('every update from sigmoid inputs lies in the ++ or −− orthant; tanh inputs mix', () => {
    assert.equal(result.positive.sameSignFraction, 1);
    assert.ok(result.centred.sameSignFraction < 0.8, `${result.centred.sameSignFraction}`);
  });

  it('sigmoid inputs need many more steps than zero-centred ones to reach w* = (2, −2)', () => {
    assert.ok(result.positive.steps !== null && result.centred.steps !== null);
    assert.ok(result.positive.steps > 4 * result.centred.steps, `${result.positive.steps} vs ${result.centred.steps}`);
    const last = result.positive.path[result.positive.path.length - 1];
    assert.ok(Math.hypot(last[0] - 2, last[1] + 2) < 1e-2);
    assert.equal(result.positive.path.length, result.positive.steps + 1);
  });

  it('is reproducible from its seed and holds across seeds', () => {
    assert.deepEqual(simulateZigzag().positive.path, result.positive.path);
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = simulateZigzag({ ...result.options, seed });
      assert.ok(r.positive.steps! > 2 * r.centred.steps!, `seed ${seed}`);
    }
  });

  it('produces the documented JSON and derivation', () => {
    const { json, derivation } = deriveZigzag();
    const parsed = JSON.parse(JSON.stringify(json));
    for (const k of ['positive', 'centred']) {
      assert.equal(typeof parsed[k].steps, 'number');
      assert.ok(Array.isArray(parsed[k].path) && parsed[k].path.every((p: unknown) => Array.isArray(p) && p.length === 2));
    }
    assert.equal(derivation.kind, 'sigmoid-zigzag');
    const sign = derivation.steps.find((s) => s.id === 'sign')!;
    assert.match(sign.text, /can be positive or negative/);
    const sim = derivation.steps.find((s) => s.id === 'simulation')!;
    assert.equal(sim.plot?.type, 'line');
  });
});
