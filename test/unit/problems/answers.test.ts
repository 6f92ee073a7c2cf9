import * as assert from 'node:assert/strict';
import { answerDiagnostics, checkAnswers, loadProblemFile, runProblem, type AnswerCheck } from '../../../src/core/problems';
import { file, textAt } from './helpers';

/** Loads one problem (which must load cleanly), runs it and checks its `expect`. */
function check(problem: object): { checks: AnswerCheck[]; text: string } {
  const text = file(problem);
  const loaded = loadProblemFile(text);
  assert.deepEqual(loaded.diagnostics.map((d) => d.message), []);
  const p = loaded.problems[0];
  return { checks: checkAnswers(p, runProblem(p).result), text };
}
const byPath = (checks: AnswerCheck[], path: string) => {
  const c = checks.find((x) => x.path === path);
  assert.ok(c, `no check of ${path} among ${checks.map((x) => x.path).join(', ')}`);
  return c;
};

const A = [[1, 1], [1, 0], [0, 1]];
const X = { X1: [4, 8, 13, 7], X2: [11, 4, 5, 14] };
const r2 = 1 / Math.SQRT2;

describe('Check answer: SVD (Q1)', () => {
  it('accepts σ = √3 and 1 written exactly, and V, U columns (up to sign, with a note)', () => {
    const { checks } = check({ id: 'q1', kind: 'svd', matrix: A, expect: { singularValues: ['sqrt(3)', 1], V: [['-1/sqrt(2)', '-1/sqrt(2)'], ['-1/sqrt(2)', '1/sqrt(2)']], U: [['2/sqrt(6)', 0], ['1/sqrt(6)', '-1/sqrt(2)'], ['1/sqrt(6)', '1/sqrt(2)']], rank: 2 } });
    assert.ok(checks.every((c) => c.ok), JSON.stringify(checks.filter((c) => !c.ok).map((c) => c.message)));
    assert.equal(byPath(checks, 'singularValues[0]').message, '✓ σ₁ = √3 ≈ 1.7320508');
    const v1 = byPath(checks, 'V[:,0]');
    assert.match(v1.note!, /correct up to sign \(yours is −1 × ours\)\. Singular vectors are unique only up to sign/);
    assert.equal(byPath(checks, 'V[:,1]').note, undefined);
  });

  it('σ² written for σ: "that is λ₁, the eigenvalue of AᵀA; σ₁ = √λ₁", on that value', () => {
    const { checks, text } = check({ id: 'q1', kind: 'svd', matrix: A, expect: { singularValues: [3, 1] } });
    const c = byPath(checks, 'singularValues[0]');
    assert.equal(c.ok, false);
    assert.equal(c.slip, 'eigenvalue-for-singular-value');
    assert.equal(c.message, 'σ₁: expected √3 ≈ 1.7320508, you wrote 3: that is λ₁, the eigenvalue of AᵀA; σ₁ = √λ₁');
    assert.equal(textAt(text, c.range), '3');
    assert.ok(byPath(checks, 'singularValues[1]').ok);
    const [d] = answerDiagnostics(loadProblemFile(text).problems[0], checks);
    assert.deepEqual([d.severity, d.code, d.message], ['error', 'answer-wrong', c.message]);
  });

  it('the root of a singular value (λ = √3 carried into σ = √λ), and the order', () => {
    const root = byPath(check({ id: 'q1', kind: 'svd', matrix: A, expect: { singularValues: [1.3161, 1] } }).checks, 'singularValues[0]');
    assert.equal(root.slip, 'root-of-singular-value');
    assert.match(root.message, /that is √σ₁: the square root was taken twice\. The eigenvalue of AᵀA is λ₁ = σ₁² = 3/);
    const order = check({ id: 'q1', kind: 'svd', matrix: A, expect: { singularValues: [1, 'sqrt(3)'] } }).checks;
    assert.match(byPath(order, 'singularValues[0]').message, /that is σ₂; singular values are listed largest first/);
  });

  it('v from λ = √3: the solution of (AᵀA − √3·I)v = 0 is named', () => {
    // First row of AᵀA − √3·I: (2 − √3)v₁ + v₂ = 0, so v ∝ (1, √3 − 2), normalised (0.9659, −0.2588).
    const c = byPath(check({ id: 'q1', kind: 'svd', matrix: A, expect: { V: [[0.9659, -r2], [-0.2588, r2]] } }).checks, 'V[:,0]');
    assert.equal(c.slip, 'vector-from-singular-value');
    assert.match(c.message, /that solves \(AᵀA − σ₁I\)v = 0 with σ₁ = 1\.73205; v₁ comes from \(AᵀA − λ₁I\)v = 0 with the eigenvalue λ₁ = σ₁² = 3/);
  });

  it('Vᵀ written for V, and u divided by λ instead of σ', () => {
    const t = check({ id: 'q1', kind: 'svd', matrix: A, expect: { V: [[r2, r2], [-r2, r2]] } }).checks;
    assert.ok(t.every((c) => !c.ok && c.slip === 'transposed'));
    assert.match(t[0].message, /you wrote Vᵀ; V holds them as columns/);
    // Av₁ = (√2, 1/√2, 1/√2); divided by λ₁ = 3 instead of σ₁ = √3.
    const u = byPath(check({ id: 'q1', kind: 'svd', matrix: A, expect: { U: [['sqrt(2)/3'], ['1/(3*sqrt(2))'], ['1/(3*sqrt(2))']] } }).checks, 'U[:,0]');
    assert.equal(u.slip, 'divided-by-eigenvalue');
  });
});

describe('Check answer: PCA (Q2)', () => {
  it('accepts (37 ± √565)/2, 4-decimal answers (±0.00005 for 4 decimals) and the assignment’s flipped FPC with a note', () => {
    const { checks, text } = check({ id: 'q2', kind: 'pca', data: X, expect: { eigenvalues: ['(37+sqrt(565))/2', 6.6151], projections: [-4.3052, 3.7361, 5.6928, -5.1238], components: [[0.5574, -0.8303]], explainedVarianceRatio: [0.8212] } });
    assert.ok(checks.every((c) => c.ok), JSON.stringify(checks.filter((c) => !c.ok).map((c) => c.message)));
    assert.equal(byPath(checks, 'eigenvalues[0]').message, '✓ λ₁ = (37 + √565)/2 ≈ 30.384864');
    const fpc = byPath(checks, 'projections[:,0]');
    assert.match(fpc.note!, /PC1 scores: correct up to sign \(yours is −1 × ours\)\. Eigenvector signs are arbitrary and flipping e₁ flips every score/);
    assert.equal(textAt(text, fpc.range).replace(/\s+/g, ''), '[-4.3052,3.7361,5.6928,-5.1238]');
    const notes = answerDiagnostics(loadProblemFile(text).problems[0], checks);
    assert.deepEqual(notes.map((d) => [d.severity, d.code]), [['info', 'answer-note'], ['info', 'answer-note']]);
  });

  it('the "+20" polynomial: a root of λ² − 37λ + 20 is named, with det C = 201', () => {
    const c = byPath(check({ id: 'q2', kind: 'pca', data: X, expect: { eigenvalues: ['(37+sqrt(1289))/2', '(37-sqrt(565))/2'] } }).checks, 'eigenvalues[0]');
    assert.equal(c.slip, 'wrong-constant-term');
    assert.match(c.message, /that is a root of λ² − 37λ \+ 20 \(the assignment's slip: a digit dropped from 201\); the characteristic polynomial is λ² − tr\(C\)λ \+ det C = λ² − 37λ \+ 201, with det C = 14·23 − \(−11\)² = 201/);
  });

  it('N instead of N − 1, a percentage for a ratio, an eigenvector that is not unit length', () => {
    const { checks } = check({ id: 'q2', kind: 'pca', data: X, expect: { eigenvalues: [22.7886, '(37-sqrt(565))/2'], explainedVarianceRatio: [82.12], components: [11, -16.3849] } });
    const n = byPath(checks, 'eigenvalues[0]');
    assert.equal(n.slip, 'population-covariance');
    assert.match(n.message, /that is λ₁ of the covariance divided by N = 4; the course \(and scikit-learn\) divide by N − 1 = 3/);
    assert.equal(byPath(checks, 'explainedVarianceRatio[0]').slip, 'percentage');
    const e = byPath(checks, 'components[0]');
    assert.equal(e.slip, 'not-unit-length');
    assert.match(e.message, /has length 19\.734/);
  });

  it('projections of uncentred data', () => {
    // e₁ = ±(0.55739, −0.83025); the raw products e₁ᵀxᵢ skip the mean (8, 8.5).
    const e = [0.5573899671, -0.8302516438];
    const raw = X.X1.map((x1, i) => Number((x1 * e[0] + X.X2[i] * e[1]).toFixed(4)));
    const c = byPath(check({ id: 'q2', kind: 'pca', data: X, expect: { projections: raw } }).checks, 'projections[:,0]');
    assert.equal(c.slip, 'not-centred');
    assert.match(c.message, /without centring; subtract the mean x̄ = \(8, 8\.5\) first/);
  });

  it('states the tolerance when an answer is close but outside it, and honours "tolerance"', () => {
    const strict = byPath(check({ id: 'q2', kind: 'pca', data: X, tolerance: { rel: 1e-9, abs: 0 }, expect: { eigenvalues: [30.3849, 6.6151] } }).checks, 'eigenvalues[0]');
    assert.equal(strict.ok, false);
    assert.match(strict.message, /you wrote 30\.3849 \(off by 0\.000036: more than the tolerance, rel 1e-9, abs 0\)/);
    assert.ok(byPath(check({ id: 'q2', kind: 'pca', data: X, tolerance: 0.01, expect: { eigenvalues: [30.4, 6.6] } }).checks, 'eigenvalues[0]').ok);
  });
});

describe('Check answer: optimisation (Q4, Q5)', () => {
  const data = { x: [1, 2, 3, 4, 5], y: [2.1, 3.9, 6.2, 8.1, 9.8] };

  it('L = 12 + 2√34 for Q4’s data; 2/L² (L² in the descent lemma), λ_max(XᵀX) and 1/L are named', () => {
    const ok = check({ id: 'q4', kind: 'gd', data, lr: 0.001, expect: { L: '12 + 2*sqrt(34)', stableBelow: '2/(12 + 2*sqrt(34))', stable: true } }).checks;
    assert.ok(ok.every((c) => c.ok));
    const wrong = check({ id: 'q4', kind: 'gd', data, lr: 0.001, expect: { L: '30 + sqrt(850)', stableBelow: '2/(12 + 2*sqrt(34))^2' } }).checks;
    assert.equal(byPath(wrong, 'L').slip, 'lipschitz-without-2-over-n');
    assert.equal(byPath(wrong, 'stableBelow').slip, 'l-squared');
    assert.match(byPath(wrong, 'stableBelow').message, /the descent lemma has L, not L²/);
  });

  it('Adam by hand: without α, and bias correction without the power t', () => {
    // f = x² + 10y² from (1, 1), α = 0.1: g₁ = (2, 20), m₁ = (0.2, 2), v₁ = (0.004, 0.4), m̂₁ = (2, 20), v̂₁ = (4, 400),
    // θ₁ = (1, 1) − 0.1·(1, 1) = (0.9, 0.9); without α, θ₁ = (0, 0).
    // g₂ = (1.8, 18), m₂ = (0.36, 3.6): m̂₂ = m₂/(1 − 0.9²) = (1.8947, 18.947), but m₂/(1 − 0.9) = (3.6, 36).
    const problem = { id: 'q5', kind: 'optimize', objective: 'x^2 + 10*y^2', start: [1, 1], optimizer: 'adam', lr: 0.1, steps: 2 };
    const right = check({ ...problem, expect: { 'trace.0.theta': [0.9, 0.9], 'trace.1.mHat': [1.8947, 18.947] } }).checks;
    assert.ok(right.every((c) => c.ok), JSON.stringify(right.filter((c) => !c.ok).map((c) => c.message)));
    const wrong = check({ ...problem, expect: { 'trace.0.theta': [0, 0], 'trace.1.mHat': [3.6, 36] } }).checks;
    assert.equal(byPath(wrong, 'trace[0].theta[0]').slip, 'adam-without-alpha');
    assert.match(byPath(wrong, 'trace[0].theta[1]').message, /Adam without the learning rate α; the update is θₜ = θₜ₋₁ − α·m̂ₜ\/\(√v̂ₜ \+ ε\)/);
    assert.equal(byPath(wrong, 'trace[1].mHat[1]').slip, 'bias-correction-without-power');
    assert.match(byPath(wrong, 'trace[1].mHat[0]').message, /m̂ₜ = mₜ\/\(1 − β₁ᵗ\)/);
  });

  it('matches comparison runs by optimizer name and methods by name', () => {
    const q5 = check({ id: 'q5', kind: 'optimize', objective: 'quadratic', optimizer: 'adam', steps: 50, compare: ['sgd'], expect: { compare: { sgd: { final: { loss: 1e6 } } }, converged: false } }).checks;
    assert.equal(byPath(q5, 'compare[0].final.loss').ok, false);
    assert.ok(byPath(q5, 'converged').ok);
    const q3 = check({ id: 'q3', kind: 'gd-compare', data: { generate: { n: 100, seed: 2 } }, lr: 0.05, epochs: 5, expect: { methods: { batch: { gradientEvaluations: 500 }, sgd: { gradientEvaluations: 500 } } } }).checks;
    assert.ok(q3.every((c) => c.ok));
  });
});

describe('Check answer: cross-entropy, activations, derivatives (Q6, Q7, Q9)', () => {
  it('∂L/∂z = ŷ − y, and y − ŷ is named', () => {
    const z = [2, 1, -1];
    const e = z.map(Math.exp);
    const s = e.map((v) => v / (e[0] + e[1] + e[2]));
    const y = [0, 1, 0];
    const right = check({ id: 'q6', kind: 'cross-entropy', logits: z, target: 1, expect: { 'example.gradient': s.map((v, i) => v - y[i]) } }).checks;
    assert.ok(right.every((c) => c.ok));
    const wrong = check({ id: 'q6', kind: 'cross-entropy', logits: z, target: 1, expect: { 'example.gradient': s.map((v, i) => y[i] - v) } }).checks;
    assert.ok(wrong.every((c) => c.slip === 'gradient-sign'));
  });

  it('Swish: f + σ(1 − f) accepted (f and σ allowed); one term of the product rule named', () => {
    const right = check({ id: 'q9', kind: 'derivative', expression: 'x * sigmoid(x)', expect: { derivative: 'f(x) + σ(x)*(1 - f(x))' } }).checks;
    assert.equal(right[0].ok, true);
    assert.match(right[0].message, /^✓ f′\(x\) = /);
    const wrong = check({ id: 'q9', kind: 'derivative', expression: 'x * sigmoid(x)', expect: { derivative: 'x * sigmoid(x) * (1 - sigmoid(x))' } }).checks;
    assert.equal(wrong[0].slip, 'product-rule-term');
    assert.match(wrong[0].message, /only one term of the product rule/);
  });

  it('activation values and derivatives at points; f written for f′ is named', () => {
    const { checks } = check({ id: 'q7', kind: 'activation', name: 'sigmoid', at: [0, 2], expect: { values: [0.5, 0.8808], derivatives: [0.5, 0.105] } });
    assert.ok(byPath(checks, 'values[1]').ok);
    assert.equal(byPath(checks, 'derivatives[0]').slip, 'value-for-derivative');
    assert.ok(byPath(checks, 'derivatives[1]').ok);
    const props = check({ id: 'q7', kind: 'activation', name: 'relu', expect: { 'properties.lipschitz.value': 1, 'properties.monotonic': true } }).checks;
    assert.ok(props.every((c) => c.ok));
  });

  it('a path the result does not have is a wrong check with a suggestion', () => {
    const { checks } = check({ id: 'q4', kind: 'gd', data: { x: [1, 2], y: [1, 2] }, expect: { 'final.thet': [0, 0] } });
    assert.equal(checks[0].ok, false);
    assert.match(checks[0].message, /has no final\.thet; did you mean "theta"\?/);
  });
});
