import assert from 'node:assert/strict';
import { parseMatrix } from '../../../src/core/parse';
import { show } from './helpers';

/** One entry, read inside a Mathematica literal so that spaces never split it. */
function entry(text: string): { value: number; exact: string } {
  const m = parseMatrix(`{{${text}}}`);
  assert.equal(m.rows, 1);
  assert.equal(m.cols, 1);
  return { value: m.values[0][0], exact: show(m.exact[0][0]) };
}

function expectEntry(text: string, value: number, exact: string): void {
  const got = entry(text);
  assert.equal(got.value, value, `value of ${text}`);
  assert.equal(got.exact, exact, `exact value of ${text}`);
}

describe('entries: literals', () => {
  const cases: Array<[string, number, string]> = [
    ['0', 0, '0'],
    ['42', 42, '42'],
    ['-7', -7, '-7'],
    ['+5', 5, '5'],
    ['007', 7, '7'],
    ['0.1', 0.1, '1/10'],
    ['-2.50', -2.5, '-5/2'],
    ['.5', 0.5, '1/2'],
    ['5.', 5, '5'],
    ['1.000', 1, '1'],
    ['1e-3', 0.001, '1/1000'],
    ['2.5E+4', 25000, '25000'],
    ['1E3', 1000, '1000'],
    ['-1.5e-10', -1.5e-10, '-3/20000000000'],
    ['6.02e23', 6.02e23, '602000000000000000000000'],
    ['1e-30', 1e-30, '1/1000000000000000000000000000000'],
    ['−3', -3, '-3'],
    ['−0.25', -0.25, '-1/4'],
    ['½', 0.5, '1/2'],
    ['¾', 0.75, '3/4'],
  ];
  for (const [text, value, exact] of cases) it(`${text} = ${exact}`, () => expectEntry(text, value, exact));

  it('keeps integers beyond double precision exact', () => {
    expectEntry('123456789012345678901234567890', 123456789012345678901234567890, '123456789012345678901234567890');
    expectEntry('0.1234567890123456789', 0.1234567890123456789, '1234567890123456789/10000000000000000000');
  });

  it('gives the same double as JavaScript for every literal (correct rounding)', () => {
    for (const text of ['0.3', '2.675', '1.0000000000000002', '9007199254740993', '4.35', '1e22', '1e23', '5e-324', '1.7976931348623157e308', '0.000001234']) {
      assert.equal(entry(text).value, Number(text), text);
    }
  });
});

describe('entries: fractions and exact arithmetic', () => {
  const cases: Array<[string, number, string]> = [
    ['1/2', 0.5, '1/2'],
    ['-3/4', -0.75, '-3/4'],
    ['6/8', 0.75, '3/4'],
    ['1/-2', -0.5, '-1/2'],
    ['1/3', 1 / 3, '1/3'],
    ['1/2 + 1/3', 5 / 6, '5/6'],
    ['0.1 + 0.2', 0.3, '3/10'],
    ['(1 + 2) * 3', 9, '9'],
    ['2^10', 1024, '1024'],
    ['2^-2', 0.25, '1/4'],
    ['(2/3)^2', 4 / 9, '4/9'],
    ['2**3', 8, '8'],
    ['-2^2', -4, '-4'],
    ['(-2)^2', 4, '4'],
    ['2^3^2', 512, '512'],
    ['3 × 4', 12, '12'],
    ['6 ÷ 4', 1.5, '3/2'],
    ['2·3', 6, '6'],
    ['1 - - 1', 2, '2'],
    ['10 - 2 - 3', 5, '5'],
    ['12 / 2 / 3', 2, '2'],
    ['2(3 + 4)', 14, '14'],
    ['0.5e1 / 1e-1', 50, '50'],
    ['sqrt(4)', 2, '2'],
    ['sqrt(9/4)', 1.5, '3/2'],
    ['√16', 4, '4'],
    ['4^(1/2)', 2, '2'],
    ['8^(1/3)', 2, '2'],
    ['27^(2/3)', 9, '9'],
    ['(-8)^(1/3)', -2, '-2'],
    ['abs(-3/2)', 1.5, '3/2'],
    ['exp(0)', 1, '1'],
    ['cos(0)', 1, '1'],
    ['log(1)', 0, '0'],
    ['Fraction(1, 3)', 1 / 3, '1/3'],
    ['np.float64(2.5)', 2.5, '5/2'],
    ['1.5*^3', 1500, '1500'],
    ['(((((1)))))', 1, '1'],
  ];
  for (const [text, value, exact] of cases) it(`${text} = ${exact}`, () => expectEntry(text, value, exact));

  it('gives huge powers and roots a double but no exact form rather than stalling', () => {
    const big = entry('2^1000');
    assert.equal(big.value, 2 ** 1000);
    assert.equal(big.exact, String(2n ** 1000n));
    const huge = entry('1.0000001^100000');
    assert.equal(huge.exact, 'null');
    assert.ok(Math.abs(huge.value - Math.pow(1.0000001, 100000)) < 1e-12 * huge.value);
  });
});

describe('entries: irrational values', () => {
  const cases: Array<[string, number]> = [
    ['sqrt(2)', Math.SQRT2],
    ['√2', Math.SQRT2],
    ['√(2)', Math.SQRT2],
    ['math.sqrt(2)', Math.SQRT2],
    ['np.sqrt(2)', Math.SQRT2],
    ['Sqrt[2]', Math.SQRT2],
    ['sqrt(2)/2', Math.SQRT2 / 2],
    ['1/sqrt(2)', 1 / Math.SQRT2],
    ['pi', Math.PI],
    ['π', Math.PI],
    ['Pi', Math.PI],
    ['np.pi', Math.PI],
    ['2pi', 2 * Math.PI],
    ['2π', 2 * Math.PI],
    ['pi/4', Math.PI / 4],
    ['e', Math.E],
    ['E', Math.E],
    ['math.e', Math.E],
    ['e^2', Math.E ** 2],
    ['2√3', 2 * Math.sqrt(3)],
    ['2^0.5', Math.SQRT2],
    ['sin(pi/6)', Math.sin(Math.PI / 6)],
    ['exp(1)', Math.E],
  ];
  for (const [text, value] of cases) {
    it(`${text} ≈ ${value} with no exact form`, () => {
      const got = entry(text);
      assert.ok(Math.abs(got.value - value) <= 4 * Number.EPSILON * Math.abs(value), `${text}: ${got.value} vs ${value}`);
      assert.equal(got.exact, 'null');
    });
  }

  it('distinguishes the exponent 1e3 from Euler’s number after a number (2e = 2·e)', () => {
    expectEntry('1e3', 1000, '1000');
    assert.equal(entry('2e').value, 2 * Math.E);
  });
});

describe('entries: LaTeX spellings', () => {
  function latex(cell: string) {
    const m = parseMatrix(`\\begin{bmatrix} ${cell} \\end{bmatrix}`);
    return { value: m.values[0][0], exact: show(m.exact[0][0]) };
  }

  const cases: Array<[string, number, string]> = [
    ['\\frac{1}{2}', 0.5, '1/2'],
    ['\\frac12', 0.5, '1/2'],
    ['-\\frac12', -0.5, '-1/2'],
    ['\\tfrac{3}{4}', 0.75, '3/4'],
    ['\\dfrac{-1}{3}', -1 / 3, '-1/3'],
    ['\\frac{1}{2}+\\frac{1}{3}', 5 / 6, '5/6'],
    ['\\frac{\\frac{1}{2}}{2}', 0.25, '1/4'],
    ['\\sqrt{4}', 2, '2'],
    ['\\sqrt[3]{27}', 3, '3'],
    ['2^{10}', 1024, '1024'],
    ['10^{-3}', 0.001, '1/1000'],
    ['3 \\times 4', 12, '12'],
    ['3 \\cdot \\frac{1}{3}', 1, '1'],
    ['6 \\div 4', 1.5, '3/2'],
    ['\\left( 1 + 1 \\right)^2', 4, '4'],
    ['\\phantom{-}5', 5, '5'],
    ['\\mathrm{e}^0', 1, '1'],
    ['{-2}', -2, '-2'],
  ];
  for (const [text, value, exact] of cases) {
    it(`${text} = ${exact}`, () => {
      const got = latex(text);
      assert.equal(got.value, value, text);
      assert.equal(got.exact, exact, text);
    });
  }

  it('reads \\sqrt{2}, \\pi and \\frac{\\sqrt{3}}{2} as irrational', () => {
    assert.deepEqual(latex('\\sqrt{2}'), { value: Math.SQRT2, exact: 'null' });
    assert.deepEqual(latex('\\pi'), { value: Math.PI, exact: 'null' });
    assert.deepEqual(latex('\\frac{\\sqrt{3}}{2}'), { value: Math.sqrt(3) / 2, exact: 'null' });
    assert.deepEqual(latex('2\\sqrt{2}'), { value: 2 * Math.SQRT2, exact: 'null' });
  });
});
