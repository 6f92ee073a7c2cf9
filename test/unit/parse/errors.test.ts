import assert from 'node:assert/strict';
import { parseMatrix } from '../../../src/core/parse';
import { expectError, highlighted } from './helpers';

describe('errors: empty', () => {
  for (const text of ['', '   ', ' \n\t\r\n ', '```\n```', '```python\n\n```', 'A = ', ';', 'A = ;']) {
    it(`${JSON.stringify(text)} says how to select a matrix`, () => {
      expectError(text, {
        code: 'empty',
        message: /^The selection is empty\. Select a matrix such as \[\[1, 2\], \[3, 4\]\] or put the cursor inside one\.$/,
        noPosition: true,
      });
    });
  }

  it('points at a literal with no entries', () => {
    expectError('[]', { code: 'empty', message: /The matrix `\[\]` has no entries/, line: 1, column: 1, length: 2 });
    expectError('[[]]', { code: 'empty', line: 1, column: 1, length: 4 });
    expectError('{{}}', { code: 'empty', line: 1, column: 1, length: 4 });
    expectError('np.array([])', { code: 'empty', column: 10, length: 2 });
    expectError('\\begin{bmatrix}\\end{bmatrix}', { code: 'empty', column: 1, length: 28 });
    expectError('A = [ ]', { code: 'empty', column: 5, length: 3 });
  });
});

describe('errors: ragged rows', () => {
  it('names the row and points at its start (JSON)', () => {
    const text = '[[1,2,3],[4,5,6],[7,8]]';
    const e = expectError(text, { code: 'ragged', message: /^Row 3 has 2 entries but row 1 has 3/, line: 1, column: 18, length: 5 });
    assert.equal(highlighted(text, e), '[7,8]');
  });

  it('names the row and points at its start (whitespace, multi-line)', () => {
    expectError('1 2 3\n4 5 6\n7 8', { code: 'ragged', message: /Row 3 has 2 entries but row 1 has 3/, line: 3, column: 1, length: 3 });
  });

  it('reports a longer row as well as a shorter one', () => {
    expectError('[[1,2],\n [3,4],\n [5, 6, 7]]', { code: 'ragged', message: /Row 3 has 3 entries but row 1 has 2/, line: 3, column: 2, length: 9 });
  });

  it('handles MATLAB, LaTeX, Mathematica and Markdown rows', () => {
    expectError('[1 2 3; 4 5]', { code: 'ragged', message: /Row 2 has 2 entries but row 1 has 3/, column: 9 });
    expectError('\\begin{bmatrix} 1 & 2 \\\\ 3 \\end{bmatrix}', { code: 'ragged', message: /Row 2 has 1 entry but row 1 has 2/, column: 26 });
    expectError('{{1,2},{3}}', { code: 'ragged', column: 8, length: 3 });
    expectError('| 1 | 2 |\n| 3 |', { code: 'ragged', line: 2, column: 1 });
  });

  it('counts rows below a skipped header as the matrix rows', () => {
    expectError('x,y\n1,2\n3', { code: 'ragged', message: /Row 2 has 1 entry but row 1 has 2/, line: 3, column: 1 });
  });

  it('treats an empty row as a row with no entries', () => {
    expectError('[[1], []]', { code: 'ragged', message: /Row 2 has 0 entries but row 1 has 1/, column: 7, length: 2 });
  });
});

describe('errors: entries that are not numbers', () => {
  it('quotes the entry and points at it with its cell', () => {
    const text = '[[1,2],[abc,4]]';
    const e = expectError(text, { code: 'non-numeric', message: /^`abc` is not a number \(row 2, column 1\)\.$/, line: 1, column: 9, length: 3, cell: { row: 2, col: 1 } });
    assert.equal(highlighted(text, e), 'abc');
    assert.equal(e.describe(), 'line 1, column 9: `abc` is not a number (row 2, column 1).');
  });

  it('counts lines and columns across newlines (LF and CRLF)', () => {
    expectError('[[1, 2],\n [3, x4]]', { code: 'non-numeric', line: 2, column: 6, length: 2, cell: { row: 2, col: 2 } });
    expectError('[[1, 2],\r\n [3, x4]]', { code: 'non-numeric', line: 2, column: 6, length: 2, cell: { row: 2, col: 2 } });
    expectError('1,2\n3,abc', { code: 'non-numeric', line: 2, column: 3, length: 3, cell: { row: 2, col: 2 } });
  });

  it('points at the unknown part of an expression', () => {
    const text = '[[1 + abc]]';
    const e = expectError(text, { code: 'non-numeric', message: /`1 \+ abc` is not a number \(row 1, column 1\): `abc` is not a known name/, column: 7, length: 3 });
    assert.equal(highlighted(text, e), 'abc');
  });

  it('explains incomplete expressions, complex numbers and ellipses', () => {
    expectError('[[1, 2 +]]', { code: 'non-numeric', message: /ends before the expression is complete/, cell: { row: 1, col: 2 } });
    expectError('[1j, 2]', { code: 'non-numeric', message: /complex numbers are not supported/, column: 3 });
    expectError('[[1, ..., 5]]', { code: 'non-numeric', message: /omitted entries/, column: 6, length: 3, cell: { row: 1, col: 2 } });
    expectError('\\begin{bmatrix} 1 & \\cdots \\end{bmatrix}', { code: 'non-numeric', message: /omitted entries/, column: 21, length: 6 });
    expectError('[[1, 2], [3, None]]', { code: 'non-numeric', message: /`None` is not a number/, cell: { row: 2, col: 2 } });
  });

  it('treats JavaScript object keys as the unknown names they are', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expectError(`[[1, ${name}]]`, { code: 'non-numeric', message: new RegExp(`\`${name}\` is not a number`), column: 6, length: name.length, cell: { row: 1, col: 2 } });
    }
  });

  it('refuses int(…) (it truncates) and names that need arguments', () => {
    expectError('[[int(2.7)]]', { code: 'non-numeric', message: /`int` is not a known name/, column: 3, length: 3 });
    expectError('[[sqrt]]', { code: 'non-numeric', message: /`sqrt` needs its argument in parentheses/ });
    expectError('{{Fraction[1]}}', { code: 'non-numeric', message: /takes 2 arguments/ });
  });

  it('reports empty fields', () => {
    expectError('1,,3\n4,5,6', { code: 'non-numeric', message: /entry in row 1, column 2 is empty/, line: 1, column: 3, cell: { row: 1, col: 2 } });
    expectError('\\begin{bmatrix} 1 & \\\\ 3 & 4 \\end{bmatrix}', { code: 'non-numeric', message: /row 1, column 2 is empty/, cell: { row: 1, col: 2 } });
    expectError('| 1 |  |\n| 3 | 4 |', { code: 'non-numeric', message: /row 1, column 2 is empty/, cell: { row: 1, col: 2 } });
  });

  it('does not take a numeric row with one typo for a header', () => {
    expectError('1,2,abc\n3,4,5', { code: 'non-numeric', line: 1, column: 5, cell: { row: 1, col: 3 } });
    expectError('a,1\n2,3', { code: 'non-numeric', line: 1, column: 1, cell: { row: 1, col: 1 } });
  });

  it('reports cells below a header with data-row numbers', () => {
    expectError('x,y\n1,2\n3,zz', { code: 'non-numeric', line: 3, column: 3, cell: { row: 2, col: 2 } });
  });
});

describe('errors: non-finite entries', () => {
  for (const [text, column, length] of [
    ['[[1, NaN]]', 6, 3],
    ['[[1, nan]]', 6, 3],
    ['[[Infinity, 1]]', 3, 8],
    ['[[1, inf]]', 6, 3],
    ['[[1, -inf]]', 7, 3],
    ['[[1, np.inf]]', 6, 6],
    ['{{1, Indeterminate}}', 6, 13],
    ['[[1, ∞]]', 6, 1],
  ] as Array<[string, number, number]>) {
    it(`${text} is refused at column ${column}`, () => {
      expectError(text, { code: 'non-finite', message: /is not a finite number/, line: 1, column, length });
    });
  }

  it('refuses \\infty in LaTeX', () => {
    expectError('\\begin{bmatrix} 1 & \\infty \\end{bmatrix}', { code: 'non-finite', column: 21, length: 6, cell: { row: 1, col: 2 } });
  });

  it('refuses overflow, division by zero and imaginary results', () => {
    expectError('[1e999]', { code: 'non-finite', message: /`1e999` in row 1, column 1 is too large/, column: 2, length: 5 });
    expectError('[1, -1e400]', { code: 'non-finite', message: /too large/, column: 5, length: 6 });
    expectError('[[10^400]]', { code: 'non-finite', message: /too large/, column: 3, length: 6 });
    expectError('[[1/0]]', { code: 'non-finite', message: /`1\/0` is not a finite number \(row 1, column 1\): it divides by zero/, column: 4, length: 1 });
    expectError('[[sqrt(-1)]]', { code: 'non-finite', message: /not a real number/, column: 3, length: 8 });
    expectError('[[Fraction(1, 0)]]', { code: 'non-finite', message: /divides by zero/, column: 3 });
    expectError('\\begin{bmatrix} \\frac{1}{0} \\end{bmatrix}', { code: 'non-finite', message: /divides by zero/, column: 17 });
  });
});

describe('errors: too large', () => {
  const csv = (rows: number, cols: number, last = '1') =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === rows - 1 && c === cols - 1 ? last : '1')).join(',')).join('\n');

  it('gives the dimensions, the count and the setting', () => {
    expectError(csv(300, 1000), {
      code: 'too-large',
      message: /^The selection has 300 × 1000 = 300,000 entries; the limit is 250,000 \(setting mdlSteps\.maxEntries\)\.$/,
      noPosition: true,
    });
  });

  it('honours a custom limit', () => {
    expectError('[[1, 2], [3, 4]]', { code: 'too-large', message: /2 × 2 = 4 entries; the limit is 3 /, noPosition: true }, { maxEntries: 3 });
    expectError('[[1, 2, 3], [4]]', { code: 'too-large', message: /has 4 entries in 2 rows; the limit is 2 /, noPosition: true }, { maxEntries: 2 });
  });

  it('does not count header labels or a label column', () => {
    assert.equal(parseMatrix(',a,b\nx,1,2\ny,3,4', { maxEntries: 4 }).rows, 2);
    expectError(',a,b\nx,1,2\ny,3,4', { code: 'too-large', message: /2 × 2 = 4 entries/ }, { maxEntries: 3 });
  });

  it('is detected before any entry is evaluated', () => {
    // The bad last entry would be reported first if entries were evaluated before the size check.
    expectError(csv(600, 1000, 'abc'), { code: 'too-large', message: /600 × 1000 = 600,000/ });
    expectError(`[${Array.from({ length: 400 }, () => `[${Array(1000).fill('x').join(',')}]`).join(',')}]`, { code: 'too-large', message: /400 × 1000 = 400,000/ });
  });
});

describe('errors: syntax', () => {
  it('unclosed brackets point at the opener', () => {
    expectError('[[1,2],[3,4]', { code: 'syntax', message: /never closed/, line: 1, column: 1, length: 1 });
    expectError('[[1,2],[3,4', { code: 'syntax', message: /never closed/, column: 8 });
    expectError('{{1,2},{3,4}', { code: 'syntax', message: /never closed/, column: 1 });
    expectError('[1 2; 3 4', { code: 'syntax', message: /never closed/, column: 1 });
    expectError('[[sqrt(2, 1]]', { code: 'syntax', column: 12 });
  });

  it('mismatched brackets point at the closer and name the opener', () => {
    expectError('[[1,2],[3,4)]', { code: 'syntax', message: /This `\)` does not match the `\[` at line 1, column 8\./, column: 12 });
    expectError('[[1, (2]]', { code: 'syntax', message: /does not match the `\(` at line 1, column 6/, column: 8 });
  });

  it('text after the matrix', () => {
    expectError('[[1,2],[3,4]]]', { code: 'syntax', message: /Unexpected `\]` after the matrix/, column: 14, length: 1 });
    expectError('np.array([[1,2]]).T', { code: 'syntax', message: /Unexpected `\.T` after the matrix/, column: 18, length: 2 });
    expectError("[1 2]'", { code: 'syntax', message: /Unexpected `'`/, column: 6 });
    expectError('np.array([[1,2]]', { code: 'syntax', message: /never closed/, column: 9 });
  });

  it('empty entries between commas', () => {
    expectError('[1,,2]', { code: 'syntax', message: /empty entry before this comma/, column: 4 });
    expectError('[[,1]]', { code: 'syntax', column: 3 });
  });

  it('mixing numbers and rows', () => {
    expectError('[1, [2]]', { code: 'syntax', message: /mixes numbers and rows/, column: 5 });
    expectError('[[1,2] 5]', { code: 'syntax', message: /Expected `\[` to start row 2 or `\]` to end the matrix, but found `5`/, column: 8 });
    expectError('[[1,2], 5]', { code: 'syntax', column: 9 });
  });

  it('LaTeX structure', () => {
    expectError('\\begin{bmatrix} 1 \\end{pmatrix}', { code: 'syntax', message: /`\\end\{pmatrix\}` does not match `\\begin\{bmatrix\}`/, column: 19, length: 13 });
    expectError('\\begin{bmatrix} 1 & 2', { code: 'syntax', message: /never closed/, column: 1, length: 15 });
    expectError('\\begin{bmatrix} 1 \\end{bmatrix}, \\begin{bmatrix} 2 \\end{bmatrix}', { code: 'syntax', message: /more than one matrix/, column: 34 });
    expectError('\\begin{bmatrix} {1 & 2 \\end{bmatrix}', { code: 'syntax', message: /never closed/, column: 17 });
    expectError('\\begin{bmatrix} 1} & 2 \\end{bmatrix}', { code: 'syntax', message: /no matching/, column: 18 });
  });

  it('unclosed quotes', () => {
    expectError('[[1, "2]]', { code: 'syntax', message: /quote/, column: 6 });
  });
});

describe('errors: unsupported shapes', () => {
  it('refuses three levels of brackets at the third bracket', () => {
    expectError('[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]', { code: 'unsupported', message: /three or more levels/, column: 3 });
    expectError('{{{1}}}', { code: 'unsupported', column: 3 });
  });

  it('refuses a block matrix in LaTeX', () => {
    expectError('\\begin{bmatrix} \\begin{matrix} 1 \\end{matrix} \\end{bmatrix}', { code: 'unsupported', message: /block matrix/, column: 17 });
  });
});

describe('errors: arguments', () => {
  it('refuses a bad maxEntries', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
      expectError('[[1]]', { code: 'invalid-argument', message: /positive whole number/ }, { maxEntries });
    }
  });

  it('refuses a non-string selection with an MdlError', () => {
    expectError(undefined as unknown as string, { code: 'invalid-argument' });
  });
});

describe('errors: hostile input', () => {
  it('refuses 10⁴ opening brackets without recursing', () => {
    expectError('['.repeat(10_000), { code: 'unsupported', column: 3 });
    expectError('{'.repeat(10_000), { code: 'unsupported', column: 3 });
    expectError('['.repeat(10_000) + ']'.repeat(10_000), { code: 'unsupported', column: 3 });
  });

  it('refuses deeply nested parentheses inside an entry with a depth error', () => {
    const deep = '('.repeat(10_000) + '1' + ')'.repeat(10_000);
    expectError(`[[${deep}]]`, { code: 'syntax', message: /nested too deeply/, cell: { row: 1, col: 1 } });
    expectError(deep, { code: 'syntax', message: /nested too deeply/ });
  });

  it('reads 10⁵ leading signs (a loop, not recursion)', () => {
    assert.deepEqual(parseMatrix('-'.repeat(100_000) + '1').values, [[1]]);
    assert.deepEqual(parseMatrix('-'.repeat(100_001) + '1').values, [[-1]]);
  });
});
