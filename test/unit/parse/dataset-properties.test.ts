import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMdlError } from '../../../src/core/errors';
import { parseDataset, type ParsedDataset } from '../../../src/core/parse';

/** Parses, accepting a well-formed dataset or an MdlError; anything else fails the property. */
function parsesOrRefuses(text: string, transpose = false): ParsedDataset | null {
  const shown = JSON.stringify(text.slice(0, 200));
  try {
    const data = parseDataset(text, { transpose });
    const n = data.samples.length;
    const d = data.featureNames.length;
    assert.ok(n >= 2, `at least 2 samples for ${shown}`);
    assert.ok(data.samples.every((r) => r.length === d && r.every(Number.isFinite)), `N×d finite samples for ${shown}`);
    assert.ok(data.exact.length === n && data.exact.every((r) => r.length === d && r.every((x) => x === null || x.den > 0n)), `exact for ${shown}`);
    assert.ok(data.sampleNames === undefined || data.sampleNames.length === n, `sample names for ${shown}`);
    return data;
  } catch (e) {
    if (!isMdlError(e)) throw new Error(`non-MdlError for ${shown}: ${String(e)}`);
    assert.notEqual(e.message, 'The selection could not be read as a dataset.', `internal failure on ${shown}`);
    if (e.position) {
      assert.ok(e.position.offset >= 0 && e.position.offset <= text.length, `offset in range for ${shown}`);
      assert.ok(e.position.line >= 1 && e.position.column >= 1);
    }
    // No leaked `undefined` or `[object …]`. (Not `NaN`: a feature may be named so by the text itself.)
    assert.ok(e.message.length > 10 && !/undefined|\[object/.test(e.message.replace(/`[^`]*`|“[^”]*”/g, '')), `message: ${e.message}`);
    return null;
  }
}

const VALID = [
  'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14',
  '| Feature | Example - 1 | Example - 2 | Example - 3 |\n|---|---|---|---|\n| X<sub>1</sub> | 4 | 8 | 13 |\n| $X_2$ | 11 | 4 | 5 |',
  'name,height,weight\nAlice,1.7,60\nBob,"1.8",72\nCarol,1/2,55',
  'height;weight\n1,7;60\n1,8;72',
  '{"X1": [4, 8, 13, 7], "X2": [11, 4, 5, 14]}',
  "pd.DataFrame({'X1': (4, 8), 'X2': [11, 4]})",
  '[{"name": "Ann", "h": 1.7, "w": 60}, {"w": 72, "h": 1.8, "name": "Bo"}]',
  'X = np.array([[4, 11], [8, 4], [13, 5]])',
  '\\begin{pmatrix} 1 & \\frac12 \\\\ 3 & 4 \\end{pmatrix}',
  'Feature  Example 1  Example 2\nX1  4  8\nX2  11  4',
];

const TOKENS = [
  '{', '}', '[', ']', '(', ')', '"', "'", ':', ',', ';', '\t', '\n', '\r\n', ' ', '  ', '|', '|---|', '$X_1$', 'X<sub>1</sub>', 'X₁', 'Feature',
  'Example - 1', 'Sample 2', 'ID', 'NA', 'null', 'NaN', '?', '-', '1', '2.5', '-3', '1,5', '1e999', 'x', 'height', '#', '%', 'pd.DataFrame(',
  '\\begin{bmatrix}', '\\end{bmatrix}', '&', '\\\\', '```', '$', '**', '"a": ', "'b': [", '[{', '}]', '1/0', 'sqrt(', '…',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));

describe('properties: parseDataset never fails with anything but MdlError', () => {
  it('random ASCII, Unicode and binary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.boolean(), (s, t) => void parsesOrRefuses(s, t)), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => void parsesOrRefuses(s)), { numRuns: 1000 });
  });

  it('random sequences of table and JSON syntax', () => {
    fc.assert(fc.property(tokenSoup, fc.boolean(), (s, t) => void parsesOrRefuses(s, t)), { numRuns: 4000 });
  });

  it('every prefix and suffix of valid inputs in every format', () => {
    for (const text of VALID) {
      assert.ok(parsesOrRefuses(text), `valid: ${text}`);
      for (let i = 0; i <= text.length; i++) {
        parsesOrRefuses(text.slice(0, i));
        parsesOrRefuses(text.slice(i), true);
      }
    }
  });

  it('valid inputs with a random slice replaced by a token', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.constantFrom(...TOKENS), (text, i, j, insert) => {
        const [a, b] = [i % (text.length + 1), j % (text.length + 1)].sort((x, y) => x - y);
        parsesOrRefuses(text.slice(0, a) + insert + text.slice(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('pathological sizes finish (a hang is a mocha timeout)', () => {
    for (const text of [
      '{'.repeat(100_000), '[{'.repeat(50_000), '{"a":['.repeat(20_000), '{"a": [' + '1,'.repeat(300_000) + '1]}', '"'.repeat(100_000),
      '\t'.repeat(1_000_000), ','.repeat(1_000_000), '|'.repeat(100_000), 'x\t'.repeat(300_000), ('a,' + '1,'.repeat(1000) + '\n').repeat(300),
      '[' + '{"a": 1},'.repeat(100_000) + ']', '{' + Array.from({ length: 50_000 }, (_, i) => `"k${i}": [1]`).join(',') + '}',
    ]) {
      parsesOrRefuses(text);
    }
  });
});

// ---------------------------------------------------------------------------

const VALUES = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -99_999, max: 99_999 }).map((n) => n / 100));
const dataset = fc
  .record({ n: fc.integer({ min: 2, max: 7 }), d: fc.integer({ min: 1, max: 5 }) })
  .chain(({ n, d }) => fc.array(fc.array(VALUES, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }));

const column = (m: number[][], j: number) => m.map((r) => r[j]);
const names = (d: number) => Array.from({ length: d }, (_, j) => `f${j + 1}`);

/** Writers of one dataset in each format, and the orientation each lays it out in. */
const WRITERS: Record<string, { write: (m: number[][]) => string; orientation: ParsedDataset['orientation']; features: (d: number) => string[] }> = {
  csv: { write: (m) => [names(m[0].length).join(','), ...m.map((r) => r.join(','))].join('\n'), orientation: 'samples-as-rows', features: names },
  assignmentTsv: {
    write: (m) => [['Feature', ...m.map((_, i) => `Example - ${i + 1}`)].join('\t'), ...m[0].map((_, j) => [`$X_${j + 1}$`, ...column(m, j)].join('\t'))].join('\n'),
    orientation: 'features-as-rows',
    features: (d) => Array.from({ length: d }, (_, j) => `X${'₀₁₂₃₄₅₆₇₈₉'[j + 1]}`),
  },
  markdown: {
    write: (m) => [`| ${names(m[0].length).join(' | ')} |`, `|${m[0].map(() => '---|').join('')}`, ...m.map((r) => `| ${r.join(' | ')} |`)].join('\n'),
    orientation: 'samples-as-rows',
    features: names,
  },
  jsonColumns: { write: (m) => JSON.stringify(Object.fromEntries(names(m[0].length).map((k, j) => [k, column(m, j)]))), orientation: 'samples-as-rows', features: names },
  jsonRows: { write: (m) => JSON.stringify(m.map((r) => Object.fromEntries(names(r.length).map((k, j) => [k, r[j]])))), orientation: 'samples-as-rows', features: names },
};

describe('properties: round trip through every dataset format', () => {
  for (const [name, { write, orientation, features }] of Object.entries(WRITERS)) {
    it(`${name}: samples, names and orientation come back; transpose flips them`, () => {
      fc.assert(
        fc.property(dataset, (m) => {
          const text = write(m);
          const data = parseDataset(text);
          assert.deepEqual(data.samples, m, text);
          assert.deepEqual(data.featureNames, features(m[0].length), text);
          assert.equal(data.orientation, orientation, text);
          if (m[0].length < 2) return; // transposed, one feature is one sample: refused
          const flipped = parseDataset(text, { transpose: true });
          assert.deepEqual(flipped.samples, m[0].map((_, j) => column(m, j)), text);
          assert.notEqual(flipped.orientation, orientation);
        }),
        { numRuns: 100 },
      );
    });
  }
});
