/**
 * Every door from user text to evaluated maths, fed the known JavaScript and
 * mathjs escape attempts: the optimisation objective (mathjs behind a
 * whitelist, src/core/optim/sandbox.ts), the activation derivative (own
 * parser, src/core/activations/expr.ts) and matrix cells (own parser,
 * src/core/parse/expression.ts). Each must fail with a typed MdlError (or,
 * where a word is a legal variable name, stay a plain variable) and must
 * never reach a property, a global or a code generator.
 */
import * as assert from 'node:assert/strict';
import { parseExpression as parseActivation } from '../../../src/core/activations/expr';
import { isMdlError } from '../../../src/core/errors';
import { customObjective, parseExpression } from '../../../src/core/optim';
import { parseMatrix } from '../../../src/core/parse';

/** Escapes documented for mathjs (its security page and past advisories) and for JavaScript sandboxes in general. */
const ESCAPES = [
  'import({evaluate: 1}, {override: true})',
  "createUnit('foo')",
  "evaluate('1+1')",
  "parse('1').compile().evaluate()",
  "compile('1')",
  "simplify('x')",
  "derivative('x^2', 'x')",
  "resolve(parse('x'), {x: 1})",
  'cos.constructor("return process")()',
  "cos.constructor('return this')().process.mainModule.require('child_process').execSync('id')",
  '[].map.constructor("alert(1)")()',
  'x.constructor.constructor("alert(1)")()',
  'sin["constructor"]("return process")()',
  'f = sin; f.constructor("return 1")()',
  'f(x) = x; f.constructor',
  "Function('return process')()",
  "this.process",
  "globalThis.process.exit()",
  "process.exit(1)",
  "require('fs')",
  "require('child_process').execSync('id')",
  'eval("1")',
  'x.toString()',
  'x.valueOf()',
  '(1).toString.call(1)',
  'x.__proto__.polluted = 1',
  'x["__proto__"]',
  '{}.constructor',
  '"".constructor.constructor("alert(1)")()',
  'alert(1)',
  'chain(1).done()',
  'help(sin)',
  'typed("x", {})',
  'matrix([1,2])',
  'x ? alert(1) : 0',
  '`${alert(1)}`',
  'x; alert(1)',
  'x\nalert(1)',
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  '\\href{javascript:alert(1)}{x}',
];

describe('security: expression sandboxes refuse escapes', () => {
  it('optimisation objectives: each escape is an MdlError with a position, and nothing runs', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).length;
    for (const text of ESCAPES) {
      assert.throws(
        () => customObjective(text),
        (e) => isMdlError(e) && (e.code === 'syntax' || e.code === 'unsupported' || e.code === 'invalid-argument') && e.position !== undefined,
        text,
      );
    }
    assert.equal(Object.getOwnPropertyNames(Object.prototype).length, before, 'Object.prototype was changed');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('activation derivatives: each escape is an MdlError (the parser knows one variable and eight functions)', () => {
    for (const text of ESCAPES) assert.throws(() => parseActivation(text), (e) => isMdlError(e), text);
  });

  it('matrix cells: each escape fails parsing with a message that quotes the cell as text', () => {
    for (const payload of ESCAPES.filter((t) => !/[\n;,[\]{}]/.test(t))) {
      const text = `[[1, ${payload}], [3, 4]]`;
      assert.throws(() => parseMatrix(text), (e) => isMdlError(e) && typeof e.message === 'string' && e.message.length < 2000, payload);
    }
  });

  it('names that are JavaScript globals or prototype keys are plain variables, never looked up', () => {
    const names = ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'process', 'globalThis', 'window', 'require', 'Function', 'eval', 'this', 'self', 'module', 'exports'];
    for (const name of names) {
      const f = customObjective(`${name}^2 + 1`);
      assert.deepEqual(f.variables, [name]);
      assert.equal(f.value([3]), 10, name);
      assert.deepEqual(Array.from(f.gradient([3])), [6], name);
    }
    // Every name at once: still just arithmetic on θ.
    const all = customObjective(names.join(' + '));
    assert.equal(all.value(names.map(() => 1)), names.length);
  });

  it('hostile text in the rendered TeX of a custom objective cannot carry macros: names are letters, digits and _', () => {
    assert.throws(() => parseExpression('x\\href{javascript:alert(1)}{y}'), isMdlError);
    assert.throws(() => parseExpression('x + \\unicode{65}'), isMdlError);
    const f = customObjective('θ_1^2 + α');
    assert.doesNotMatch(f.tex, /\\(href|unicode|require|style|class|cssId|html|def)\b/);
  });

  it('large inputs give a result or an MdlError, never a stack overflow', () => {
    const cleanly = (run: () => unknown, what: string) => {
      try {
        run();
      } catch (e) {
        assert.ok(isMdlError(e), `${what}: ${String(e)}`);
      }
    };
    for (const text of ['('.repeat(10_000) + 'x' + ')'.repeat(10_000), '-'.repeat(1500) + 'x', 'x^'.repeat(900) + 'x', 'sin('.repeat(800) + 'x' + ')'.repeat(800)]) {
      cleanly(() => customObjective(text), `objective ${text.slice(0, 12)}`);
      assert.throws(() => parseActivation(text), (e) => isMdlError(e), text.slice(0, 12));
    }
    assert.throws(() => customObjective('('.repeat(10_000) + 'x' + ')'.repeat(10_000)), (e) => isMdlError(e) && e.code === 'too-large');
    // Operator chains without parentheses once overflowed mathjs's derivative (RangeError): now refused up front.
    for (const text of ['x*'.repeat(999) + 'x', '-'.repeat(1500) + 'x']) {
      assert.throws(() => customObjective(text), (e) => isMdlError(e) && e.code === 'too-large' && /nests more than/.test(e.message), text.slice(0, 6));
    }
    assert.throws(() => parseMatrix(`[[${'('.repeat(5000)}1${')'.repeat(5000)}]]`), (e) => isMdlError(e));
  });
});
