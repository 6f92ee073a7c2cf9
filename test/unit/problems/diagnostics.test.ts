import * as assert from 'node:assert/strict';
import { checkFile, formatDiagnostic, loadProblemFile, type ProblemDiagnostic } from '../../../src/core/problems';
import { example, file, only, textAt } from './helpers';

describe('problem files: semantic diagnostics on the exact value', () => {
  const text = example('broken.mdl.json');
  const { diagnostics } = checkFile(text);
  const of = (id: string): ProblemDiagnostic[] => diagnostics.filter((d) => d.problemId === id);

  /** Each problem of broken.mdl.json is named after the one diagnostic it must get: [code, the text it covers, message, anchor the text follows]. */
  const expected: Array<[code: string, snippet: string, message: RegExp, after?: string]> = [
    ['unknown-kind', '"svdd"', /Unknown kind "svdd"\. Did you mean "svd"\?/],
    ['unknown-field', '"matrx"', /has no field "matrx"\. Did you mean "matrix"\?/],
    ['wrong-type', '"0.01"', /"lr" must be a number, not the string "0\.01"\. Write 0\.01 without quotes\./],
    ['missing-field', '"gd"', /A gd problem needs "data", e\.g\./],
    ['unknown-value', '"adma"', /Unknown optimizer "adma"\. Did you mean "adam"\?/],
    ['matrix-ragged', '[3]', /Row 2 has 1 entry but row 1 has 2/],
    ['matrix-syntax', 'x', /`4x` is not a number/, '[3, 4'],
    ['objective-syntax', '"', /The objective does not parse: Parenthesis \) expected/, '100*(y-x^2'],
    ['start-unused-variable', '"z"', /start gives "z", which the objective does not use\. Its variables are x, y\./],
    ['start-missing-variable', '{ "x": 1 }', /start does not give "y", which the objective uses: add "y": 0/],
    ['start-length', '[1, 1, 1]', /start has 3 numbers but the objective has 2 variables \(x, y, in this order: sorted by name\)/],
    ['lr-not-positive', '-0.01', /lr must be positive/],
    ['lr-diverges', '0.5', /^lr = 0\.5 ≥ 2\/L = 0\.0909 \(L = 22\): gradient descent diverges on this problem; use lr < 0\.0909\./, '"lr": '],
    ['steps-not-positive', '0', /steps must be at least 1, not 0/, '"steps": '],
    ['beta-range', '1.2', /beta1 = 1\.2 is outside \[0, 1\)/],
    ['components-too-many', '3', /components = 3 but the data has only 2 features \(X1, X2\): use 1 or 2/, '"components": '],
    ['data-invalid', '[2.1, 3.9, 6.2, 8.1]', /y has 4 values but x has 5/],
    ['expression-syntax', '"', /The expression does not parse: Expected "\)"/, 'sigmoid(x'],
    ['expect-unknown-field', '"singularValue"', /no field "singularValue" to check\. Did you mean "singularValues"\?/],
    ['expect-syntax', 'sqrt(3', /`sqrt\(3` is not a number/],
    ['answer-wrong', '3', /σ₁: expected √3 ≈ 1\.7320508, you wrote 3: that is λ₁, the eigenvalue of AᵀA; σ₁ = √λ₁/, '"singularValues": ['],
  ];

  for (const [code, snippet, message, after] of expected) {
    it(`${code}: on ${snippet}`, () => {
      const d = only(of(code), code);
      assert.match(d.message, message);
      assert.equal(d.severity, code === 'lr-diverges' ? 'warning' : 'error');
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes(`"id": "${code}"`));
      const anchor = after ?? `"id": "${code}"`;
      const column = lines[line].indexOf(snippet, lines[line].indexOf(anchor) + anchor.length);
      assert.deepEqual(d.range.start, { line, column });
      assert.equal(textAt(text, d.range), snippet);
    });
  }

  it('duplicate id: on the second one, naming the first', () => {
    const d = only(diagnostics, 'duplicate-id');
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('"id": "duplicate-id"'));
    assert.equal(d.range.start.line, first + 1);
    assert.equal(textAt(text, d.range), '"duplicate-id"');
    assert.match(d.message, new RegExp(`already uses it`));
    assert.match(d.message, new RegExp(`line ${first + 1}\\)`));
  });

  it('gives every other problem of the broken file exactly its own diagnostic, and fails the check', () => {
    for (const [code] of expected) assert.deepEqual(of(code).map((d) => d.code), [code], code);
    assert.equal(checkFile(text).failed, true);
  });

  it('formats diagnostics the way compilers print them: 1-based line and column', () => {
    const d = only(of('lr-diverges'), 'lr-diverges');
    const line = text.split('\n').findIndex((l) => l.includes('"id": "lr-diverges"'));
    const column = text.split('\n')[line].indexOf('0.5');
    assert.equal(formatDiagnostic('broken.mdl.json', d), `broken.mdl.json:${line + 1}:${column + 1}: warning: ${d.message}`);
    assert.match(formatDiagnostic('f.mdl.json', { ...d, severity: 'info' }), /^f\.mdl\.json:\d+:\d+: note: /);
  });
});

describe('problem files: more diagnostics', () => {
  const load = (...problems: object[]) => {
    const text = file(...problems);
    return { text, ...loadProblemFile(text) };
  };

  it('narrows an objective error to its column, also past escapes in the JSON string', () => {
    const { text, diagnostics } = load({ id: 'a', kind: 'optimize', objective: 'x^^2 + y' });
    const d = only(diagnostics, 'objective-syntax');
    assert.equal(textAt(text, d.range), '^');
    assert.equal(text[d.range.offset - 1], '^');
    const escaped = '{ "problems": [ { "id": "a", "kind": "optimize", "objective": "x +\\n y)" } ] }';
    const e = only(loadProblemFile(escaped).diagnostics, 'objective-syntax');
    assert.equal(textAt(escaped, e.range), ')');
    assert.match(e.message, /Unexpected operator \)/);
  });

  it('names a misspelt built-in objective instead of treating it as a variable', () => {
    const { diagnostics } = load({ id: 'a', kind: 'optimize', objective: 'rosenbrok', start: [0, 0] });
    assert.match(only(diagnostics, 'unknown-value').message, /Unknown objective "rosenbrok"\. Did you mean "rosenbrock"\?/);
  });

  it('η ≥ 2/L for gradient descent on linear regression, with L computed by hand', () => {
    // x = 1…5: XᵀX = [[5, 15], [15, 55]], so (2/N)XᵀX = [[2, 6], [6, 22]],
    // whose largest eigenvalue is 12 + √(10² + 6²) = 12 + 2√34 ≈ 23.6619, and 2/L ≈ 0.084524.
    const data = { x: [1, 2, 3, 4, 5], y: [2.1, 3.9, 6.2, 8.1, 9.8] };
    const { text, diagnostics } = load({ id: 'q4', kind: 'gd', data, lr: 0.1 });
    const d = only(diagnostics, 'lr-diverges');
    assert.equal(d.message.split(' (L is')[0], `lr = 0.1 ≥ 2/L = 0.0845 (L = 23.66): gradient descent diverges on this problem; use lr < 0.0845.`);
    assert.equal(textAt(text, d.range), '0.1');
    assert.equal(load({ id: 'q4', kind: 'gd', data, lr: 0.084 }).diagnostics.length, 0);
    // Without lr the default 0.001 is safe.
    assert.equal(load({ id: 'q4', kind: 'gd', data }).diagnostics.length, 0);
  });

  it('the bound for gd-compare (batch GD) on generated data, and for plain SGD on quadratics', () => {
    assert.match(only(load({ id: 'a', kind: 'gd-compare', data: { generate: { n: 50 } }, lr: 5 }).diagnostics, 'lr-diverges').message, /batch gradient descent diverges/);
    // ½(x² + κy²) has Hessian diag(1, κ): L = 10, 2/L = 0.2.
    assert.match(only(load({ id: 'a', kind: 'optimize', objective: 'quadratic', kappa: 10, optimizer: 'sgd', lr: 0.25 }).diagnostics, 'lr-diverges').message, /^lr = 0\.25 ≥ 2\/L = 0\.2 \(L = 10\)/);
    // A custom quadratic has a constant Hessian diag(2, 20): L = 20.
    assert.match(only(load({ id: 'a', kind: 'optimize', objective: 'x^2 + 10*y^2', optimizer: 'sgd', lr: 0.15, start: [1, 1] }).diagnostics, 'lr-diverges').message, /2\/L = 0\.1 \(L = 20\)/);
    // Adam's step is not bounded by 2/L; Rosenbrock has no global L.
    assert.equal(load({ id: 'a', kind: 'optimize', objective: 'quadratic', optimizer: 'adam', lr: 0.5 }).diagnostics.length, 0);
    assert.equal(load({ id: 'a', kind: 'optimize', objective: 'rosenbrock', optimizer: 'sgd', lr: 0.5 }).diagnostics.length, 0);
  });

  it('hyperparameters the optimizer does not take are flagged, not passed on', () => {
    const { text, diagnostics } = load({ id: 'a', kind: 'optimize', objective: 'rosenbrock', optimizer: 'sgd', beta1: 0.9 });
    const d = only(diagnostics, 'unknown-field');
    assert.equal(d.severity, 'warning');
    assert.equal(textAt(text, d.range), '"beta1"');
    assert.match(d.message, /beta1 applies to adam and adamw; sgd ignores it/);
  });

  it('pca data in every form: ragged columns, row objects, string tables', () => {
    const ragged = load({ id: 'a', kind: 'pca', data: { X1: [4, 8, 13, 7], X2: [11, 4, 5] } });
    assert.match(only(ragged.diagnostics, 'matrix-ragged').message, /Feature "X2" has 3 values but "X1" has 4/);
    assert.equal(textAt(ragged.text, ragged.diagnostics[0].range), '[\n          11,\n          4,\n          5\n        ]');
    const rows = load({ id: 'a', kind: 'pca', data: [{ X1: 4, X2: 11 }, { X1: 8 }] });
    assert.match(only(rows.diagnostics, 'matrix-ragged').message, /Sample 2 has no value for "X2"/);
    assert.equal(load({ id: 'a', kind: 'pca', data: 'X1,X2\n4,11\n8,4\n13,5\n7,14' }).diagnostics.length, 0);
    const one = load({ id: 'a', kind: 'pca', data: [[1, 2]] });
    assert.match(only(one.diagnostics, 'data-invalid').message, /at least 2 samples/);
  });

  it('an unknown expect field, a bad expected string, an unknown activation, a bad tolerance', () => {
    assert.match(only(load({ id: 'a', kind: 'gd', data: { x: [1, 2], y: [1, 2] }, expect: { 'finl.loss': 0 } }).diagnostics, 'expect-unknown-field').message, /Did you mean "final"\?/);
    const bad = load({ id: 'a', kind: 'pca', data: { X1: [1, 2, 3], X2: [3, 1, 2] }, expect: { eigenvalues: ['1 + abc', 1] } });
    const d = only(bad.diagnostics, 'expect-syntax');
    assert.equal(textAt(bad.text, d.range), 'abc');
    assert.match(only(load({ id: 'a', kind: 'activation', name: 'relux' }).diagnostics, 'unknown-value').message, /Did you mean "relu"\?/);
    assert.match(only(load({ id: 'a', kind: 'svd', matrix: [[1]], tolerance: { rel: 1e-3, absolute: 1 } }).diagnostics, 'unknown-field').message, /"rel" \(relative\) and "abs" \(absolute\)/);
  });

  it('does not report a misspelt required field twice', () => {
    const { diagnostics } = load({ id: 'a', kind: 'derivative', expresion: 'x^2' });
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-field']);
  });

  it('an id that is missing or not a name', () => {
    assert.match(only(load({ kind: 'svd', matrix: [[1]] }).diagnostics, 'missing-field').message, /has no "id": add "id": "q1"/);
    assert.equal(only(load({ id: 'a b', kind: 'svd', matrix: [[1]] }).diagnostics, 'invalid-id').code, 'invalid-id');
  });
});
