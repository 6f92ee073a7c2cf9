/**
 * The three derivations: JSON contracts, TeX that MathJax renders (with and
 * without textmacros), plain-JSON steps with finite plot data, the Adam
 * step-through numbers, and θ ordering by `start`.
 */
import * as assert from 'node:assert/strict';
import { deriveGd, deriveGdCompare, deriveOptimize, OPTIMIZERS, type OptimDerivation, type OptimStep } from '../../../src/core/optim';
import { isMdlError } from '../../../src/core/errors';
import { renderers } from '../exact/mathjax-render';

const opts = { precision: 4, exactForms: true };

/** Plain JSON: no typed arrays, no undefined values, finite numbers only in plots. */
function assertPlain(x: unknown, path = '$'): void {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return;
  if (typeof x === 'number') return;
  assert.notEqual(x, undefined, `${path} is undefined`);
  assert.ok(typeof x === 'object', `${path} is a ${typeof x}`);
  assert.ok(Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype, `${path} is not a plain object or array`);
  for (const [k, v] of Object.entries(x as object)) assertPlain(v, `${path}.${k}`);
}

function assertPlotFinite(step: OptimStep) {
  const p = step.plot;
  if (!p) return;
  const finite = (xs: number[]) => xs.every(Number.isFinite);
  if (p.type === 'line') {
    for (const s of p.series) {
      assert.ok(finite(s.x) && finite(s.y) && s.x.length === s.y.length, `${step.id}: series ${s.name}`);
      if (p.yScale === 'log') assert.ok(s.y.every((v) => v > 0), `${step.id}: log scale with y ≤ 0`);
    }
  } else if (p.type === 'contour') {
    assert.equal(p.z.length, p.y.length);
    for (const row of p.z) assert.ok(row.length === p.x.length && finite(row), `${step.id}: contour row`);
    assert.ok(finite(p.thresholds) && p.thresholds.every((t, i) => i === 0 || t > p.thresholds[i - 1]));
    for (const path of p.paths) assert.ok(finite(path.x) && finite(path.y) && path.x.length === path.y.length);
  }
}

function assertDerivation(d: OptimDerivation) {
  assertPlain(d);
  const ids = d.steps.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate step ids: ${ids}`);
  for (const s of d.steps) {
    for (const [name, render] of Object.entries(renderers)) {
      assert.doesNotThrow(() => render(s.tex), `${s.id} does not render (${name}): ${s.tex}`);
    }
    assert.ok(s.title && s.text, s.id);
    assertPlotFinite(s);
  }
}

describe('optim/derive: optimize', () => {
  const rosen = deriveOptimize({ objective: 'rosenbrock', optimizer: 'adam', steps: 2000, compare: ['sgd', 'momentum', 'rmsprop'] }, opts);

  it('has the promised JSON shape', () => {
    const j = rosen.json;
    assert.deepEqual(Object.keys(j).sort(), ['compare', 'converged', 'diverged', 'final', 'history', 'iterations', 'optimizer', 'trace']);
    assert.equal(j.optimizer, 'adam');
    assert.deepEqual(Object.keys(j.final).sort(), ['loss', 'theta']);
    assert.deepEqual(Object.keys(j.history), ['loss']);
    assert.equal(j.trace.length, 20);
    assert.deepEqual(Object.keys(j.trace[0]).sort(), ['grad', 'm', 'mHat', 't', 'theta', 'v', 'vHat']);
    assert.deepEqual(j.compare.map((c) => c.optimizer), ['sgd', 'momentum', 'rmsprop']);
    for (const c of j.compare) assert.deepEqual(Object.keys(c).sort(), ['final', 'history', 'optimizer']);
    assert.ok(!('m' in rosen.compared[0].trace[0]), 'plain SGD has no m');
    assert.ok(j.history.loss.length <= 2000);
    assert.equal(j.iterations, 2000);
  });

  it('steps through Adam by hand with gₜ, mₜ, vₜ, m̂ₜ, v̂ₜ and α/(√v̂ₜ + ε)', () => {
    const ids = rosen.derivation.steps.map((s) => s.id);
    assert.deepEqual(ids, ['objective', 'rule', 'step-1', 'step-2', 'step-3', 'trace', 'run', 'trajectory', 'compare']);
    const s1 = rosen.derivation.steps.find((s) => s.id === 'step-1')!;
    // Rosenbrock at (−1.5, 2): ∇f = (−2(2.5) − 400(−1.5)(2 − 2.25), 200(−0.25)) = (−155, −50).
    assert.match(s1.tex, /g_\{1\} = \\nabla f\(\\theta_\{0\}\) = \\begin\{bmatrix\} -155 \\\\ -50 \\end\{bmatrix\}/);
    for (const piece of ['m_{1}', 'v_{1}', '\\hat m_{1}', '\\hat v_{1}', '\\frac{\\alpha}{\\sqrt{\\hat v_{1}} + \\epsilon}', '1 - \\beta_1^{\\,1}']) assert.ok(s1.tex.includes(piece), piece);
    // α/(√v̂₁ + ε) = 1e−3/155 and 1e−3/50.
    assert.ok(s1.tex.includes('6.4516 \\times 10^{-6}') && s1.tex.includes('2 \\times 10^{-5}'));
    assert.match(s1.text, /α·sign\(g\)/);
    const s2 = rosen.derivation.steps.find((s) => s.id === 'step-2')!;
    assert.ok(s2.tex.includes('1 - \\beta_1^{\\,2}') && s2.tex.includes('0.19'), 'bias correction with the power t');
    assert.equal(rosen.derivation.kind, 'optimize');
    assertDerivation(rosen.derivation);
  });

  it('renders for every optimiser, with a comparison', () => {
    for (const optimizer of OPTIMIZERS) {
      const d = deriveOptimize({ objective: 'quadratic', kappa: 25, optimizer, steps: 300, compare: ['adam'] }, opts);
      assertDerivation(d.derivation);
      if (optimizer === 'sgd') assert.equal(d.json.trace[0].m, undefined);
    }
  });

  it('orders θ by sorted names for an object start, and as given for an array', () => {
    const byName = deriveOptimize({ objective: '(b - 1)^2 + (a + 2)^2', start: { b: 5, a: 7 }, optimizer: 'sgd', settings: { lr: 0.1 }, steps: 5 }, opts);
    // Sorted: θ = (a, b) = (7, 5); one step: a ← 7 − 0.1·2·9 = 5.2, b ← 5 − 0.1·2·4 = 4.2.
    assert.deepEqual(byName.json.trace[0].theta.map((v) => +v.toFixed(12)), [5.2, 4.2]);
    const byArray = deriveOptimize({ objective: '(b - 1)^2 + (a + 2)^2', start: [7, 5], optimizer: 'sgd', settings: { lr: 0.1 }, steps: 5 }, opts);
    assert.deepEqual(byArray.json.final, byName.json.final);
    assertDerivation(byName.derivation);
  });

  it('explains divergence in the warnings and the run step', () => {
    const d = deriveOptimize({ objective: 'rosenbrock', optimizer: 'sgd', settings: { lr: 0.01 } }, opts);
    assert.equal(d.json.diverged, true);
    assert.match(d.derivation.warnings.join(' '), /Diverged at step \d+/);
    assertDerivation(d.derivation);
  });

  it('says so when a run converges to a saddle point (Q3), not a minimum', () => {
    // From (1, 0) on x² − y², y = 0 is invariant: exact gradient steps end at the saddle (0, 0).
    const d = deriveOptimize({ objective: 'x^2 - y^2', start: [1, 0], optimizer: 'sgd', settings: { lr: 0.1 } }, opts);
    assert.equal(d.json.converged, true);
    assert.ok(d.derivation.warnings.some((w) => /saddle point/.test(w)));
    assert.match(d.derivation.steps.find((s) => s.id === 'run')!.text, /eigenvalues here are 2, −2/);
    const min = deriveOptimize({ objective: 'quadratic', optimizer: 'sgd', settings: { lr: 0.1 } }, opts);
    assert.ok(!min.derivation.warnings.some((w) => /saddle/.test(w)));
  });

  it('handles custom expressions in three variables (no contour plot) with escaped names', () => {
    const d = deriveOptimize({ objective: 'x_1^2 + theta^2 + sigmoid(alpha)', start: { x_1: 1, theta: -1, alpha: 0.5 }, optimizer: 'adam', steps: 50 }, opts);
    assert.ok(!d.derivation.steps.some((s) => s.id === 'trajectory'));
    assert.match(d.derivation.steps[0].tex, /x_\{1\}/);
    assertDerivation(d.derivation);
  });

  it('reports errors in the objective with positions', () => {
    assert.throws(() => deriveOptimize({ objective: 'x + evaluate("1")', start: [0] }, opts), (e: unknown) => isMdlError(e) && e.position?.column === 5);
    assert.throws(() => deriveOptimize({ objective: 'rosenbrock', optimizer: 'adamax' as never }, opts), (e: unknown) => isMdlError(e));
  });
});

describe('optim/derive: gd', () => {
  const line = { x: [1, 2, 3, 4], y: [3, 5, 7, 9] };
  const d = deriveGd({ data: line, eta: 0.05 }, opts);

  it('writes out every gradient term of the first iterations', () => {
    const it1 = d.derivation.steps.find((s) => s.id === 'iteration-1')!;
    // w = 0: residuals −3, −5, −7, −9; ∂J/∂w₀ = (2/4)(−24) = −12; ∂J/∂w₁ = −35.
    assert.ok(it1.tex.includes('\\frac{2}{4}\\left[(-3) + (-5) + (-7) + (-9)\\right] = -12'));
    assert.ok(it1.tex.includes('(-3)\\cdot 1 + (-5)\\cdot 2 + (-7)\\cdot 3 + (-9)\\cdot 4'));
    assert.ok(it1.tex.includes('w_0 \\leftarrow 0 - 0.05\\cdot (-12) = 0.6'));
    assertDerivation(d.derivation);
  });

  it('states L in closed form, 2/L and the descent lemma with L (not L²)', () => {
    const h = d.derivation.steps.find((s) => s.id === 'hessian')!;
    assert.match(h.text, /\(17 \+ √269\)\/2/);
    assert.ok(h.tex.includes('\\eta\\left(1 - \\frac{L\\eta}{2}\\right)'));
    assert.ok(!h.tex.includes('L^{2}') && !h.tex.includes('L^2'));
    assert.ok(h.tex.includes('\\eta = 0.05 < \\frac{2}{L} = 0.11976'));
  });

  it('carries the loop as pseudo-code with step links, Python and TypeScript', () => {
    const loop = d.derivation.interactive!;
    assert.equal(loop.type, 'loop-code');
    assert.ok(loop.pseudocode.length >= 8);
    const ids = new Set(d.derivation.steps.map((s) => s.id));
    for (const [id, lines] of Object.entries(loop.stepLines)) {
      assert.ok(ids.has(id), `stepLines names unknown step ${id}`);
      assert.ok(lines.every((l) => l >= 0 && l < loop.pseudocode.length));
    }
    assert.match(loop.python, /^# Gradient descent/);
    assert.match(loop.typescript, /for \(let t = 1; t <= 10000; t\+\+\)/);
  });

  it('returns the gd JSON and explains divergence above 2/L', () => {
    assert.deepEqual(d.json, d.outcome.json);
    const bad = deriveGd({ data: line, eta: 0.2 }, opts);
    assert.equal(bad.json.stable, false);
    assert.ok(bad.derivation.warnings.some((w) => /not below 2\/L/.test(w)));
    assert.ok(!bad.derivation.steps.some((s) => s.id === 'path'));
    assertDerivation(bad.derivation);
  });

  it('works on generated data with abbreviated sums', () => {
    const g = deriveGd({ generate: { n: 40, seed: 4 }, eta: 0.3 }, opts);
    assert.ok(g.derivation.steps.find((s) => s.id === 'iteration-1')!.tex.includes('\\cdots'));
    assertDerivation(g.derivation);
  });
});

describe('optim/derive: gd-compare', () => {
  const d = deriveGdCompare({ generate: { n: 100, seed: 2 }, epochs: 20 }, opts);

  it('has every part of Q3 and the saddle demonstration', () => {
    assert.deepEqual(d.derivation.steps.map((s) => s.id), ['setup', 'cost', 'loss-per-epoch', 'loss-per-evaluation', 'noise', 'noise-ball', 'saddle']);
    assert.equal(d.derivation.kind, 'gd-compare');
    const cost = d.derivation.steps.find((s) => s.id === 'cost')!;
    // Per-example gradients per step: N, 1, B (100 = 6·16 + 4).
    assert.deepEqual(cost.table!.rows.map((r) => r[2]), ['100', '1', '16 (last of each epoch: 4)']);
    assert.match(d.derivation.steps.find((s) => s.id === 'saddle')!.text, /stops after \d+ steps/);
    assertDerivation(d.derivation);
  });

  it('returns the gd-compare JSON', () => {
    assert.deepEqual(d.json, d.outcome.json);
    assert.equal(d.json.methods[1].gradientEvaluations, 100 * 20);
    assert.equal(d.json.methods[1].history.loss.length, 21);
  });

  it('can leave out the saddle', () => {
    const plain = deriveGdCompare({ data: { x: [0, 1, 2, 3], y: [1, 3, 5, 7] }, epochs: 5, saddle: false }, opts);
    assert.equal(plain.saddle, null);
    assert.ok(!plain.derivation.steps.some((s) => s.id === 'saddle'));
    assertDerivation(plain.derivation);
  });
});
