import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  QuadNumber,
  Rational,
  characteristicPolynomial,
  matrixMultiply,
  normalizeVectorExact,
  rrefExact,
  solvePolynomialExact,
  subtractScalar,
  toQuad,
  toTex,
  toText,
  transpose,
  value,
} from '../../../src/core/exact';

const show = (m: Array<Array<{ toText(): string }>>) => m.map((r) => r.map((x) => x.toText()));

describe('exact/rrefExact', () => {
  it('reduces AᵀA − 3I = [[−1,1],[1,−1]] to [[1,−1],[0,0]] with null space (1, 1)', () => {
    const r = rrefExact([[-1, 1], [1, -1]]);
    assert.deepEqual(show(r.rref), [['1', '\u22121'], ['0', '0']]);
    assert.deepEqual(r.pivotColumns, [0]);
    assert.equal(r.rank, 1);
    assert.deepEqual(r.operations.map((o) => o.text), ['R₁ ← −R₁', 'R₂ ← R₂ − R₁']);
    assert.deepEqual(r.operations.map((o) => o.tex), ['R_{1} \\leftarrow -R_{1}', 'R_{2} \\leftarrow R_{2} - R_{1}']);
    assert.deepEqual(show(r.nullSpace), [['1', '1']]);
    // Each operation carries the matrix after it, for step-by-step display.
    assert.deepEqual(show(r.operations[0].matrix), [['1', '\u22121'], ['1', '\u22121']]);
  });

  it('swaps, scales by fractions and eliminates above the pivot', () => {
    const r = rrefExact([[0, 2, 4], [3, 6, 3], [1, 2, 3]]);
    assert.deepEqual(show(r.rref), [['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']]);
    const texts = r.operations.map((o) => o.text);
    assert.equal(texts[0], 'R₁ ↔ R₂');
    assert.equal(texts[1], 'R₁ ← (1/3)R₁');
    assert.ok(texts.includes('R₃ ← R₃ − R₁'));
    assert.equal(r.operations[1].tex, 'R_{1} \\leftarrow \\frac{1}{3}R_{1}');
    assert.deepEqual(r.nullSpace, []);
  });

  it('gives one null vector per free column, free variable 1', () => {
    const r = rrefExact([[1, 2, 3], [2, 4, 6]]);
    assert.deepEqual(r.pivotColumns, [0]);
    assert.deepEqual(show(r.nullSpace), [['\u22122', '1', '0'], ['\u22123', '0', '1']]);
  });

  it('finds the exact eigenvector of [[14,−11],[−11,23]] for λ = (37 + √565)/2 in Q(√565)', () => {
    const c = [[14, -11], [-11, 23]];
    const [top] = solvePolynomialExact(characteristicPolynomial(c)).roots;
    const lambda = toQuad(top.exact!)!;
    assert.equal(lambda.toText(), '(37 + √565)/2');
    const shifted = subtractScalar(c, lambda);
    assert.equal(shifted[0][0].toText(), '\u2212(9 + √565)/2');
    const r = rrefExact(shifted);
    assert.deepEqual(r.pivotColumns, [0]);
    assert.equal(r.operations[0].text, 'R₁ ← ((9 − √565)/242)R₁');
    assert.equal(r.operations[0].tex, 'R_{1} \\leftarrow \\left(\\frac{9 - \\sqrt{565}}{242}\\right)R_{1}');
    const [v] = r.nullSpace;
    assert.deepEqual(v.map((x) => x.toText()), ['(9 − √565)/22', '1']);
    // C·v = λ·v exactly.
    const cv = c.map((row) => row.reduce((s, cij, j) => s.add(v[j].mul(cij)), QuadNumber.rational(0n)));
    cv.forEach((x, i) => assert.ok(x.equals(v[i].mul(lambda))));
    // Normalised exactly, with nested radicals that match the float computation.
    const unit = normalizeVectorExact(v);
    assert.equal(toText(unit[1]), '√((565 + 9√565)/1130)');
    const norm = Math.hypot(...v.map((x) => x.toNumber()));
    unit.forEach((u, i) => assert.ok(Math.abs(value(u) - v[i].toNumber() / norm) < 1e-15));
  });

  it('normalises rational vectors in the course style', () => {
    assert.deepEqual(normalizeVectorExact([1, 1]).map((x) => toText(x)), ['1/√2', '1/√2']);
    assert.deepEqual(normalizeVectorExact([1, -2, 1]).map((x) => toTex(x)), ['\\frac{1}{\\sqrt{6}}', '-\\frac{2}{\\sqrt{6}}', '\\frac{1}{\\sqrt{6}}']);
    assert.deepEqual(normalizeVectorExact([3, 4]).map((x) => toText(x)), ['3/5', '4/5']);
    assert.throws(() => normalizeVectorExact([0, 0]), RangeError);
  });

  it('leaves A·x = 0 for every null vector and preserves the row space (fast-check)', () => {
    const entry = fc.integer({ min: -4, max: 4 });
    const matrix = fc.integer({ min: 1, max: 4 }).chain((rows) => fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));
    fc.assert(
      fc.property(matrix, (a) => {
        const r = rrefExact(a);
        assert.equal(r.rank + r.nullSpace.length, a[0].length);
        for (const v of r.nullSpace) {
          const product = matrixMultiply(a, v.map((x) => [x]));
          assert.ok(product.every(([x]) => x.isZero()));
        }
        // RREF shape: pivots are 1 and their columns are otherwise 0.
        r.pivotColumns.forEach((p, k) => r.rref.forEach((row, i) => assert.ok(row[p].equals(i === k ? 1n : 0n))));
        // Replaying the recorded operations reproduces the RREF.
        assert.deepEqual(show(r.operations.at(-1)?.matrix ?? a.map((row) => row.map((x) => Rational.of(x)))), show(r.rref));
      }),
      { numRuns: 300 },
    );
  });

  it('computes AᵀA for the worked example and its eigenvectors in Q', () => {
    const a = [[1, 1], [0, 1], [1, 0]];
    const ata = matrixMultiply(transpose(a), a);
    const roots = solvePolynomialExact(characteristicPolynomial(ata)).roots.map((r) => toText(r.exact!));
    assert.deepEqual(roots, ['3', '1']);
    const v1 = rrefExact(subtractScalar(ata, 3n)).nullSpace[0];
    assert.deepEqual(normalizeVectorExact(v1).map((x) => toText(x)), ['1/√2', '1/√2']);
  });
});
