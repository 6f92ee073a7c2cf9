import assert from 'node:assert/strict';
import { parseMatrix } from '../../../src/core/parse';
import { expectMatrix } from './helpers';

const A32 = [[1, 1], [1, 0], [0, 1]];
const A22 = [[1, 2], [3, 4]];

describe('parseMatrix: JSON and Python lists', () => {
  for (const text of [
    '[[1,1],[1,0],[0,1]]',
    '[[1, 1], [1, 0], [0, 1]]',
    '[[1,1],[1,0],[0,1],]',
    '[[1, 1,], [1, 0,], [0, 1,],]',
    '[\n  [1, 1],\n  [1, 0],\n  [0, 1]\n]',
    'A = [[1, 1], [1, 0], [0, 1]]',
    'A: list[list[int]] = [[1, 1], [1, 0], [0, 1]]',
    'const A = [[1, 1], [1, 0], [0, 1]];',
    '[(1, 1), (1, 0), (0, 1)]',
    '[[1, 1],  # first row\n [1, 0],\n [0, 1]]  # done',
    '[["1", "1"], ["1", "0"], ["0", "1"]]',
    ">>> A = [[1, 1], [1, 0], [0, 1]]",
    '```python\nA = [[1, 1], [1, 0], [0, 1]]\n```',
    '[[1,1],[1,0],[0,1]],',
  ]) {
    it(`reads ${JSON.stringify(text)}`, () => expectMatrix(text, { format: 'json', values: A32 }));
  }

  it('reads a flat list as one row', () => {
    expectMatrix('[1, 2, 3]', { format: 'json', values: [[1, 2, 3]] });
    expectMatrix('[1,2,3,]', { format: 'json', values: [[1, 2, 3]] });
    expectMatrix('[\n  1,\n  2,\n  3\n]', { format: 'json', values: [[1, 2, 3]] });
  });

  it('reads a single entry in brackets as 1×1', () => {
    expectMatrix('[[7]]', { format: 'json', values: [[7]] });
    expectMatrix('[7]', { format: 'json', values: [[7]] });
  });

  it('reads negative and scientific entries inside lists', () => {
    expectMatrix('[[-1.5, 2e-3], [+4, -5E+2]]', { format: 'json', values: [[-1.5, 0.002], [4, -500]] });
  });
});

describe('parseMatrix: NumPy', () => {
  for (const text of [
    'np.array([[1, 1], [1, 0], [0, 1]])',
    'numpy.array([[1, 1], [1, 0], [0, 1]])',
    'np.matrix([[1, 1], [1, 0], [0, 1]])',
    'np.array([[1, 1], [1, 0], [0, 1]], dtype=float)',
    'np.array([[1, 1], [1, 0], [0, 1]], dtype=np.float64)',
    "np.array([[1, 1], [1, 0], [0, 1]], dtype='float32', copy=True)",
    'A = np.array([[1., 1.],\n              [1., 0.],\n              [0., 1.]])',
    'array([[1., 1.],\n       [1., 0.],\n       [0., 1.]])',
    'np.array([(1, 1), (1, 0), (0, 1)])',
    'np.array(((1, 1), (1, 0), (0, 1)))',
    'torch.tensor([[1, 1], [1, 0], [0, 1]])',
    '[[1 1]\n [1 0]\n [0 1]]',
    '[[ 1.  1.]\n [ 1.  0.]\n [ 0.  1.]]',
    'X = np.array([[1, 1], [1, 0], [0, 1]]);  # three samples',
    '[[np.float64(1.0), np.float64(1.0)], [1, 0], [0, 1]]',
  ]) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const m = parseMatrix(text);
      assert.deepEqual(m.values, A32);
      // A printed array without commas is NumPy's; a list of np.float64 is still a JSON-style list.
      assert.equal(m.format, text.startsWith('[[np.') ? 'json' : 'numpy');
    });
  }

  it('reads a 1-D array as one row', () => {
    expectMatrix('np.array([1, 2, 3])', { format: 'numpy', values: [[1, 2, 3]] });
  });

  it('reads NumPy print-out with negative entries and column alignment', () => {
    expectMatrix('[[ 1.5 -2. ]\n [-3.   4. ]]', { format: 'numpy', values: [[1.5, -2], [-3, 4]] });
  });
});

describe('parseMatrix: MATLAB / Octave', () => {
  for (const text of [
    '[1 1; 1 0; 0 1]',
    '[1, 1; 1, 0; 0, 1]',
    'A = [1 1; 1 0; 0 1];',
    '[1 1\n 1 0\n 0 1]',
    '[1 1;\n 1 0;\n 0 1]',
    '[1 1 % first\n 1 0\n 0 1]',
    '[1 ...\n 1; 1 0; 0 1]',
    '[\n  1 1\n  1 0\n  0 1\n]',
    '[1,1;1,0;0,1;]',
    '1 1; 1 0; 0 1',
    'A = [1  1;  1  0;  0  1]; % the data',
  ]) {
    it(`reads ${JSON.stringify(text)}`, () => expectMatrix(text, { format: 'matlab', values: A32 }));
  }

  it('follows MATLAB: a sign after a space starts a new entry, an operator between spaces does not', () => {
    expectMatrix('[1 -2]', { format: 'matlab', values: [[1, -2]] });
    expectMatrix('[1 - 2, 3]', { values: [[-1, 3]] });
    expectMatrix('[1 -2; 3 +4]', { format: 'matlab', values: [[1, -2], [3, 4]] });
    expectMatrix('[1 * 2 3]', { format: 'matlab', values: [[2, 3]] });
    expectMatrix('[sqrt(4) 2^2]', { format: 'matlab', values: [[2, 4]] });
    expectMatrix('[pi/4 1/2]', { format: 'matlab', values: [[Math.PI / 4, 0.5]], exact: [['null', '1/2']] });
  });
});

describe('parseMatrix: Mathematica', () => {
  for (const text of [
    '{{1,1},{1,0},{0,1}}',
    '{{1, 1}, {1, 0}, {0, 1}}',
    'A = {{1, 1}, {1, 0}, {0, 1}};',
    'm = {\n  {1, 1},\n  {1, 0},\n  {0, 1}\n}',
    'MatrixForm[{{1, 1}, {1, 0}, {0, 1}}]',
    '{{1, 1}, {1, 0}, {0, 1}} // MatrixForm',
  ]) {
    it(`reads ${JSON.stringify(text)}`, () => expectMatrix(text, { format: 'mathematica', values: A32 }));
  }

  it('reads Mathematica entries: Sqrt[…], Pi, E, rationals, *^ exponents', () => {
    expectMatrix('{{Sqrt[4], 1/3}, {2.5*^-3, -7}}', {
      format: 'mathematica',
      values: [[2, 1 / 3], [0.0025, -7]],
      exact: [['2', '1/3'], ['1/400', '-7']],
    });
    const m = parseMatrix('{{Pi, E}}');
    assert.deepEqual(m.values, [[Math.PI, Math.E]]);
    assert.deepEqual(m.exact, [[null, null]]);
  });
});

describe('parseMatrix: LaTeX', () => {
  for (const env of ['bmatrix', 'pmatrix', 'vmatrix', 'Vmatrix', 'Bmatrix', 'matrix', 'smallmatrix']) {
    it(`reads \\begin{${env}}`, () => {
      expectMatrix(`\\begin{${env}} 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\end{${env}}`, { format: 'latex', values: A32 });
    });
  }

  for (const text of [
    '\\begin{array}{cc} 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\end{array}',
    '\\left[\\begin{array}{c|c} 1 & 1 \\\\ \\hline 1 & 0 \\\\ 0 & 1 \\end{array}\\right]',
    '$$A = \\begin{bmatrix} 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\end{bmatrix}$$',
    '\\[\n  A = \\begin{bmatrix}\n    1 & 1 \\\\\n    1 & 0 \\\\\n    0 & 1\n  \\end{bmatrix}\n\\]',
    '\\begin{bmatrix} 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\\\ \\end{bmatrix}',
    '\\begin{bmatrix} 1 & 1 \\\\[4pt] 1 & 0 \\\\[4pt] 0 & 1 \\end{bmatrix}',
    '\\begin{bmatrix*}[r] 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\end{bmatrix*}',
    '\\begin{bmatrix} % comment & with & ampersands\n 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\end{bmatrix}',
    '1 & 1 \\\\ 1 & 0 \\\\ 0 & 1',
    '$$ 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 $$',
    '\\begin{equation}\n  A = \\begin{pmatrix} 1 & 1 \\\\ 1 & 0 \\\\ 0 & 1 \\end{pmatrix}.\n\\end{equation}',
    '\\begin{tabular}{cc}\n\\toprule\n1 & 1 \\\\\n\\midrule\n1 & 0 \\\\\n0 & 1 \\\\\n\\bottomrule\n\\end{tabular}',
  ]) {
    it(`reads ${JSON.stringify(text)}`, () => expectMatrix(text, { format: 'latex', values: A32 }));
  }

  it('evaluates TeX entries exactly: \\frac, \\tfrac, -\\frac12, \\sqrt, \\pi, \\cdot', () => {
    const m = expectMatrix(
      '\\begin{pmatrix} \\frac{1}{2} & -\\frac12 & \\tfrac{3}{4} \\\\ \\dfrac{-2}{6} & \\sqrt{9} & \\sqrt[3]{-8} \\\\ \\sqrt{2} & 2\\pi & 3 \\cdot 4 \\end{pmatrix}',
      {
        format: 'latex',
        values: [[0.5, -0.5, 0.75], [-1 / 3, 3, -2], [Math.SQRT2, 2 * Math.PI, 12]],
        exact: [['1/2', '-1/2', '3/4'], ['-1/3', '3', '-2'], ['null', 'null', '12']],
      },
    );
    assert.equal(m.rows, 3);
  });

  it('ignores layout-only TeX inside entries: \\phantom{-}, \\, and \\left( \\right)', () => {
    expectMatrix('\\begin{bmatrix} \\phantom{-}1 & -1 \\\\ \\,2\\, & \\left(\\frac{1}{2}\\right) \\end{bmatrix}', {
      values: [[1, -1], [2, 0.5]],
      exact: [['1', '-1'], ['2', '1/2']],
    });
  });

  it('skips a label row and column of a LaTeX table', () => {
    expectMatrix('\\begin{array}{c|cc} & x & y \\\\ \\hline a & 1 & 2 \\\\ b & 3 & 4 \\end{array}', { format: 'latex', values: A22 });
  });
});

describe('parseMatrix: CSV, TSV, semicolons, whitespace', () => {
  it('reads CSV with and without spaces, trailing commas and CRLF', () => {
    expectMatrix('1,1\n1,0\n0,1', { format: 'csv', values: A32 });
    expectMatrix('1, 1\n1, 0\n0, 1\n', { format: 'csv', values: A32 });
    expectMatrix('1,1,\r\n1,0,\r\n0,1,\r\n', { format: 'csv', values: A32 });
    expectMatrix('"1","1"\n"1","0"\n"0","1"', { format: 'csv', values: A32 });
  });

  it('reads a single CSV line as a row', () => {
    expectMatrix('1, 2, 3', { format: 'csv', values: [[1, 2, 3]] });
  });

  it('skips a header row of labels and keeps the format', () => {
    expectMatrix('x,y\n1,1\n1,0\n0,1', { format: 'csv', values: A32 });
    expectMatrix('"height","weight"\n1,1\n1,0\n0,1', { format: 'csv', values: A32 });
    expectMatrix('x\ty\n1\t1\n1\t0\n0\t1', { format: 'tsv', values: A32 });
    expectMatrix('x y\n1 1\n1 0\n0 1', { format: 'whitespace', values: A32 });
  });

  it('skips a first column of labels, with or without a header', () => {
    expectMatrix('a,1,1\nb,1,0\nc,0,1', { format: 'csv', values: A32 });
    expectMatrix(',x,y\na,1,1\nb,1,0\nc,0,1', { format: 'csv', values: A32 });
    expectMatrix('id\tx\ty\nr1\t1\t1\nr2\t1\t0\nr3\t0\t1', { format: 'tsv', values: A32 });
  });

  it('skips the index column under a header one entry short (a printed pandas DataFrame)', () => {
    expectMatrix('   x  y\n0  1  1\n1  1  0\n2  0  1', { format: 'whitespace', values: A32 });
    expectMatrix('x,y\n10,1,1\n11,1,0\n12,0,1', { format: 'csv', values: A32 });
  });

  it('reads a label with an ampersand as a label, not as TeX', () => {
    expectMatrix('R&D,Sales\n1,1\n1,0\n0,1', { format: 'csv', values: A32 });
  });

  it('does not mistake pi and e for labels', () => {
    expectMatrix('pi,e\n1,2', { format: 'csv', values: [[Math.PI, Math.E], [1, 2]] });
  });

  it('skips comment lines (numpy.savetxt headers)', () => {
    expectMatrix('# x y\n1 1\n1 0\n0 1', { format: 'whitespace', values: A32 });
  });

  it('reads TSV (spreadsheet paste) including empty trailing columns', () => {
    expectMatrix('1\t1\n1\t0\n0\t1', { format: 'tsv', values: A32 });
    expectMatrix('1\t1\t\n1\t0\t\n0\t1\t', { format: 'tsv', values: A32 });
  });

  it('reads semicolon-separated values, with decimal commas', () => {
    expectMatrix('1;1\n1;0\n0;1', { format: 'csv', values: A32 });
    expectMatrix('1,5;2\n-0,25;3', { format: 'csv', values: [[1.5, 2], [-0.25, 3]], exact: [['3/2', '2'], ['-1/4', '3']] });
  });

  it('reads whitespace-separated rows, aligned or not', () => {
    expectMatrix('1 1\n1 0\n0 1', { format: 'whitespace', values: A32 });
    expectMatrix('   1   1\n   1   0\n   0   1\n', { format: 'whitespace', values: A32 });
    expectMatrix('1\t 1\n1 0\n\n0 1', { format: 'whitespace', values: A32 }); // tabs on some lines only
    expectMatrix('A =\n\n   1   1\n   1   0\n   0   1\n', { format: 'whitespace', values: A32 });
  });

  it('reads a lone number as a 1×1 matrix', () => {
    expectMatrix('42', { format: 'whitespace', values: [[42]] });
    expectMatrix(' -1/2 ', { format: 'whitespace', values: [[-0.5]], exact: [['-1/2']] });
  });
});

describe('parseMatrix: Markdown tables', () => {
  for (const text of [
    '| a | b |\n|---|---|\n| 1 | 1 |\n| 1 | 0 |\n| 0 | 1 |',
    '|a|b|\n|:-|-:|\n|1|1|\n|1|0|\n|0|1|',
    '| 1 | 1 |\n| 1 | 0 |\n| 0 | 1 |',
    '|   | x | y |\n|---|---|---|\n| **a** | 1 | 1 |\n| **b** | 1 | 0 |\n| **c** | 0 | 1 |',
    'Table 1: data\n\n| x | y |\n| --- | --- |\n| `1` | `1` |\n| 1 | 0 |\n| 0 | 1 |\n\nSource: me',
    '  | x | y\n  |---|---\n  | 1 | 1\n  | 1 | 0\n  | 0 | 1',
  ]) {
    it(`reads ${JSON.stringify(text)}`, () => expectMatrix(text, { format: 'markdown', values: A32 }));
  }

  it('reads math in cells', () => {
    expectMatrix('| x | y |\n|---|---|\n| $\\frac{1}{2}$ | $-3$ |', { format: 'markdown', values: [[0.5, -3]], exact: [['1/2', '-3']] });
  });
});

describe('parseMatrix: results', () => {
  it('returns plain arrays with rows × cols entries', () => {
    const m = parseMatrix('[[1, 2, 3], [4, 5, 6]]');
    assert.equal(m.rows, 2);
    assert.equal(m.cols, 3);
    assert.ok(Array.isArray(m.values) && m.values.every(Array.isArray));
    assert.equal(m.exact.length, 2);
    assert.equal(m.exact[1].length, 3);
  });

  it('never returns -0', () => {
    const m = parseMatrix('[[-0, -0.0], [0 * -1, -0e5]]');
    for (const v of m.values.flat()) assert.ok(Object.is(v, 0), `got ${v}`);
  });

  it('respects a custom maxEntries that fits', () => {
    expectMatrix('[[1, 2], [3, 4]]', { values: A22 }, { maxEntries: 4 });
  });
});
