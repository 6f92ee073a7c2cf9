import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMdlError } from '../../../src/core/errors';
import { parseMatrix, type ParsedMatrix } from '../../../src/core/parse';
import { formatOf, formatters, show, type Cells } from './helpers';

/** Parses, accepting success or an MdlError; anything else fails the property. */
function parsesOrRefuses(text: string): ParsedMatrix | null {
  try {
    const m = parseMatrix(text);
    assert.equal(m.values.length, m.rows);
    assert.ok(m.values.every((r) => r.length === m.cols && r.every(Number.isFinite)));
    assert.ok(m.exact.every((r) => r.length === m.cols && r.every((x) => x === null || (x.den > 0n && typeof x.num === 'bigint'))));
    return m;
  } catch (e) {
    if (!isMdlError(e)) throw new Error(`non-MdlError for ${JSON.stringify(text.slice(0, 200))}: ${String(e)}`);
    // The backstop in parseMatrix turns internal failures into this message; reaching it is a bug.
    assert.notEqual(e.message, 'The selection could not be read as a matrix.', `internal failure on ${JSON.stringify(text.slice(0, 200))}`);
    if (e.position) {
      assert.ok(e.position.offset >= 0 && e.position.offset <= text.length, `offset in range for ${JSON.stringify(text.slice(0, 100))}`);
      assert.ok(e.position.line >= 1 && e.position.column >= 1);
    }
    // No leaked `undefined` or `NaN` in the wording (quoted user text aside).
    assert.ok(e.message.length > 10 && !/undefined|NaN|\[object/.test(e.message.replace(/`[^`]*`/g, '')), `message: ${e.message}`);
    return null;
  }
}

/** Pieces that real selections are made of, to reach deep into every scanner. */
const TOKENS = [
  '[', ']', '{', '}', '(', ')', ',', ';', '&', '\\\\', '|', '|---|', '-', '+', '*', '/', '^', '**', '.', '...', ' ', '  ', '\n', '\t', '\r\n',
  '"', "'", '#', '%', '//', '$$', '$', '=', 'A = ', '0', '1', '2.5', '-3', '1e-3', '1e999', 'e', 'E', 'pi', 'π', '√', 'sqrt', 'Sqrt[', 'nan',
  'inf', 'x', 'abc', 'np.array(', 'dtype=float', '\\frac', '\\frac12', '{1}', '\\sqrt', '\\begin{bmatrix}', '\\end{bmatrix}', '\\begin{array}{cc}',
  '\\end{array}', '\\hline', '\\left(', '\\right)', '\\cdot', '```', '>>>', '−', '½', '∞', '…', 'j', '*^', '\\phantom{-}', 'Fraction(1,',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));

describe('properties: parseMatrix never fails with anything but MdlError', () => {
  it('random ASCII and Unicode strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => void parsesOrRefuses(s)), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => void parsesOrRefuses(s)), { numRuns: 1500 });
  });

  it('random sequences of matrix syntax', () => {
    fc.assert(fc.property(tokenSoup, (s) => void parsesOrRefuses(s)), { numRuns: 4000 });
  });

  it('every prefix and suffix of valid selections in every format', () => {
    const sample: Cells = [['1', '-2.5'], ['1/2', '3e-2']];
    const texts = [
      ...Object.values(formatters).map((f) => f(sample)),
      'np.array([[1, 2], [3, 4]], dtype=np.float64)',
      '\\begin{pmatrix} \\frac{1}{2} & \\sqrt{2} \\\\ -\\frac12 & \\pi \\end{pmatrix}',
      '| x | y |\n|---|---|\n| 1 | 2 |',
      '{{Sqrt[2], 1}, {2.5*^-3, Pi}}',
      '[1 2 ...\n 3; 4 5 6] % data',
    ];
    for (const text of texts) {
      for (let i = 0; i <= text.length; i++) {
        parsesOrRefuses(text.slice(0, i));
        parsesOrRefuses(text.slice(i));
      }
    }
  });

  it('random slices of a valid selection with random insertions', () => {
    const base = 'A = np.array([[1, -2.5e3], [sqrt(2), 1/3]], dtype=float)  # x';
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.constantFrom(...TOKENS), (i, j, insert) => {
        const [a, b] = i < j ? [i, j] : [j, i];
        parsesOrRefuses(base.slice(0, a) + insert + base.slice(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('pathological sizes: deep nesting and 10⁶-character lines', () => {
    const cases = [
      '['.repeat(10_000),
      ']'.repeat(10_000),
      '{'.repeat(10_000) + '}'.repeat(10_000),
      '('.repeat(10_000),
      '[[' + '('.repeat(100_000) + ']]',
      '\\frac{'.repeat(10_000),
      '\\begin{bmatrix}' + '{'.repeat(10_000) + '\\end{bmatrix}',
      '\\begin{bmatrix}' + '\\sqrt{'.repeat(5_000) + '2' + '}'.repeat(5_000) + '\\end{bmatrix}',
      '√'.repeat(10_000) + '2',
      '2' + '^2'.repeat(10_000),
      '1' + '+1'.repeat(500_000),
      '1,'.repeat(500_000) + '1',
      'a'.repeat(1_000_000),
      '1'.repeat(1_000_000),
      '0.' + '1'.repeat(1_000_000),
      '1e' + '9'.repeat(1_000_000),
      ' '.repeat(1_000_000) + '1',
      '"' + 'x'.repeat(1_000_000),
      '| 1 '.repeat(200_000) + '|',
      '[' + '1 '.repeat(500_000) + ']',
      '-'.repeat(1_000_000),
      '.'.repeat(1_000_000),
      '\\'.repeat(1_000_000),
      '&'.repeat(1_000_000),
    ];
    // A hang shows up as a mocha timeout; speed itself is measured by `npm run bench`.
    for (const text of cases) parsesOrRefuses(text);
  });
});

// ---------------------------------------------------------------------------

const shape = fc.record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) });
const matrixOf = <T>(entry: fc.Arbitrary<T>) =>
  shape.chain(({ rows, cols }) => fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

/** What a formatter's output must be recognised as; some shapes are ambiguous by nature. */
function expectedFormat(name: string, rows: number, cols: number): ParsedMatrix['format'] {
  if ((name === 'csv' || name === 'tsv') && cols === 1) return 'whitespace'; // no separator left to see
  if ((name === 'matlab' || name === 'numpyPrinted') && rows === 1 && cols === 1) return 'json'; // [5] and [[5]]
  if (name === 'matlabLines' && rows === 1) return 'json'; // [1, 2]
  return formatOf[name];
}

/** The exact value of a decimal literal such as "-1.5e-7", for checking `exact`. */
function decimalFraction(s: string): [bigint, bigint] {
  const [mantissa, exp = '0'] = s.toLowerCase().split('e');
  const [int, frac = ''] = mantissa.split('.');
  const scale = frac.length - Number(exp);
  const digits = BigInt(int + frac);
  return scale >= 0 ? [digits, 10n ** BigInt(scale)] : [digits * 10n ** BigInt(-scale), 1n];
}

const doubleEntry = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.integer({ min: -99_999, max: 99_999 }).map((n) => n / 1000),
);

describe('properties: round trip through every format', () => {
  for (const name of Object.keys(formatters)) {
    it(`${name}: formatted doubles parse back to the same doubles and exact decimals`, () => {
      fc.assert(
        fc.property(matrixOf(doubleEntry), (m) => {
          const text = formatters[name](m.map((r) => r.map(String)));
          const parsed = parseMatrix(text);
          assert.equal(parsed.format, expectedFormat(name, m.length, m[0].length), text);
          assert.deepEqual(parsed.values, m.map((r) => r.map((x) => (x === 0 ? 0 : x))), text);
          m.forEach((row, i) =>
            row.forEach((x, j) => {
              const exact = parsed.exact[i][j];
              assert.ok(exact, `exact of ${x}`);
              const [num, den] = decimalFraction(String(x));
              assert.equal(exact.num * den, num * exact.den, `exact of ${x} is ${show(exact)}`);
            }),
          );
        }),
        { numRuns: 150 },
      );
    });
  }

  const fraction = fc.record({ num: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), den: fc.bigInt({ min: 1n, max: 10n ** 12n }) });
  const fractionFormats: Record<string, (c: string[][]) => string> = {
    json: formatters.python,
    matlab: formatters.matlab,
    mathematica: formatters.mathematica,
    csv: formatters.csv,
    markdown: formatters.markdown,
  };
  for (const [name, format] of Object.entries(fractionFormats)) {
    it(`${name}: fractions p/q stay exact and reduced`, () => {
      fc.assert(
        fc.property(matrixOf(fraction), (m) => {
          const parsed = parseMatrix(format(m.map((r) => r.map(({ num, den }) => `${num}/${den}`))));
          m.forEach((row, i) =>
            row.forEach(({ num, den }, j) => {
              const x = parsed.exact[i][j]!;
              assert.equal(x.num * den, num * x.den, `${num}/${den} read as ${show(x)}`);
              assert.ok(x.den > 0n);
              assert.equal(gcd(x.num, x.den), 1n, `${show(x)} is reduced`);
              assert.equal(parsed.values[i][j], Number(num) / Number(den) || 0);
            }),
          );
        }),
        { numRuns: 100 },
      );
    });
  }

  it('latex: \\frac{p}{q} stays exact', () => {
    fc.assert(
      fc.property(matrixOf(fraction), (m) => {
        const parsed = parseMatrix(formatters.latex(m.map((r) => r.map(({ num, den }) => (num < 0n ? `-\\frac{${-num}}{${den}}` : `\\frac{${num}}{${den}}`)))));
        m.forEach((row, i) => row.forEach(({ num, den }, j) => assert.equal(parsed.exact[i][j]!.num * den, num * parsed.exact[i][j]!.den)));
      }),
      { numRuns: 100 },
    );
  });
});

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

