/** Crashes and hangs found by `npm run fuzz`, each pinned by the input that found it (or its minimal form). */
import assert from 'node:assert/strict';
import { loadProblemFile } from '../../../src/core/problems';
import { MAX_NESTING, MAX_PROBLEMS, MAX_VALUES } from '../../../src/core/problems/load';
import { MAX_DIAGNOSTICS } from '../../../src/core/problems/context';
import { parseArgs, UsageError } from '../../../src/cliArgs';
import { checkLoadResult } from '../../fuzz/oracles';

function load(text: string) {
  const r = loadProblemFile(text);
  checkLoadResult(r, text);
  return r;
}

const file = (...problems: string[]) => `{"problems": [${problems.join(', ')}]}`;

describe('fuzz regressions: the .mdl.json loader', () => {
  it('refuses nesting deeper than MAX_NESTING with a diagnostic instead of overflowing the stack', () => {
    const cases: Array<[string, number]> = [
      ['['.repeat(100_000), MAX_NESTING],
      ['{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), MAX_NESTING * 5],
      [file(`{"id": "q", "kind": "svd", "matrix": ${'['.repeat(20_000)}`), 51 + MAX_NESTING - 3], // 3 levels open before the matrix
    ];
    for (const [text, offset] of cases) {
      const r = load(text);
      assert.equal(r.diagnostics.length, 1);
      assert.equal(r.diagnostics[0].code, 'json-syntax');
      assert.match(r.diagnostics[0].message, new RegExp(`more than ${MAX_NESTING} deep`));
      assert.equal(r.diagnostics[0].range.offset, offset, 'the first bracket too deep');
    }
    // Brackets inside strings and comments do not count.
    const quoted = file(`{"id": "q", "kind": "derivative", "expression": "${'['.repeat(1000)}"} // ${'['.repeat(1000)}`);
    assert.ok(!load(quoted).diagnostics.some((d) => /deep/.test(d.message)));
  });

  it('reads "__proto__", "constructor" and "toString" as the unknown fields they are', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = load(file(`{"id": "q", "kind": "gd", "data": {"x": [1, 2], "y": [2, 4]}, "${key}": {"lr": -1, "methods": 3}}`));
      const unknown = r.diagnostics.filter((d) => d.code === 'unknown-field');
      assert.equal(unknown.length, 1, key);
      assert.match(unknown[0].message, new RegExp(`has no field "${key}"`));
      // The field's contents are not read as the problem's own (no lr-not-positive from a prototype).
      assert.ok(!r.diagnostics.some((d) => d.code === 'lr-not-positive'), key);
      assert.ok(Object.hasOwn(r.problems[0].spec, key), key);
      assert.equal(Object.getPrototypeOf(r.problems[0].spec), Object.prototype);
    }
  });

  it('does not crash on "methods" or "compare" that are not arrays', () => {
    for (const value of ['"batch"', '{}', '3', 'true']) {
      const gd = load(file(`{"id": "q", "kind": "gd-compare", "data": {"x": [1, 2, 3], "y": [2, 4, 6]}, "methods": ${value}}`));
      assert.ok(gd.diagnostics.some((d) => d.code === 'wrong-type' && /"methods" must be an array/.test(d.message)), value);
      const opt = load(file(`{"id": "q", "kind": "optimize", "objective": "x^2 + y^2", "compare": ${value}}`));
      assert.ok(opt.diagnostics.some((d) => d.code === 'wrong-type' && /"compare" must be an array/.test(d.message)), value);
    }
  });

  it('quotes a kind or value that is an object or array without calling its "toString" (which threw)', () => {
    const r = load(file('{"id": "a", "kind": {"toString": "svd"}}', '{"id": "b", "kind": ["gd", {"toString": 1}]}', '{"id": "c", "kind": "gd-compare", "methods": [{"toString": "x"}]}'));
    const messages = r.diagnostics.map((d) => d.message);
    assert.ok(messages.some((m) => m.startsWith('Unknown kind "{"toString":"svd"}". The kinds are "svd", "pca",')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('Unknown kind "["gd",{"toString":1}]".')));
    assert.ok(messages.some((m) => m.startsWith('Unknown methods "{"toString":"x"}".')));
  });

  it('checks no settings against an unknown optimizer (the message said "lr applies to undefined")', () => {
    const r = load(file('{"id": "q", "kind": "optimize", "objective": "x^2", "optimizer": "activation", "lr": -1}'));
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['unknown-value']);
    assert.match(r.diagnostics[0].message, /^Unknown optimizer "activation"/);
    // A known optimizer that does not take a setting still says which ones do.
    const adagrad = load(file('{"id": "q", "kind": "optimize", "objective": "x^2", "optimizer": "adagrad", "momentum": 0.9}'));
    assert.ok(adagrad.diagnostics.some((d) => d.message === 'momentum applies to sgd, momentum and nesterov; adagrad ignores it.'));
  });

  it('reads at most MAX_PROBLEMS problems and says so on the first one left out', () => {
    const text = file(...Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => `{"id": "q${i}", "kind": "sigmoid-zigzag"}`));
    const r = load(text);
    assert.equal(r.problems.length, MAX_PROBLEMS);
    const note = r.diagnostics.find((d) => /only the first 1000 are read/.test(d.message));
    assert.ok(note);
    assert.ok(text.startsWith(`{"id": "q${MAX_PROBLEMS}"`, note.range.offset));
  });

  it('refuses a file of more than MAX_VALUES values at once, and keeps MAX_DIAGNOSTICS per problem', () => {
    const big = load(file(`{"id": "q", "kind": "svd", "matrix": [[${'1, '.repeat(MAX_VALUES)}1]]}`));
    assert.equal(big.problems.length, 0);
    assert.deepEqual(big.diagnostics.map((d) => d.code), ['out-of-range']);
    const strings = load(file(`{"id": "q", "kind": "svd", "matrix": [[${'"x", '.repeat(1000)}"x"]]}`));
    assert.equal(strings.diagnostics.length, MAX_DIAGNOSTICS);
    assert.ok(strings.problems[0].hasErrors);
  });
});

describe('fuzz regressions: CLI arguments', () => {
  const usage = (argv: string[]) => {
    try {
      parseArgs(argv);
    } catch (e) {
      assert.ok(e instanceof UsageError);
      return { message: e.message, argument: e.argument };
    }
    assert.fail(`no UsageError for ${JSON.stringify(argv)}`);
  };

  it('names the offending argument by its index (argv.length when something is missing)', () => {
    assert.deepEqual(usage([]), { message: 'missing command', argument: 0 });
    assert.deepEqual(usage(['svd', '--format']), { message: '--format needs a value', argument: 2 });
    assert.deepEqual(usage(['svd', '--format', 'xml']), { message: '--format must be json, md or text, not "xml"', argument: 2 });
    assert.deepEqual(usage(['--no-exact', 'svdd']), { message: 'unknown command "svdd" (known: svd, pca, activation, run, check, image)', argument: 1 });
    assert.deepEqual(usage(['svd', 'a', 'b']), { message: 'unexpected argument "b" (quote the matrix as one argument)', argument: 2 });
    assert.deepEqual(usage(['svd', '[[1]]', '--file', 'a.txt']), { message: 'give the matrix either as an argument or with --file, not both', argument: 3 });
    assert.deepEqual(usage(['image', 'a.png', '-f', 'md']), { message: 'mdl image writes json or text', argument: 3 });
    assert.deepEqual(usage(['svd', '--bogus']), { message: 'unknown option --bogus', argument: 1 });
  });
});
