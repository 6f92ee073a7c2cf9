import * as assert from 'node:assert/strict';
import { deriveOptimize } from '../../../src/core/optim';

describe('optimize: objectives in more than two variables', () => {
  it('get parameter traces instead of contours, one series per variable, ending at the final θ', () => {
    const { derivation, json } = deriveOptimize(
      { objective: 'x^2 + 2*y^2 + 3*z^2 + x*y', start: { x: 1, y: -1, z: 2 }, optimizer: 'adam', settings: { lr: 0.05 }, steps: 2000 },
      { precision: 4, exactForms: true },
    );
    assert.ok(!derivation.steps.some((s) => s.id === 'trajectory'));
    const traces = derivation.steps.find((s) => s.id === 'parameters');
    assert.ok(traces?.plot?.type === 'line');
    assert.deepEqual(traces.plot.series.map((s) => s.name), ['x', 'y', 'z']);
    const theta = (json as { final: { theta: number[] } }).final.theta;
    traces.plot.series.forEach((s, j) => {
      assert.equal(s.x.length, s.y.length);
      assert.equal(s.y[0], [1, -1, 2][j]);
      assert.ok(Math.abs(s.y[s.y.length - 1] - theta[j]) < 1e-12);
    });
  });
});
