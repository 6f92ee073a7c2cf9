import assert from 'node:assert/strict';
import { parseDataset, type ParsedDataset } from '../../../src/core/parse';
import { displayName, displaySampleName, rowsAreFeatures } from '../../../src/core/parse/dataset-names';

/** Question 2 of the end-term assignment, copied exactly: tab-separated, features as rows. */
const ASSIGNMENT_TSV = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14';
const ASSIGNMENT_SAMPLES = [[4, 11], [8, 4], [13, 5], [7, 14]];
const EXAMPLES = ['Example 1', 'Example 2', 'Example 3', 'Example 4'];

function markdownTable(rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(rows[0]), `|${rows[0].map(() => '---|').join('')}`, ...rows.slice(1).map(line)].join('\n');
}

function expectDataset(text: string, expected: Partial<ParsedDataset>, options?: Parameters<typeof parseDataset>[1]): ParsedDataset {
  const data = parseDataset(text, options);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(data[key as keyof ParsedDataset], value, `${key} of ${JSON.stringify(text.slice(0, 80))}`);
  }
  return data;
}

const exactStrings = (d: ParsedDataset) => d.exact.map((r) => r.map((x) => (x === null ? 'null' : x.den === 1n ? `${x.num}` : `${x.num}/${x.den}`)));

describe('parseDataset: the assignment’s table (Question 2)', () => {
  const expected = {
    featureNames: ['X₁', 'X₂'],
    samples: ASSIGNMENT_SAMPLES,
    sampleNames: EXAMPLES,
    orientation: 'features-as-rows' as const,
    warnings: [],
  };

  it('reads the tab-separated table exactly as written', () => {
    const data = expectDataset(ASSIGNMENT_TSV, { ...expected, format: 'tsv' });
    assert.deepEqual(exactStrings(data), [['4', '11'], ['8', '4'], ['13', '5'], ['7', '14']]);
  });

  it('reads it from a code fence, with CRLF line ends and a trailing newline', () => {
    expectDataset('```\n' + ASSIGNMENT_TSV.replace(/\n/g, '\r\n') + '\r\n```\n', expected);
  });

  for (const [label1, label2] of [['$X_1$', '$X_2$'], ['X<sub>1</sub>', 'X<sub>2</sub>'], ['X₁', 'X₂'], ['$X_{1}$', '$X_{2}$']]) {
    it(`reads it as a Markdown table with labels ${label1}`, () => {
      const text = markdownTable([['Feature', 'Example - 1', 'Example - 2', 'Example - 3', 'Example - 4'], [label1, '4', '8', '13', '7'], [label2, '11', '4', '5', '14']]);
      expectDataset(text, { ...expected, format: 'markdown' });
    });
  }

  it('reads the output table, whose FPC row is just another feature', () => {
    const text = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\nX <sub>1</sub>\t4\t8\t13\t7\nX <sub>2</sub>\t11\t4\t5\t14\nFPC\t-4.3052\t3.7361\t5.6928\t-5.1238';
    const data = expectDataset(text, { featureNames: ['X₁', 'X₂', 'FPC'], sampleNames: EXAMPLES, orientation: 'features-as-rows' });
    assert.deepEqual(data.samples[0], [4, 11, -4.3052]);
  });

  it('reads it when the tabs became spaces (copied from a PDF)', () => {
    expectDataset('Feature Example - 1 Example - 2 Example - 3 Example - 4\nX1 4 8 13 7\nX2 11 4 5 14', {
      featureNames: ['X1', 'X2'], samples: ASSIGNMENT_SAMPLES, sampleNames: EXAMPLES, orientation: 'features-as-rows', format: 'table',
    });
    expectDataset('Feature   Example 1   Example 2   Example 3   Example 4\nX₁   4   8   13   7\nX₂   11   4   5   14', {
      featureNames: ['X₁', 'X₂'], samples: ASSIGNMENT_SAMPLES, sampleNames: EXAMPLES, format: 'table',
    });
  });

  it('transposes on request: examples become features', () => {
    expectDataset(ASSIGNMENT_TSV, {
      featureNames: EXAMPLES,
      samples: [[4, 8, 13, 7], [11, 4, 5, 14]],
      sampleNames: ['X₁', 'X₂'],
      orientation: 'samples-as-rows',
    }, { transpose: true });
  });
});

describe('parseDataset: samples as rows', () => {
  const HW = [[1.7, 60], [1.8, 72], [1.6, 55]];
  const hw = { featureNames: ['height', 'weight'], samples: HW, orientation: 'samples-as-rows' as const };

  it('CSV, TSV, semicolons and aligned columns with a header row', () => {
    expectDataset('height,weight\n1.7,60\n1.8,72\n1.6,55', { ...hw, format: 'csv' });
    expectDataset('"height","weight"\n"1.7","60"\n1.8,72\n1.6,55\n', { ...hw, format: 'csv' });
    expectDataset('height\tweight\n1.7\t60\n1.8\t72\n1.6\t55', { ...hw, format: 'tsv' });
    expectDataset('height;weight\n1,7;60\n1,8;72\n1,6;55', { ...hw, format: 'csv' });
    expectDataset('height  weight\n1.7     60\n1.8     72\n1.6     55', { ...hw, format: 'table' });
  });

  it('Markdown', () => {
    expectDataset(markdownTable([['height', 'weight'], ['1.7', '60'], ['1.8', '72'], ['1.6', '55']]), { ...hw, format: 'markdown' });
  });

  it('keeps sample names from a first column (with or without a corner cell)', () => {
    const names = ['Alice', 'Bob', 'Carol'];
    expectDataset('name,height,weight\nAlice,1.7,60\nBob,1.8,72\nCarol,1.6,55', { ...hw, sampleNames: names });
    expectDataset(',height,weight\nAlice,1.7,60\nBob,1.8,72\nCarol,1.6,55', { ...hw, sampleNames: names });
    expectDataset('height,weight\nAlice,1.7,60\nBob,1.8,72\nCarol,1.6,55', { ...hw, sampleNames: names });
  });

  it('treats a numeric index or ID column as sample names, not a feature', () => {
    expectDataset(',height,weight\n0,1.7,60\n1,1.8,72\n2,1.6,55', { ...hw, sampleNames: ['0', '1', '2'] }); // pandas to_csv()
    expectDataset('ID,height,weight\n101,1.7,60\n102,1.8,72\n103,1.6,55', { ...hw, sampleNames: ['101', '102', '103'] });
    expectDataset(markdownTable([['', 'height', 'weight'], ['0', '1.7', '60'], ['1', '1.8', '72'], ['2', '1.6', '55']]), { ...hw, sampleNames: ['0', '1', '2'] });
  });

  it('pandas’ default integer column names over its index', () => {
    const frame = { featureNames: ['0', '1'], samples: [[1.7, 60], [1.8, 72], [1.6, 55]], sampleNames: ['0', '1', '2'], orientation: 'samples-as-rows' as const };
    expectDataset(',0,1\n0,1.7,60\n1,1.8,72\n2,1.6,55', frame); // df.to_csv()
    expectDataset('|    |   0 |   1 |\n|---:|----:|----:|\n|  0 | 1.7 |  60 |\n|  1 | 1.8 |  72 |\n|  2 | 1.6 |  55 |', frame); // df.to_markdown()
    expectDataset('   0   1\n0  1.7  60\n1  1.8  72\n2  1.6  55', frame); // print(df)
  });

  it('JSON and Python objects of columns (keys are the table’s columns)', () => {
    const columns = { featureNames: ['X1', 'X2'], samples: ASSIGNMENT_SAMPLES, orientation: 'samples-as-rows' as const, format: 'json-columns' as const };
    expectDataset('{"X1":[4,8,13,7],"X2":[11,4,5,14]}', columns);
    expectDataset("{'X1': [4, 8, 13, 7], 'X2': [11, 4, 5, 14]}", columns);
    expectDataset("data = {\n  'X1': (4, 8, 13, 7),  # first\n  'X2': [11, 4, 5, 14],\n}", columns);
    expectDataset("pd.DataFrame({'X1': [4, 8, 13, 7], 'X2': [11, 4, 5, 14]})", columns);
    expectDataset('{X1: [4, 8, 13, 7], X2: [11, 4, 5, 14]}', columns);
  });

  it('JSON arrays of row objects, in any key order, with a name key', () => {
    const rows = { ...hw, format: 'json-rows' as const };
    expectDataset('[{"height":1.7,"weight":60},{"height":1.8,"weight":72},{"height":1.6,"weight":55}]', rows);
    expectDataset("[{'height': 1.7, 'weight': 60}, {'weight': 72, 'height': 1.8}, {'height': 1.6, 'weight': 55},]", rows);
    expectDataset('[{"name":"Alice","height":1.7,"weight":60},{"name":"Bob","height":1.8,"weight":72},{"height":1.6,"name":"Carol","weight":55}]', {
      ...rows, sampleNames: ['Alice', 'Bob', 'Carol'],
    });
    expectDataset('pd.DataFrame([{"height":1.7,"weight":60},{"height":1.8,"weight":72},{"height":1.6,"weight":55}])', rows);
  });

  const matrices: Array<[string, string]> = [
    ['JSON', '[[4, 11], [8, 4], [13, 5], [7, 14]]'],
    ['NumPy', 'X = np.array([[4, 11], [8, 4], [13, 5], [7, 14]], dtype=float)'],
    ['NumPy printed', '[[ 4 11]\n [ 8  4]\n [13  5]\n [ 7 14]]'],
    ['MATLAB', 'X = [4 11; 8 4; 13 5; 7 14];'],
    ['MATLAB body', '4 11; 8 4; 13 5; 7 14'],
    ['Mathematica', '{{4, 11}, {8, 4}, {13, 5}, {7, 14}}'],
    ['LaTeX', '\\begin{bmatrix} 4 & 11 \\\\ 8 & 4 \\\\ 13 & 5 \\\\ 7 & 14 \\end{bmatrix}'],
    ['whitespace', '4 11\n8 4\n13 5\n7 14'],
  ];
  for (const [name, text] of matrices) {
    it(`plain matrices: ${name}`, () => {
      const data = expectDataset(text, { featureNames: ['x₁', 'x₂'], samples: ASSIGNMENT_SAMPLES, orientation: 'samples-as-rows', format: 'matrix', warnings: [] });
      assert.equal(data.sampleNames, undefined);
    });
  }

  it('headerless CSV and TSV keep their format name', () => {
    expectDataset('4,11\n8,4\n13,5\n7,14', { featureNames: ['x₁', 'x₂'], samples: ASSIGNMENT_SAMPLES, format: 'csv' });
    expectDataset('4\t11\n8\t4\n13\t5\n7\t14', { featureNames: ['x₁', 'x₂'], samples: ASSIGNMENT_SAMPLES, format: 'tsv' });
  });

  it('keeps exact values as parseMatrix does', () => {
    const data = parseDataset('a,b\n1/3,0.1\n2,sqrt(2)');
    assert.deepEqual(exactStrings(data), [['1/3', '1/10'], ['2', 'null']]);
    assert.equal(data.samples[1][1], Math.SQRT2);
  });

  it('transposes plain matrices and object columns too', () => {
    expectDataset('[[1, 2, 3], [4, 5, 7]]', { samples: [[1, 4], [2, 5], [3, 7]], featureNames: ['x₁', 'x₂'], orientation: 'features-as-rows' }, { transpose: true });
    expectDataset('{"a": [1, 2, 3], "b": [4, 5, 7]}', { samples: [[1, 2, 3], [4, 5, 7]], featureNames: ['x₁', 'x₂', 'x₃'], sampleNames: ['a', 'b'], orientation: 'features-as-rows' }, { transpose: true });
  });
});

describe('parseDataset: orientation heuristics', () => {
  const rowsOf = (text: string, transpose = false) => parseDataset(text, { transpose }).orientation;

  it('1. a corner cell “Feature”/“Variable” means features as rows; “Sample”/“ID” means samples', () => {
    assert.equal(rowsOf('Feature,A,B,C\nheight,1.7,1.8,1.6\nweight,60,72,55'), 'features-as-rows');
    assert.equal(rowsOf('Variable\tA\tB\tC\nheight\t1.7\t1.8\t1.6\nweight\t60\t72\t55'), 'features-as-rows');
    assert.equal(rowsOf('Sample,X1,X2\nS1,4,11\nS2,8,4'), 'samples-as-rows');
  });

  it('2. a header of sample names (Example - 1, Sample 3, obs 4, #1, 1 2 3) means features as rows', () => {
    for (const header of ['Example - 1,Example - 2,Example - 3', 'Sample 1,Sample 2,Sample 3', 'obs 1,obs 2,obs 3', '#1,#2,#3', 'Ex. 1,Ex. 2,Ex. 3']) {
      const data = parseDataset(`,${header}\nheight,1.7,1.8,1.6\nweight,60,72,55`);
      assert.equal(data.orientation, 'features-as-rows', header);
      assert.deepEqual(data.featureNames, ['height', 'weight']);
    }
    const numbered = parseDataset(',1,2,3\nX1,4,8,13\nX2,11,4,5');
    assert.deepEqual([numbered.orientation, numbered.sampleNames], ['features-as-rows', ['1', '2', '3']]);
    // Without row labels the features are x₁, x₂.
    expectDataset('Example 1,Example 2,Example 3\n4,8,13\n11,4,5', { featureNames: ['x₁', 'x₂'], sampleNames: ['Example 1', 'Example 2', 'Example 3'], orientation: 'features-as-rows' });
  });

  it('3. row labels that are sample names mean samples as rows', () => {
    expectDataset('Sample 1,4,11\nSample 2,8,4\nSample 3,1,1', { featureNames: ['x₁', 'x₂'], sampleNames: ['Sample 1', 'Sample 2', 'Sample 3'], orientation: 'samples-as-rows' });
  });

  it('4. row labels X₁, x1, x_1 mean features as rows, whatever the header says', () => {
    assert.equal(rowsOf(',A,B,C\nX1,4,8,13\nX2,11,4,5'), 'features-as-rows');
    assert.equal(rowsOf('x_1 4 8 13\nx_2 11 4 5'), 'features-as-rows');
    assert.equal(rowsOf(',x1,x2\nx1,4,8\nx2,11,4\nx3,1,1'), 'samples-as-rows'); // a header of symbols too: it names the features
  });

  it('5. a header of other names means samples as rows, even with row labels', () => {
    assert.equal(rowsOf('city,height,weight\nParis,1.7,60\nRome,1.8,72'), 'samples-as-rows');
  });

  it('6. row labels without a header mean features as rows', () => {
    expectDataset('height 1.7 1.8 1.6\nweight 60 72 55', { featureNames: ['height', 'weight'], samples: [[1.7, 60], [1.8, 72], [1.6, 55]], orientation: 'features-as-rows' });
  });

  it('7. otherwise rows are samples; transpose flips every outcome', () => {
    assert.equal(rowsOf('1,2\n3,4\n5,7'), 'samples-as-rows');
    assert.equal(rowsOf('1,2,4\n3,4,5', true), 'features-as-rows');
    assert.equal(rowsOf(ASSIGNMENT_TSV, true), 'samples-as-rows');
    assert.equal(rowsOf('height,weight\n1.7,60\n1.8,72', true), 'features-as-rows');
  });

  it('JSON keys that are sample names hold samples', () => {
    expectDataset('{"Example 1": [4, 11], "Example 2": [8, 4], "Example 3": [13, 5]}', {
      featureNames: ['x₁', 'x₂'], samples: [[4, 11], [8, 4], [13, 5]], sampleNames: ['Example 1', 'Example 2', 'Example 3'], orientation: 'features-as-rows',
    });
  });

  it('rowsAreFeatures on its own', () => {
    assert.equal(rowsAreFeatures({ corner: 'Features', header: ['a'], labels: ['b'] }), true);
    assert.equal(rowsAreFeatures({ corner: 'Feature \\ Example', header: null, labels: ['b'] }), true);
    assert.equal(rowsAreFeatures({ corner: 'id', header: null, labels: ['X₁'] }), false);
    assert.equal(rowsAreFeatures({ corner: null, header: null, labels: null }), false);
  });
});

describe('parseDataset: names', () => {
  it('shows TeX, HTML and Unicode subscripts as X₁', () => {
    const cases: Array<[string, string]> = [
      ['$X_1$', 'X₁'], ['$X_{12}$', 'X₁₂'], ['X<sub>1</sub>', 'X₁'], ['X <sub>2</sub>', 'X₂'], ['X₁', 'X₁'], ['X_{3}', 'X₃'],
      ['\\(x_2\\)', 'x₂'], ['$\\text{height}$', 'height'], ['**X1**', 'X1'], ['`$X_1$`', 'X₁'], ['"weight"', 'weight'],
    ];
    for (const [raw, shown] of cases) assert.equal(displayName(raw), shown, raw);
  });

  it('keeps other names verbatim, trimmed', () => {
    for (const name of ['x1', 'x_1', 'height_2020', 'Petal length (cm)', 'FPC']) assert.equal(displayName(`  ${name} `), name);
  });

  it('spells sample names one way', () => {
    assert.equal(displaySampleName('Example - 1'), 'Example 1');
    assert.equal(displaySampleName('Example-2'), 'Example 2');
    assert.equal(displaySampleName('Sample 3'), 'Sample 3');
    assert.equal(displaySampleName('obs4'), 'obs 4');
    assert.equal(displaySampleName('#1'), '#1');
    assert.equal(displaySampleName('Alice'), 'Alice');
  });

  it('missing-value markers are never names; a column called Na still is', () => {
    // Not a header, so its first cell is the first missing value.
    assert.throws(() => parseDataset('NaN,NA\n1,2\n3,5'), { code: 'non-numeric', message: /^Row 1 has no value for x₁ —/ });
    expectDataset('Na,K\n1,2\n3,5\n4,4', { featureNames: ['Na', 'K'] });
  });

  it('names unnamed features x₁ … x_d, also past 9', () => {
    const row = Array.from({ length: 12 }, (_, j) => j).join(',');
    assert.deepEqual(parseDataset(`${row}\n${row.replace('0', '1')}`).featureNames.slice(9), ['x₁₀', 'x₁₁', 'x₁₂']);
  });
});

describe('parseDataset: warnings', () => {
  it('a constant feature is a warning, worded as derivePca words it', () => {
    const data = parseDataset('a,b,c\n1,3,5\n2,3,7\n4,3,1\n0,3,2');
    assert.deepEqual(data.warnings, ['Feature “b” is constant (variance 0): it carries no information, and every component is orthogonal to it or equal to its axis.']);
  });

  it('no more samples than features', () => {
    assert.deepEqual(parseDataset('a,b,c\n1,2,3\n4,5,7').warnings, ['With 2 samples of 3 features, the centred data has rank at most 1: at most 1 component can have nonzero variance.']);
    assert.deepEqual(parseDataset(ASSIGNMENT_TSV).warnings, []);
  });
});

describe('parseDataset: size', () => {
  const rowsOf = (n: number, d: number) => Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => ((i * 31 + j * 17) % 97) / 4).join('\t'));

  it('reads 10,000 samples × 100 features (TSV with a header)', () => {
    const header = Array.from({ length: 100 }, (_, j) => `f${j}`).join('\t');
    const data = parseDataset([header, ...rowsOf(10_000, 100)].join('\n'), { maxEntries: 1_000_000 });
    assert.equal(data.samples.length, 10_000);
    assert.equal(data.samples[0].length, 100);
    assert.equal(data.featureNames[99], 'f99');
  });

  it('reads the same laid out with features as rows', () => {
    const header = ['Feature', ...Array.from({ length: 10_000 }, (_, i) => `Sample ${i + 1}`)].join('\t');
    const lines = Array.from({ length: 100 }, (_, j) => [`X${j + 1}`, ...Array.from({ length: 10_000 }, (_, i) => ((i * 31 + j * 17) % 97) / 4)].join('\t'));
    const data = parseDataset([header, ...lines].join('\n'), { maxEntries: 1_000_000 });
    assert.deepEqual([data.samples.length, data.samples[0].length, data.orientation], [10_000, 100, 'features-as-rows']);
    assert.equal(data.sampleNames![9_999], 'Sample 10000');
  });

  it('reads 10,000 JSON row objects of 100 keys', () => {
    const keys = Array.from({ length: 100 }, (_, j) => `"k${j}"`);
    const objects = Array.from({ length: 10_000 }, (_, i) => `{${keys.map((k, j) => `${k}: ${(i + j) % 13}`).join(', ')}}`);
    const data = parseDataset(`[${objects.join(',\n')}]`, { maxEntries: 1_000_000 });
    assert.deepEqual([data.samples.length, data.samples[0].length, data.samples[5][7]], [10_000, 100, 12]);
  });
});
