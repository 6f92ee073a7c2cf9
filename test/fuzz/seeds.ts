/**
 * Valid inputs for each target, to be mutated: matrices written in every
 * supported format, datasets, problem files, objective expressions and
 * command lines, plus the bundled examples/ files whole and in pieces.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTREME_NUMBERS, NON_FINITE } from './inputs';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Every text file in examples/, whole. */
export const EXAMPLE_FILES: ReadonlyArray<{ name: string; text: string }> = readdirSync(EXAMPLES)
  .filter((name) => /\.(py|m|csv|md|json)$/.test(name))
  .map((name) => ({ name, text: readFileSync(join(EXAMPLES, name), 'utf8') }));

/** The examples cut into paragraphs and lines, the pieces a student selects. */
const EXAMPLE_PIECES: string[] = EXAMPLE_FILES.flatMap(({ text }) => [text, ...text.split(/\n\s*\n/), ...text.split('\n')]).filter((s) => s.trim() !== '');

type Cells = string[][];

/** How each supported format writes a matrix of entry texts. */
export const FORMATTERS: Record<string, (m: Cells) => string> = {
  json: (m) => `[${m.map((r) => `[${r.join(', ')}]`).join(', ')}]`,
  pythonTuples: (m) => `[${m.map((r) => `(${r.join(', ')}${r.length === 1 ? ',' : ''})`).join(', ')}]`,
  numpy: (m) => `np.array([${m.map((r) => `[${r.join(', ')}]`).join(',\n          ')}], dtype=float)`,
  numpyPrinted: (m) => `[[${m.map((r) => r.join(' ')).join(']\n [')}]]`,
  matlab: (m) => `A = [${m.map((r) => r.join(' ')).join('; ')}];`,
  matlabLines: (m) => `[${m.map((r) => r.join(', ')).join('\n ')}]`,
  mathematica: (m) => `{${m.map((r) => `{${r.join(', ')}}`).join(', ')}}`,
  latex: (m) => `\\begin{bmatrix}\n${m.map((r) => r.join(' & ')).join(' \\\\\n')}\n\\end{bmatrix}`,
  latexArray: (m) => `$$\\left(\\begin{array}{${'c'.repeat(m[0]?.length ?? 1)}}${m.map((r) => r.join(' & ')).join(' \\\\ \\hline ')}\\end{array}\\right)$$`,
  bareTex: (m) => m.map((r) => r.join(' & ')).join(' \\\\ '),
  csv: (m) => [m[0]?.map((_, j) => `x${j + 1}`).join(','), ...m.map((r) => r.join(','))].join('\n'),
  tsv: (m) => m.map((r) => r.join('\t')).join('\n'),
  semicolons: (m) => m.map((r) => r.join(';')).join('\n'),
  whitespace: (m) => m.map((r) => r.join('  ')).join('\n'),
  markdown: (m) => [`| ${m[0]?.map((_, j) => `c${j}`).join(' | ')} |`, `|${m[0]?.map(() => '---').join('|')}|`, ...m.map((r) => `| ${r.join(' | ')} |`)].join('\n'),
  fenced: (m) => '```python\n' + `A = [${m.map((r) => `[${r.join(', ')}]`).join(', ')}]` + '\n```',
};

const PLAIN_ENTRIES = ['0', '1', '-1', '2', '3', '-2.5', '0.25', '1e-3', '4E2', '1/2', '-3/4', 'sqrt(2)', '√3', 'pi', '2π', '\\frac{1}{2}', '\\sqrt{2}', '2^-1', '1.5', '−4', '½'];

/** An entry: usually ordinary, sometimes extreme or non-finite. */
const entry = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PLAIN_ENTRIES) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME_NUMBERS, ...NON_FINITE) },
);

/** A rows × cols grid of entries (sometimes a ragged one). */
const cells: fc.Arbitrary<Cells> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean())
  .chain(([rows, cols, ragged]) =>
    fc.array(fc.array(entry, ragged ? { minLength: 1, maxLength: cols + 1 } : { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
  );

/** A matrix written in a random supported format. */
export const matrixText: fc.Arbitrary<string> = fc.tuple(cells, fc.constantFrom(...Object.keys(FORMATTERS))).map(([m, f]) => FORMATTERS[f](m));

export const MATRIX_SEEDS: string[] = [
  '[[1, 1], [1, 0], [0, 1]]',
  'np.array([[1, 2], [3, 4]], dtype=np.float64)',
  'torch.tensor([[1., 2.], [3., 4.]])',
  '\\begin{pmatrix} \\frac{1}{2} & \\sqrt{2} \\\\ -\\frac12 & \\pi \\end{pmatrix}',
  '\\[ A = \\begin{bmatrix*}[r] 1 & -2 \\\\[2pt] 3 & 4 \\end{bmatrix*} \\]',
  '| x | y |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |',
  '{{Sqrt[2], 1}, {2.5*^-3, Pi}}',
  'MatrixForm[{{1, 2}, {3, 4}}]',
  '[1 2 ...\n 3; 4 5 6] % data',
  '>>> A = [[1, 2],\n...      [3, 4]]',
  'x,y\n1,2\n3,4',
  'a\tb\tc\n1\t2\t3\n4\t5\t6',
  '1;2,5\n3;4,5',
  '1 2; 3 4',
  'array([[ 1.,  2.],\n       [ 3.,  4.]])',
  '[[1, 2], [3, 4]],  # the matrix',
  ...EXAMPLE_PIECES,
];

export const DATASET_SEEDS: string[] = [
  'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14',
  '| Feature | Example 1 | Example 2 | Example 3 | Example 4 |\n| --- | --- | --- | --- | --- |\n| $X_1$ | 4 | 8 | 13 | 7 |\n| $X_2$ | 11 | 4 | 5 | 14 |',
  'height,weight\n1.7,60\n1.8,72\n1.6,NA\n1.75,68',
  '{"X1": [4, 8, 13, 7], "X2": [11, 4, 5, 14]}',
  "pd.DataFrame({'a': [1, 2, 3], 'b': (4, 5, 6)})",
  '[{"name": "Alice", "height": 1.7, "weight": 60}, {"name": "Bob", "height": 1.8, "weight": 72}]',
  '[{"x": 1, "y": 2}, {"x": 3}, {"y": 4, "x": 5}]',
  ',x,y\n0,1,2\n1,3,4\n2,5,6',
  'Example 1  Example 2  Example 3\n1  2  3\n4  5  6',
  'x;y\n1,5;2,5\n3,0;4,0',
  '{a: [1, 2], b: [3, 4]}',
  ...MATRIX_SEEDS,
];

export const EXPRESSION_SEEDS: string[] = [
  'x^2 + 10*y^2', '(1 - x)^2 + 100*(y - x^2)^2', '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2', '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  'x^2 - y^2', 'sigmoid(w*x + b)', 'log(1 + exp(-a*b))', 'abs(x) + sign(y)', 'pow(x, 3) - 3*x', 'sqrt(x^2 + y^2 + 1)', 'tanh(θ) * tan(φ)', 'x_1^2 + x_2^2',
  'sin(x) * cos(y) + e^x - pi', '2x + 3y', 'x y', '-(-(-x))', 'x^-2 + 1e-3*y', '.5*x^2', 'x**2', 'f(x) = x^2', 'x == y', 'a.b', '[x, y]',
];

const PROBLEMS = [
  '{ "id": "q1", "kind": "svd", "matrix": [[1, 1], [1, 0], [0, 1]], "expect": { "singularValues": ["sqrt(3)", 1] } }',
  '{ "id": "q2", "kind": "pca", "data": { "X1": [4, 8, 13, 7], "X2": [11, 4, 5, 14] }, "components": 1, "expect": { "explainedVariance": [0.8212] } }',
  '{ "id": "q3", "kind": "optimize", "objective": "rosenbrock", "optimizer": "adam", "lr": 0.01, "steps": 100, "start": [-1.5, 2] }',
  '{ "id": "q4", "kind": "optimize", "objective": "x^2 + 10*y^2", "optimizer": "sgd", "lr": 0.5, "start": { "x": 1, "y": 1 } }',
  '{ "id": "q5", "kind": "gd", "data": { "x": [1, 2, 3], "y": [2, 4, 6] }, "lr": 0.01, "steps": 10, "init": [0, 0] }',
  '{ "id": "q6", "kind": "gd-compare", "data": { "x": [1, 2, 3, 4], "y": [2, 4, 6, 8] }, "epochs": 5, "batchSize": 2, "methods": ["batch", "sgd"] }',
  '{ "id": "q7", "kind": "cross-entropy", "tolerance": { "rel": 1e-4 } }',
  '{ "id": "q8", "kind": "activation", "name": "relu" }',
  '{ "id": "q9", "kind": "sigmoid-zigzag" }',
  '{ "id": "q10", "kind": "derivative", "expression": "x * sigmoid(x)" }',
  '{ "id": "q11", "kind": "optimize", "objective": "linear-regression", "data": { "x": [1, 2], "y": [3, 5] } }',
];

export const PROBLEM_FILE_SEEDS: string[] = [
  ...EXAMPLE_FILES.filter((f) => f.name.endsWith('.mdl.json')).map((f) => f.text),
  `{\n  "title": "All kinds",\n  "problems": [\n    ${PROBLEMS.join(',\n    ')}\n  ]\n}`,
  ...PROBLEMS.map((p) => `// one problem\n{ "$schema": "../schemas/mdl.schema.json", "problems": [${p},] }`),
];

/** Field names a problem file knows, to build structurally plausible files. */
export const PROBLEM_KEYS = [
  'id', 'kind', 'title', 'matrix', 'data', 'objective', 'optimizer', 'lr', 'steps', 'start', 'beta1', 'beta2', 'eps', 'momentum', 'alpha', 'weightDecay', 'tol',
  'compare', 'kappa', 'components', 'denominator', 'init', 'epochs', 'batchSize', 'seed', 'methods', 'name', 'expression', 'expect', 'tolerance', 'rel', 'abs',
  'singularValues', 'V', 'U', 'x', 'y', 'X1', 'generate', 'n', 'final.theta', 'explainedVariance', '__proto__', 'constructor', 'toString', '$schema', 'problems',
];
export const PROBLEM_VALUES = [
  'svd', 'pca', 'optimize', 'gd', 'gd-compare', 'cross-entropy', 'activation', 'sigmoid-zigzag', 'derivative', 'adam', 'sgd', 'rmsprop', 'nesterov', 'rosenbrock',
  'quadratic', 'beale', 'himmelblau', 'linear-regression', 'logistic-regression', 'relu', 'gelu', 'x^2 + y^2', 'sqrt(3)', '1/sqrt(2)', 'n-1', 'batch', 'minibatch',
];

export const CLI_WORDS = [
  'svd', 'pca', 'activation', 'run', 'check', 'image', '--format', '-f', 'json', 'md', 'text', '--file', '--precision', '--no-exact', '--components', '-k',
  '--denominator', 'n-1', 'n', '--transpose', '--problem', '--rank', '--mode', 'gray', 'rgb', '--out', '-h', '--help', '--', '-', '--unknown', '0', '1', '15', '16',
  '-1', '1.5', '1e3', 'NaN', 'Infinity', '0x10', '', ' ', 'relu', 'nn.SiLU', 'F.gelu', 'a.txt', 'examples/assignment.mdl.json', 'q1', '[[1,1],[1,0],[0,1]]',
  '[1 2; 3 4]', 'x,y\n1,2\n3,4', '--format=json', '--precision=3', '-fjson', '—format',
];
