/**
 * The expression sandbox: known escape attempts and everything outside the
 * whitelist fail with an MdlError whose position points at the offending
 * token; the restricted mathjs instance refuses on its own as well.
 */
import * as assert from 'node:assert/strict';
import { isMdlError, type MdlError } from '../../../src/core/errors';
import { parseExpression, customObjective, MAX_EXPRESSION_LENGTH } from '../../../src/core/optim';
import { checkTree, symbolic } from '../../../src/core/optim/sandbox';

function rejection(text: string): MdlError {
  try {
    parseExpression(text);
  } catch (e) {
    assert.ok(isMdlError(e), `${JSON.stringify(text)} threw a non-MdlError: ${String(e)}`);
    return e;
  }
  assert.fail(`${JSON.stringify(text)} was accepted`);
}

/** [text, code, 1-based column of the offending token, a word the message must contain]. */
const CASES: Array<[string, 'syntax' | 'unsupported', number, RegExp]> = [
  ['import({}, {override: true})', 'unsupported', 1, /import/],
  ["createUnit('x')", 'unsupported', 1, /createUnit/],
  ['evaluate("1")', 'unsupported', 1, /evaluate/],
  ['parse("1")', 'unsupported', 1, /parse/],
  ['simplify("x")', 'unsupported', 1, /simplify/],
  ['derivative("x^2", "x")', 'unsupported', 1, /derivative/],
  ['cos.constructor("return process")()', 'unsupported', 4, /Property access/],
  ['x.constructor', 'unsupported', 2, /Property access/],
  ['[1,2][1]', 'unsupported', 1, /Matrices/],
  ['x + [1, 2]', 'unsupported', 5, /Matrices/],
  ['f(x)=x', 'unsupported', 5, /Assignments/],
  ['x = 3', 'unsupported', 3, /Assignments/],
  ['"abc"', 'unsupported', 1, /Strings/],
  ['x + "abc"', 'unsupported', 5, /Strings/],
  ["x'", 'unsupported', 2, /Quotes/],
  ['{a: 1}', 'unsupported', 1, /Objects/],
  ['1:3', 'unsupported', 2, /Ranges/],
  ['x; y', 'unsupported', 2, /single expression/],
  ['x # comment', 'unsupported', 3, /Comments/],
  ['x == 1', 'unsupported', 3, /Comparisons/],
  ['x > 1 ? x : 0', 'unsupported', 3, /Comparisons/],
  ['x .* y', 'unsupported', 3, /Element-wise/],
  ['x mod 2', 'unsupported', 3, /mod/],
  ['x^2 + Infinity', 'unsupported', 7, /Infinity/],
  ['true + x', 'unsupported', 1, /true/],
  ['0x1F + x', 'unsupported', 1, /Hexadecimal/],
  ['x + foo(y)', 'unsupported', 5, /Unknown function foo/],
  ['sin x', 'syntax', 1, /sin is a function/],
  ['pow(x)', 'syntax', 1, /pow\(\) takes 2 arguments/],
  ['x + sin(x) + sin(x, y)', 'syntax', 14, /sin\(\) takes 1 argument/],
  ['x + )', 'syntax', 5, /Value expected/],
  ['2**3', 'syntax', 3, /Value expected/],
  ['1 +', 'syntax', 4, /end of expression/],
  ['$x', 'syntax', 1, /Unexpected character/],
  ['x²', 'syntax', 2, /Unexpected character/],
];

describe('optim/sandbox: rejections with positions', () => {
  for (const [text, code, column, message] of CASES) {
    it(`${JSON.stringify(text)} → ${code} at column ${column}`, () => {
      const e = rejection(text);
      assert.equal(e.code, code, e.message);
      assert.ok(e.position, 'no position');
      assert.equal(e.position!.line, 1);
      assert.equal(e.position!.column, column, `column for ${text}: ${e.describe()}`);
      assert.equal(e.position!.offset, column - 1);
      assert.match(e.message, message);
    });
  }

  it('points into later lines of a multi-line expression', () => {
    const e = rejection('x^2\n+ y[1]');
    assert.deepEqual([e.position!.line, e.position!.column], [2, 4]);
  });

  it('newlines and tabs are only whitespace', () => {
    assert.deepEqual(parseExpression('x^2\n\t+ y').variables, ['x', 'y']);
  });

  it('refuses empty, over-long and over-nested input', () => {
    assert.equal(rejection('   ').code, 'empty');
    assert.equal(rejection('x+'.repeat(MAX_EXPRESSION_LENGTH) + 'x').code, 'too-large');
    const deep = rejection('('.repeat(200) + 'x' + ')'.repeat(200));
    assert.equal(deep.code, 'too-large');
    assert.equal(deep.position!.column, 65);
  });

  it('custom objectives refuse the same input', () => {
    assert.throws(() => customObjective('import({}, {override: true})'), (e: unknown) => isMdlError(e) && e.position?.column === 1);
  });

  it('accepts the whitelist: numbers, variables, + − * / ^, the allowed functions, pi and e', () => {
    const p = parseExpression('sin(x) + cos(y) - tan(z)/2 * exp(-a) ^ 2 + log(b) + sqrt(c) + abs(d) + tanh(f) + sigmoid(g) + sign(h) + pow(k, 3) + pi*e + 1.5e-3 x + .5y');
    assert.deepEqual(p.variables, ['a', 'b', 'c', 'd', 'f', 'g', 'h', 'k', 'x', 'y', 'z']);
  });

  it('keeps unicode and underscore variable names; e and pi are constants', () => {
    assert.deepEqual(parseExpression('θ^2 + x_1 * α + e + pi').variables, ['x_1', 'α', 'θ']);
  });
});

describe('optim/sandbox: defence in depth', () => {
  it('the restricted mathjs instance refuses import, createUnit, evaluate, parse, simplify, derivative, compile', () => {
    const m = symbolic().restricted as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'compile', 'resolve', 'reviver']) {
      assert.throws(() => m[name]('1', {}), /disabled/, name);
    }
  });

  it('the tree whitelist rejects what the scanner would have caught, if it were bypassed', () => {
    const walk = (text: string) => {
      const node = symbolic().parse(text);
      checkTree(node, {
        variables: [],
        visitName() {},
        fail: (_code, message) => {
          throw new Error(message);
        },
      });
    };
    for (const text of ['a.b', 'a[1]', '[1, 2]', 'f(x) = x', 'x = 1', '"s"', '{a: 1}', '1:3', 'import(1)', 'x == 1', "x'", 'x!', 'true']) {
      assert.throws(() => walk(text), Error, text);
    }
    walk('sin(x) * 2 + y ^ 3');
  });

  it('a user name is never looked up as a property: constructor is just a variable', () => {
    const f = customObjective('constructor^2 + __proto__');
    assert.deepEqual(f.variables, ['__proto__', 'constructor']);
    assert.equal(f.value([1, 3]), 10);
    assert.deepEqual(Array.from(f.gradient([1, 3])), [1, 6]);
  });
});
