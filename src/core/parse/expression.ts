/**
 * The expression reader for entries that are more than a plain number:
 * a small recursive-descent parser over + - * / ^, parentheses, functions
 * and constants, in plain, Python, Mathematica and LaTeX spellings. It keeps
 * rational arithmetic exact and carries a double alongside. No `eval`, no
 * mathjs: the grammar is closed, and recursion is bounded by MAX_DEPTH so
 * hostile input fails with an MdlError instead of a stack overflow.
 */
import type { CellPosition, ErrorCode, MdlError } from '../errors';
import { isDigit, isLetter, isMinus, isSpace } from './chars';
import { decimalLiteral } from './literal';
import { cellError, cellName, quote } from './problems';
import * as Q from './rational';
import type { Scalar } from './scalar';
import {
  combine, COMPLEX_UNITS, CONSTANTS, divide, ELLIPSIS_COMMANDS, FUNCTIONS, MODULES, MUL_COMMANDS, negate, NON_FINITE, NOOP_COMMANDS,
  PHANTOM_COMMANDS, PI, VULGAR, WRAPPER_COMMANDS,
} from './vocabulary';

const MAX_DEPTH = 64;

export class ExpressionParser {
  private pos: number;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly cell: CellPosition,
  ) {
    this.pos = start;
  }

  parseCell(): Scalar {
    const r = this.expression();
    this.skipSpace();
    if (this.pos < this.end) throw this.unexpected();
    return r;
  }

  private expression(): Scalar {
    let left = this.term();
    for (;;) {
      this.skipSpace();
      const c = this.code();
      if (c === 43 /* + */) {
        this.pos++;
        left = combine(left, this.term(), Q.add, (x, y) => x + y);
      } else if (isMinus(c)) {
        this.pos++;
        left = combine(left, this.term(), Q.sub, (x, y) => x - y);
      } else return left;
    }
  }

  private term(): Scalar {
    let left = this.unary();
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const op = this.multiplicativeOperator();
      if (!op) return left;
      const right = this.unary();
      if (op === '/') {
        if (right.value === 0) throw this.fail('non-finite', at, 1, 'it divides by zero');
        left = divide(left, right);
      } else left = combine(left, right, Q.mul, (x, y) => x * y);
    }
  }

  /** Consumes `*`, `/`, `×`, `\cdot`…; for juxtaposition (2π, 2√3, 3(1+1)) consumes nothing. */
  private multiplicativeOperator(): '*' | '/' | null {
    if (this.pos >= this.end) return null;
    const c = this.code();
    const ch = this.text[this.pos];
    if (c === 42 /* * */ && this.codeAt(this.pos + 1) !== 42) return this.take(1, '*');
    if (ch === '×' || ch === '·' || ch === '⋅' || ch === '∙') return this.take(1, '*');
    if (c === 47 /* / */ || ch === '÷') return this.take(1, '/');
    if (c === 92 /* \ */) {
      const name = this.commandName(this.pos);
      if (MUL_COMMANDS.has(name)) return this.take(1 + name.length, '*');
      if (name === 'div') return this.take(4, '/');
      return name.length > 0 ? '*' : null; // \frac, \sqrt, \pi… right after a factor
    }
    return isLetter(c) || c === 40 /* ( */ || c === 123 /* { */ || ch === '√' || ch === 'π' ? '*' : null;
  }

  private take<T>(n: number, op: T): T {
    this.pos += n;
    return op;
  }

  /** Signs are read in a loop, not by recursion, so `- - - … 1` cannot exhaust the stack. */
  private unary(): Scalar {
    let negative = false;
    for (;;) {
      this.skipSpace();
      const c = this.code();
      if (c === 43) this.pos++;
      else if (isMinus(c)) {
        negative = !negative;
        this.pos++;
      } else break;
    }
    const v = this.power();
    return negative ? negate(v) : v;
  }

  /** Right-associative, and tighter than a leading sign: -2^2 = -4, 2^3^2 = 512. */
  private power(): Scalar {
    const base = this.primary();
    this.skipSpace();
    const c = this.code();
    const width = c === 94 /* ^ */ ? 1 : c === 42 && this.codeAt(this.pos + 1) === 42 ? 2 : 0;
    if (!width) return base;
    this.pos += width;
    this.enter();
    const exponent = this.unary(); // right-associative: 2^2^…^2 recurses here, so it counts as depth
    this.depth--;
    if (exponent.exact?.num === 0n) return { value: 1, exact: Q.ONE }; // x^0 = 1 even for irrational x
    return combine(base, exponent, Q.pow, Math.pow);
  }

  /** Every path that recurses passes through here, so MAX_DEPTH bounds the stack. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      throw cellError('syntax', this.text, this.pos, 1, this.cell, `The entry in ${cellName(this.cell)} is nested too deeply to read.`);
    }
  }

  private primary(): Scalar {
    this.enter();
    this.skipSpace();
    const at = this.pos;
    if (at >= this.end) {
      throw this.fail('non-numeric', Math.max(this.start, at - 1), 1, at > this.start ? 'it ends before the expression is complete' : null);
    }
    const c = this.code();
    const ch = this.text[at];
    let r: Scalar;
    if (isDigit(c) || (c === 46 && isDigit(this.codeAt(at + 1)))) r = this.number();
    else if (c === 40 /* ( */) r = this.group(')');
    else if (c === 123 /* { */) r = this.group('}');
    else if (ch === '√') {
      this.pos++;
      r = FUNCTIONS.get('sqrt')!.fn([this.power()]);
    } else if (ch === 'π') {
      this.pos++;
      r = PI;
    } else if (VULGAR.has(ch)) {
      this.pos++;
      const [num, den] = VULGAR.get(ch)!;
      r = { value: num / den, exact: Q.rational(BigInt(num), BigInt(den)) };
    } else if (ch === '∞') throw this.nonFinite(at, 1);
    else if (ch === '…' || ch === '⋯' || ch === '⋮' || ch === '⋱' || (c === 46 && this.codeAt(at + 1) === 46)) {
      throw this.ellipsis(at, c === 46 ? 3 : 1);
    }
    else if (c === 92 /* \ */) r = this.command();
    else if (isLetter(c)) r = this.name();
    else throw this.unexpected();
    this.depth--;
    return r;
  }

  private number(): Scalar {
    const t = this.text;
    const s = this.pos;
    let i = s;
    while (isDigit(this.codeAt(i))) i++;
    if (this.codeAt(i) === 46 /* . */ && this.codeAt(i + 1) !== 46) {
      i++;
      while (isDigit(this.codeAt(i))) i++;
    }
    const mantissa = t.slice(s, i);
    let exponent = '0';
    // 1e-3 and 2.5E+4, and Mathematica's 2.5*^4; a bare `e` after a number is Euler's number (2e = 2·e).
    const e = this.codeAt(i);
    const expAt = e === 101 || e === 69 ? i + 1 : e === 42 && this.codeAt(i + 1) === 94 ? i + 2 : -1;
    if (expAt > 0) {
      const sign = this.codeAt(expAt);
      const signed = sign === 43 || sign === 45 ? expAt + 1 : expAt;
      if (isDigit(this.codeAt(signed))) {
        i = signed;
        while (isDigit(this.codeAt(i))) i++;
        exponent = t.slice(expAt, i);
      }
    }
    this.pos = i;
    return { value: Number(`${mantissa}e${exponent}`), exact: decimalLiteral(mantissa, parseInt(exponent, 10), false) };
  }

  private group(close: string): Scalar {
    const open = this.pos++;
    const r = this.expression();
    this.skipSpace();
    if (this.pos >= this.end || this.text[this.pos] !== close) {
      throw cellError('syntax', this.text, open, 1, this.cell, `The ${quote(this.text[open])} in ${cellName(this.cell)} is never closed: expected ${quote(close)}.`);
    }
    this.pos++;
    return r;
  }

  /** A name: constant, function call, or a student's variable we cannot know. */
  private name(): Scalar {
    const at = this.pos;
    const t = this.text;
    let i = at;
    while (isLetter(this.codeAt(i)) || isDigit(this.codeAt(i)) || (this.codeAt(i) === 46 && isLetter(this.codeAt(i + 1)))) i++;
    this.pos = i;
    const full = t.slice(at, i);
    const parts = full.split('.');
    const name = parts.slice(0, -1).every((p) => MODULES.has(p)) ? parts[parts.length - 1] : full;
    const constant = CONSTANTS.get(name);
    if (constant) return constant;
    if (NON_FINITE.has(name)) throw this.nonFinite(at, i - at);
    const fn = FUNCTIONS.get(name);
    if (fn) {
      const args = this.callArguments(name, fn.arity, at);
      if (fn.arity === 2 && args[1].value === 0) throw this.fail('non-finite', at, this.pos - at, 'it divides by zero');
      return fn.fn(args);
    }
    const whole = at === this.start && i === this.end;
    const detail = COMPLEX_UNITS.has(name) ? 'complex numbers are not supported' : whole ? null : `${quote(full)} is not a known name`;
    throw this.fail('non-numeric', at, i - at, detail);
  }

  /** `(a)` or `[a]` (Mathematica), with `arity` comma-separated arguments. */
  private callArguments(name: string, arity: number, at: number): Scalar[] {
    this.skipSpace();
    const open = this.pos < this.end ? this.text[this.pos] : '';
    const close = open === '(' ? ')' : open === '[' ? ']' : '';
    if (!close) throw this.fail('non-numeric', at, name.length, `${quote(name)} needs its argument in parentheses`);
    this.pos++;
    const args: Scalar[] = [];
    for (;;) {
      args.push(this.expression());
      this.skipSpace();
      if (this.codeAt(this.pos) === 44 /* , */ && args.length < arity) this.pos++;
      else break;
    }
    if (this.pos >= this.end || this.text[this.pos] !== close || args.length !== arity) {
      const expected = arity === 1 ? 'one argument' : `${arity} arguments`;
      throw this.fail('non-numeric', at, this.pos - at, `${quote(name)} takes ${expected} followed by ${quote(close)}`);
    }
    this.pos++;
    return args;
  }

  private command(): Scalar {
    const at = this.pos;
    const name = this.commandName(at);
    this.pos += 1 + name.length;
    switch (name) {
      case 'frac': case 'dfrac': case 'tfrac': case 'cfrac': {
        const num = this.latexArgument();
        const den = this.latexArgument();
        if (den.value === 0) throw this.fail('non-finite', at, this.pos - at, 'it divides by zero');
        return divide(num, den);
      }
      case 'sqrt': {
        let index = 2;
        this.skipSpace();
        if (this.codeAt(this.pos) === 91 /* [ */) {
          const n = this.group(']');
          if (!n.exact || n.exact.den !== 1n || n.exact.num < 2n || n.exact.num > 64n) {
            throw this.fail('non-numeric', at, this.pos - at, 'the root index must be a whole number from 2 to 64');
          }
          index = Number(n.exact.num);
        }
        const x = this.latexArgument();
        const exact = x.exact ? Q.root(x.exact, index) : null;
        const value = exact ? Q.toNumber(exact) : index === 2 ? Math.sqrt(x.value) : index % 2 && x.value < 0 ? -((-x.value) ** (1 / index)) : x.value ** (1 / index);
        return { value, exact };
      }
      case 'pi': return PI;
      case 'infty': throw this.nonFinite(at, 6);
      case 'sin': case 'cos': case 'tan': case 'exp': case 'ln': case 'log': {
        this.skipSpace();
        return FUNCTIONS.get(name)!.fn([this.power()]);
      }
    }
    if (WRAPPER_COMMANDS.has(name)) return this.latexArgument();
    if (ELLIPSIS_COMMANDS.has(name)) throw this.ellipsis(at, 1 + name.length);
    const shown = '\\' + name;
    throw this.fail('non-numeric', at, shown.length, shown === this.text.slice(this.start, this.end) ? null : `${quote(shown)} is not a number`);
  }

  /** A TeX macro argument: `{…}`, or one digit, letter or command (`\frac12`, `\sqrt2`). */
  private latexArgument(): Scalar {
    this.skipSpace();
    const c = this.code();
    if (c === 123) return this.group('}');
    if (isDigit(c)) {
      const d = c - 48;
      this.pos++;
      return { value: d, exact: { num: BigInt(d), den: 1n } };
    }
    return this.primary();
  }

  private commandName(at: number): string {
    let i = at + 1;
    while (i < this.end && isLetter(this.text.charCodeAt(i)) && this.text[i] !== '_') i++;
    return this.text.slice(at + 1, i);
  }

  /** Skips whitespace and TeX that only affects layout (\, \quad \left \phantom{-}). */
  private skipSpace(): void {
    const t = this.text;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (isSpace(c)) {
        this.pos++;
        continue;
      }
      if (c !== 92) return;
      const next = this.pos + 1 < this.end ? t[this.pos + 1] : '';
      if (next === ',' || next === ';' || next === '!' || next === ':' || next === ' ' || next === '>') {
        this.pos += 2;
        continue;
      }
      const name = this.commandName(this.pos);
      if (NOOP_COMMANDS.has(name)) {
        this.pos += 1 + name.length;
        if ((name === 'left' || name === 'right') && this.codeAt(this.pos) === 46) this.pos++;
      } else if (PHANTOM_COMMANDS.has(name)) {
        this.pos += 1 + name.length;
        this.skipBracedArgument();
      } else return;
    }
  }

  private skipBracedArgument(): void {
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.codeAt(this.pos) !== 123) return;
    let depth = 0;
    for (; this.pos < this.end; this.pos++) {
      const ch = this.text[this.pos];
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        this.pos++;
        return;
      }
    }
  }

  private code(): number {
    return this.codeAt(this.pos);
  }

  /** The character code at `i`, or -1 outside this cell: the parser never reads past its cell. */
  private codeAt(i: number): number {
    return i < this.end ? this.text.charCodeAt(i) : -1;
  }

  /** "`1 + abc` is not a number (row 1, column 2): `abc` is not a known name." */
  private fail(code: ErrorCode, offset: number, length: number, detail: string | null): MdlError {
    const what = quote(this.text.slice(this.start, this.end));
    const verdict = code === 'non-finite' ? 'is not a finite number' : 'is not a number';
    const message = `${what} ${verdict} (${cellName(this.cell)})${detail ? ': ' + detail : ''}.`;
    return cellError(code, this.text, offset, length, this.cell, message);
  }

  private unexpected(): MdlError {
    const ch = String.fromCodePoint(this.text.codePointAt(this.pos) ?? 63);
    return this.fail('non-numeric', this.pos, ch.length, `unexpected ${quote(ch)}`);
  }

  private nonFinite(at: number, length: number): MdlError {
    const name = this.text.slice(at, at + length);
    const whole = at === this.start && length === this.end - this.start;
    return cellError(
      'non-finite',
      this.text,
      at,
      length,
      this.cell,
      `${quote(whole ? name : this.text.slice(this.start, this.end))} in ${cellName(this.cell)} is not a finite number; every entry must be finite.`,
    );
  }

  private ellipsis(at: number, length: number): MdlError {
    return this.fail('non-numeric', at, length, 'it stands for omitted entries; write out every entry');
  }
}
