import * as assert from 'node:assert/strict';
import { loadProblemFile } from '../../../src/core/problems';
import { rawOffset } from '../../../src/core/problems/source';
import { example, file, only, textAt } from './helpers';

describe('problem files: loading with ranges', () => {
  const text = example('assignment.mdl.json');
  const loaded = loadProblemFile(text);

  it('loads the assignment example (comments allowed) without a diagnostic, one problem per seed question', () => {
    assert.deepEqual(loaded.diagnostics, []);
    assert.equal(loaded.file?.title, 'Mathematics for Deep Learning: end term');
    assert.deepEqual(
      loaded.problems.map((p) => [p.id, p.kind]),
      [['q1', 'svd'], ['q2', 'pca'], ['q3', 'gd-compare'], ['q4', 'gd'], ['q5', 'optimize'], ['q6', 'cross-entropy'], ['q7', 'activation'], ['q8', 'sigmoid-zigzag'], ['q9', 'derivative']],
    );
    assert.ok(loaded.problems.every((p) => !p.hasErrors));
  });

  it('gives each problem one CodeLens position: the { that opens it, 0-based like VS Code', () => {
    const lines = text.split('\n');
    for (const p of loaded.problems) {
      assert.equal(text[p.range.offset], '{');
      assert.equal(text[p.range.offset + p.range.length - 1], '}');
      assert.equal(lines[p.range.start.line][p.range.start.column], '{');
      // The next lines hold this problem's id.
      assert.ok(lines.slice(p.range.start.line, p.range.start.line + 3).some((l) => l.includes(`"id": "${p.id}"`)), p.id);
    }
    const starts = loaded.problems.map((p) => p.range.start.line);
    assert.deepEqual([...starts].sort((a, b) => a - b), starts);
    assert.equal(new Set(starts).size, starts.length);
  });

  it('keeps the range of every value by JSON pointer, down to a matrix cell and an expected answer', () => {
    const q1 = loaded.problems[0];
    assert.equal(textAt(text, q1.ranges['/matrix']), '[[1, 1], [1, 0], [0, 1]]');
    assert.equal(textAt(text, q1.ranges['/matrix/2/1']), '1');
    assert.equal(textAt(text, q1.ranges['/expect/singularValues/0']), '"sqrt(3)"');
    assert.equal(textAt(text, q1.keyRanges['/matrix']), '"matrix"');
    const cell = q1.ranges['/matrix/2/1'];
    assert.equal(text.split('\n')[cell.start.line].slice(cell.start.column, cell.end.column), '1');
    assert.equal(q1.raw['/expect/singularValues/1'], '1');
  });

  it('accepts trailing commas and both comment styles', () => {
    const r = loadProblemFile('{ /* c */ "problems": [ { "id": "a", "kind": "svd", "matrix": [[1, 2],], }, ], // end\n}');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.problems[0].spec.matrix, [[1, 2]]);
  });

  it('reports a JSON syntax error where it is, in words, and keeps the rest', () => {
    const t = '{\n  "problems": [\n    { "id": "a", "kind": "svd" "matrix": [[1]] }\n  ]\n}';
    const r = loadProblemFile(t);
    const d = only(r.diagnostics, 'json-syntax');
    assert.deepEqual(d.range.start, { line: 2, column: 31 });
    assert.equal(textAt(t, d.range), '"matrix"');
    assert.match(d.message, /Expected a comma/);
    assert.equal(r.problems[0].id, 'a');
    const quotes = loadProblemFile("{ 'problems': [] }");
    assert.match(quotes.diagnostics[0].message, /JSON strings use double quotes/);
    assert.ok(!quotes.diagnostics.some((d) => d.code === 'no-problems'), 'no follow-on "no problems" for a file that does not parse');
  });

  it('a problem cut short by a syntax error gets only the syntax error, not what the repair made of it', () => {
    const r = loadProblemFile('{ "problems": [ { "id": "a", "kind": "svd", "matrix": [[1, 2], [3, ');
    assert.ok(r.diagnostics.every((d) => d.code === 'json-syntax'));
    assert.deepEqual(r.problems.map((p) => [p.id, p.hasErrors]), [['a', true]]);
  });

  it('refuses text that is not an object, and a file without problems', () => {
    assert.equal(loadProblemFile('[1, 2]').diagnostics[0].code, 'not-an-object');
    assert.equal(loadProblemFile('{ "title": "x" }').diagnostics[0].code, 'no-problems');
    assert.equal(loadProblemFile('{ "problems": [] }').diagnostics[0].code, 'no-problems');
  });

  it('maps a position inside a string value past escapes back to the file', () => {
    const t = '"a\\n\\u00b2b"';
    // Decoded: a, ⏎, ², b: index 3 is b, after a 2-character and a 6-character escape.
    assert.equal(t[rawOffset(t, 0, 3)], 'b');
  });

  it('flags unknown top-level fields with a suggestion', () => {
    const r = loadProblemFile('{ "titel": "x", "problems": [] }');
    assert.match(r.diagnostics.find((d) => d.code === 'unknown-field')!.message, /Did you mean "title"\?/);
  });

  it('marks a problem with an error as not runnable, and the others as runnable', () => {
    const r = loadProblemFile(file({ id: 'a', kind: 'svd', matrix: [[1, 2], [3]] }, { id: 'b', kind: 'svd', matrix: [[1, 2], [3, 4]] }));
    assert.deepEqual(r.problems.map((p) => p.hasErrors), [true, false]);
    assert.equal(r.diagnostics[0].problemId, 'a');
  });
});
