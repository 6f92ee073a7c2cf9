import * as assert from 'node:assert/strict';
import { deriveActivation, deriveDerivative } from '../../../src/core/activations/derivations';
import { texToSvg } from '../../../src/core/activations/render';
import { ACTIVATIONS } from '../../../src/core/activations/table';
import type { MdlDerivation } from '../../../src/core/activations/types';
import { deriveCrossEntropy } from '../../../src/core/losses/cross-entropy';
import { deriveZigzag } from '../../../src/core/losses/zigzag';

/** Every step's TeX typesets with base + ams, and every plot holds finite, matching arrays. */
function assertWellFormed(d: MdlDerivation) {
  const ids = new Set<string>();
  for (const step of d.steps) {
    assert.ok(!ids.has(step.id), `duplicate step id ${step.id}`);
    ids.add(step.id);
    assert.doesNotThrow(() => texToSvg(step.tex, { color: '#000' }), `step ${step.id}: ${step.tex}`);
    if (step.plot?.type === 'line')
      for (const s of step.plot.series) {
        assert.equal(s.x.length, s.y.length, `${step.id}/${s.name}`);
        assert.ok([...s.x, ...s.y].every(Number.isFinite), `${step.id}/${s.name} has non-finite values`);
      }
    if (step.table) for (const row of step.table.rows) assert.equal(row.length, step.table.columns.length, `${step.id} table row`);
  }
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(d)));
}

describe('derivations', () => {
  for (const spec of ACTIVATIONS) {
    it(`activation: ${spec.name}`, () => {
      const { derivation, json } = deriveActivation(spec.name);
      assert.equal(derivation.kind, 'activation');
      assertWellFormed(derivation);
      assert.equal(derivation.interactive?.type, 'activation-explorer');
      assert.equal(derivation.interactive?.choices.length, ACTIVATIONS.length);
      assert.ok(json.maxFiniteDifferenceError < 1e-8);
    });
  }

  it('activation derivation by alias and with parameters', () => {
    const { derivation, json } = deriveActivation('swish');
    assert.equal(json.name, 'silu');
    assert.ok(derivation.steps.some((s) => s.id === 'identity' && /f \+ \\sigma\(1 - f\)/.test(s.tex)));
    assert.deepEqual(deriveActivation('leaky_relu', { alpha: 0.2 }).json.params, { alpha: 0.2 });
  });

  it('cross-entropy', () => assertWellFormed(deriveCrossEntropy().derivation));
  it('sigmoid zig-zag', () => assertWellFormed(deriveZigzag().derivation));

  for (const text of ['x * sigmoid(x)', 'x * tanh(softplus(x))', 'log(x)', '1 / x']) {
    it(`derivative: ${text}`, () => {
      const { derivation, json } = deriveDerivative(text, { relu: { forward: 1, backward: 1 }, swish: { forward: 20, backward: 30 }, elements: 1e6 });
      assert.equal(derivation.kind, 'derivative');
      assert.equal(json.expression, text);
      assertWellFormed(derivation);
    });
  }
});
