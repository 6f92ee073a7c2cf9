import * as assert from 'node:assert/strict';
import { checkFile, loadProblemFile, runFile, runProblem, PROBLEM_KINDS } from '../../../src/core/problems';
import { isMdlError } from '../../../src/core/errors';
import { example, file } from './helpers';

const keys = (o: unknown) => Object.keys(o as object).sort();

describe('runFile: the JSON of `mdl run` for every kind', () => {
  const text = example('assignment.mdl.json');
  const out = runFile(text);
  const get = (id: string) => out.problems.find((p) => p.id === id)!;

  it('runs every problem of the assignment example, one per kind, with steps', () => {
    assert.deepEqual(out.problems.map((p) => p.kind).sort(), [...PROBLEM_KINDS].sort());
    for (const p of out.problems) {
      assert.equal(p.error, undefined, `${p.id}: ${p.error}`);
      assert.ok(p.steps!.length > 0, p.id);
      for (const s of p.steps!) assert.deepEqual(keys(s), ['tex', 'text', 'title']);
    }
    // Plain JSON: it survives a round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
    assert.equal(out.title, 'Mathematics for Deep Learning: end term');
  });

  it('svd → the SvdJson contract; σ = √3 and 1', () => {
    const r = get('q1').result as { singularValues: number[] };
    assert.deepEqual(keys(r), ['U', 'V', 'cols', 'kind', 'rank', 'rows', 'singularValues', 'steps']);
    assert.ok(Math.abs(r.singularValues[0] - Math.sqrt(3)) < 1e-12);
    assert.deepEqual(get('q1').checks!.map((c) => c.ok), [true, true, true, true]);
  });

  it('pca → the PcaJson contract, covariance with N − 1', () => {
    const r = get('q2').result as { covariance: number[][] };
    assert.deepEqual(keys(r), ['components', 'covariance', 'eigenvalues', 'explainedVarianceRatio', 'featureNames', 'features', 'kind', 'mean', 'projections', 'samples', 'steps']);
    assert.deepEqual(r.covariance, [[14, -11], [-11, 23]]);
  });

  it('optimize, gd, gd-compare → the optim module’s JSON', () => {
    const q5 = get('q5').result as { optimizer: string; compare: Array<{ optimizer: string }> };
    assert.deepEqual(keys(q5), ['compare', 'converged', 'diverged', 'final', 'history', 'iterations', 'optimizer', 'trace']);
    assert.equal(q5.optimizer, 'adam');
    assert.deepEqual(q5.compare.map((c) => c.optimizer), ['sgd', 'momentum', 'rmsprop', 'adagrad']);
    const q4 = get('q4').result as { stable: boolean; L: number };
    assert.deepEqual(keys(q4), ['L', 'final', 'history', 'stable', 'stableBelow', 'trace']);
    assert.equal(q4.stable, true);
    // x = 1…5: L = 12 + 2√34.
    assert.ok(Math.abs(q4.L - (12 + 2 * Math.sqrt(34))) < 1e-9);
    const q3 = get('q3').result as { methods: Array<{ method: string; gradientEvaluations: number }> };
    assert.deepEqual(q3.methods.map((m) => m.method), ['batch', 'sgd', 'minibatch']);
    // 30 epochs over N = 200: every method spends 6000 per-example gradients.
    assert.deepEqual(q3.methods.map((m) => m.gradientEvaluations), [6000, 6000, 6000]);
  });

  it('cross-entropy, activation, sigmoid-zigzag, derivative → the losses and activations modules’ JSON', () => {
    const q6 = get('q6').result as { example: { target: number[]; gradient: number[]; prediction: number[] } };
    assert.deepEqual(q6.example.target, [0, 1, 0]);
    q6.example.gradient.forEach((g, i) => assert.ok(Math.abs(g - (q6.example.prediction[i] - q6.example.target[i])) < 1e-12));
    const q7 = get('q7').result as { name: string; values: number[]; derivatives: number[] };
    assert.equal(q7.name, 'sigmoid');
    assert.equal(q7.values[1], 0.5);
    assert.equal(q7.derivatives[1], 0.25);
    assert.deepEqual(keys(get('q8').result), ['centred', 'learningRate', 'positive', 'seed', 'target']);
    const q9 = get('q9').result as { derivative: string };
    assert.match(q9.derivative, /sigmoid/);
    assert.deepEqual(get('q9').checks!.map((c) => c.ok), [true]);
  });

  it('runs one problem by id, and refuses an id the file does not have', () => {
    assert.deepEqual(runFile(text, { problem: 'q4' }).problems.map((p) => p.id), ['q4']);
    assert.throws(() => runFile(text, { problem: 'q10' }), (e: unknown) => isMdlError(e) && /No problem "q10" in this file; its problems are q1, q2/.test(e.message));
  });

  it('reports a problem with errors instead of running it', () => {
    const r = runFile(file({ id: 'bad', kind: 'svd', matrix: [[1, 2], [3]] }, { id: 'good', kind: 'svd', matrix: [[2]] }));
    assert.match(r.problems[0].error!, /Row 2 has 1 entry/);
    assert.equal(r.problems[1].error, undefined);
    assert.equal(r.diagnostics.length, 1);
  });
});

describe('runProblem and checkFile', () => {
  it('returns the derivation the panel shows', () => {
    const p = loadProblemFile(file({ id: 'a', kind: 'svd', matrix: '[1 1; 1 0; 0 1]' })).problems[0];
    const run = runProblem(p);
    assert.equal(run.derivation.kind, 'svd');
    assert.equal(run.steps.length, run.derivation.steps.length);
  });

  it('refuses to run a problem with errors, quoting the first', () => {
    const p = loadProblemFile(file({ id: 'a', kind: 'gd', data: { x: [1, 2], y: [1] } })).problems[0];
    assert.throws(() => runProblem(p), /Problem "a" has errors; fix them first\. y has 1 value but x has 2/);
  });

  it('pca data as the assignment’s table string: labels name the features, rows are features', () => {
    const table = 'Feature\tExample 1\tExample 2\tExample 3\tExample 4\nX1\t4\t8\t13\t7\nX2\t11\t4\t5\t14';
    const p = loadProblemFile(file({ id: 'q2', kind: 'pca', data: table })).problems[0];
    const r = runProblem(p).result as { featureNames: string[]; covariance: number[][]; samples: number };
    assert.deepEqual([r.featureNames, r.samples, r.covariance], [['X1', 'X2'], 4, [[14, -11], [-11, 23]]]);
    // "layout" overrides the detected orientation: two samples of four features.
    const flipped = loadProblemFile(file({ id: 'q2', kind: 'pca', data: table, layout: 'samples-as-rows' })).problems[0];
    assert.equal((runProblem(flipped).result as { samples: number }).samples, 2);
  });

  it('optimize on linear-regression data (adapter) gives OptimizeJson', () => {
    const p = loadProblemFile(file({ id: 'a', kind: 'optimize', objective: 'linear-regression', data: { x: [1, 2, 3], y: [2, 4, 6] }, optimizer: 'adam', lr: 0.1, steps: 3000 })).problems[0];
    const r = runProblem(p).result as { final: { theta: number[] } };
    assert.ok(Math.abs(r.final.theta[1] - 2) < 1e-3, String(r.final.theta));
  });

  it('the assignment example checks clean (notes only); the broken one fails', () => {
    const ok = checkFile(example('assignment.mdl.json'));
    assert.equal(ok.failed, false);
    assert.ok(ok.diagnostics.every((d) => d.severity === 'info'));
    assert.equal(checkFile(example('broken.mdl.json')).failed, true);
  });
});
