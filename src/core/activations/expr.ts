/**
 * The sandboxed expression language for Question 9: one variable x, numbers,
 * the constants e and pi, + − * / ^ with parentheses, and the smooth
 * functions in `FUNCTIONS`. Our own parser builds only these node types, so
 * no user text ever reaches mathjs's parser (which also accepts assignments,
 * function definitions, matrices and more). Errors carry the column.
 *
 * `toExpr` prints in the same syntax, so a result always parses back;
 * `toTex` prints TeX built only from the AST (no user text is spliced in).
 */
import { MdlError, positionAt } from '../errors';
import { sigmoid, softplus } from './math';

export const FUNCTIONS = ['exp', 'log', 'sqrt', 'tanh', 'sigmoid', 'softplus', 'sin', 'cos'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];
export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'x' }
  | { kind: 'const'; name: 'e' | 'pi' }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; arg: Expr }
  /** d/dx of arg, unevaluated: only in the TeX of a rule step, never parsed or evaluated. */
  | { kind: 'd'; arg: Expr };

/** Not smooth everywhere, or not one-variable: refused with a reason rather than "unknown". */
const REFUSED: Record<string, string> = {
  abs: 'abs is not differentiable at 0; this tool keeps to smooth functions',
  max: 'max is not differentiable where its arguments meet; this tool keeps to smooth functions',
  min: 'min is not differentiable where its arguments meet; this tool keeps to smooth functions',
  relu: 'relu is not differentiable at 0; this tool keeps to smooth functions',
  sign: 'sign is not continuous at 0',
};

export const MAX_LENGTH = 500;
const MAX_DEPTH = 60;

interface Token {
  type: 'num' | 'id' | 'op' | '(' | ')' | ',' | 'end' | 'bad';
  text: string;
  at: number;
  /** For 'bad' tokens: reported when the parser reaches them, so errors come in reading order. */
  problem?: string;
}

function fail(text: string, at: number, message: string, length = 1, code: 'syntax' | 'unsupported' = 'syntax'): never {
  const pos = positionAt(text, at, length);
  throw new MdlError(code, `Column ${pos.column}: ${message}`, pos);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*)|([-+*/^])|([(),])|(.)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index;
    if (m[1]) tokens.push({ type: 'num', text: m[1], at });
    else if (m[2]) tokens.push({ type: 'id', text: m[2], at });
    else if (m[3]) tokens.push({ type: 'bad', text: m[3], at, problem: 'write powers with ^ (x^2), not **' });
    else if (m[4]) tokens.push({ type: 'op', text: m[4], at });
    else if (m[5]) tokens.push({ type: m[5] as '(' | ')' | ',', text: m[5], at });
    else if (m[6]) tokens.push({ type: 'bad', text: m[6], at, problem: `unexpected character "${m[6]}"` });
  }
  tokens.push({ type: 'end', text: '', at: text.length });
  return tokens;
}

export interface ParseLimits {
  /** Characters; the default is for user input. Our own printed derivatives may be longer. */
  maxLength?: number;
  maxDepth?: number;
}

/** Limits for parsing back text we printed ourselves (a derivative can be far longer than its input). */
export const GENEROUS_LIMITS: ParseLimits = { maxLength: 1_000_000, maxDepth: 2_000 };

/** Parse an expression in x. Throws MdlError with the column of the first problem. */
export function parseExpression(text: string, limits: ParseLimits = {}): Expr {
  const maxLength = limits.maxLength ?? MAX_LENGTH;
  const maxDepth = limits.maxDepth ?? MAX_DEPTH;
  if (!text.trim()) throw new MdlError('empty', 'Enter an expression in x, e.g. x * sigmoid(x).');
  if (text.length > maxLength) throw new MdlError('too-large', `Expressions are limited to ${maxLength} characters.`);
  const tokens = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = () => {
    const t = tokens[i];
    if (t.type === 'bad') fail(text, t.at, t.problem!, t.text.length);
    return t;
  };
  const next = () => (peek(), tokens[i++]);
  const expect = (type: Token['type'], what: string) => {
    const t = next();
    if (t.type !== type) fail(text, t.at, t.type === 'end' ? `expected ${what} at the end` : `expected ${what}, found "${t.text}"`);
    return t;
  };
  const nested = <T>(at: number, f: () => T): T => {
    if (++depth > maxDepth) fail(text, at, `nesting deeper than ${maxDepth} levels`, 1, 'unsupported');
    const r = f();
    depth--;
    return r;
  };

  const sum = (): Expr => {
    let left = product();
    while (peek().type === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = next().text as BinaryOp;
      left = { kind: 'bin', op, left, right: product() };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.type === 'op' && (t.text === '*' || t.text === '/')) {
        next();
        left = { kind: 'bin', op: t.text as BinaryOp, left, right: unary() };
      } else if (t.type === 'num' || t.type === 'id' || t.type === '(') {
        fail(text, t.at, `write the multiplication explicitly: "* ${t.text}"`, t.text.length);
      } else return left;
    }
  };
  const unary = (): Expr => {
    const t = peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
      next();
      const arg = nested(t.at, unary);
      return t.text === '-' ? { kind: 'neg', arg } : arg;
    }
    return power();
  };
  // Right-associative, binding tighter than unary minus on its left: -x^2 = -(x^2), 2^-x allowed.
  const power = (): Expr => {
    const base = primary();
    if (peek().type === 'op' && peek().text === '^') {
      const t = next();
      return { kind: 'bin', op: '^', left: base, right: nested(t.at, unary) };
    }
    return base;
  };
  const primary = (): Expr => {
    const t = next();
    if (t.type === 'num') {
      const value = Number(t.text);
      if (!Number.isFinite(value)) fail(text, t.at, `${t.text} is not a finite number`, t.text.length);
      return { kind: 'num', value };
    }
    if (t.type === '(') {
      const inner = nested(t.at, sum);
      expect(')', '")"');
      return inner;
    }
    if (t.type === 'id') return identifier(t);
    fail(text, t.at, t.type === 'end' ? 'the expression ends too early' : `unexpected "${t.text}"`, Math.max(1, t.text.length));
  };
  const identifier = (t: Token): Expr => {
    const name = t.text;
    const called = peek().type === '(';
    if (called) {
      if (Object.hasOwn(REFUSED, name)) fail(text, t.at, REFUSED[name], name.length, 'unsupported');
      if (!(FUNCTIONS as readonly string[]).includes(name)) fail(text, t.at, `unknown function "${name}"; allowed: ${FUNCTIONS.join(', ')}`, name.length, 'unsupported');
      next();
      const arg = nested(t.at, sum);
      expect(')', '")" (functions here take one argument)');
      return { kind: 'call', fn: name as FunctionName, arg };
    }
    if (name === 'x') return { kind: 'x' };
    if (name === 'e' || name === 'pi') return { kind: 'const', name };
    if ((FUNCTIONS as readonly string[]).includes(name) || Object.hasOwn(REFUSED, name)) fail(text, t.at, `${name} needs an argument in parentheses`, name.length);
    fail(text, t.at, `"${name}" is not x: derivatives here are in the single variable x`, name.length, 'unsupported');
  };

  const tree = sum();
  const end = peek();
  if (end.type !== 'end') fail(text, end.at, end.type === ')' ? 'unmatched ")"' : `unexpected "${end.text}"`, end.text.length);
  return tree;
}

// ---------------------------------------------------------------- evaluation

const IMPL: Record<FunctionName, (v: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  tanh: Math.tanh,
  sigmoid,
  softplus,
  sin: Math.sin,
  cos: Math.cos,
};

export function evaluate(e: Expr, x: number): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'x':
      return x;
    case 'const':
      return e.name === 'e' ? Math.E : Math.PI;
    case 'neg':
      return -evaluate(e.arg, x);
    case 'call':
      return IMPL[e.fn](evaluate(e.arg, x));
    case 'd':
      throw new Error('an unevaluated derivative cannot be evaluated');
    case 'bin': {
      const a = evaluate(e.left, x);
      const b = evaluate(e.right, x);
      return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '/' ? a / b : Math.pow(a, b);
    }
  }
}

export function dependsOnX(e: Expr): boolean {
  switch (e.kind) {
    case 'x':
      return true;
    case 'num':
    case 'const':
      return false;
    case 'neg':
    case 'call':
    case 'd':
      return dependsOnX(e.arg);
    case 'bin':
      return dependsOnX(e.left) || dependsOnX(e.right);
  }
}

export function nodeCount(e: Expr): number {
  if (e.kind === 'bin') return 1 + nodeCount(e.left) + nodeCount(e.right);
  if (e.kind === 'neg' || e.kind === 'call' || e.kind === 'd') return 1 + nodeCount(e.arg);
  return 1;
}

export const sameExpr = (a: Expr, b: Expr) => toExpr(a) === toExpr(b);

// ---------------------------------------------------------------- printing

/** Binding strength: sums 1, products 2, unary minus 3, powers 4, atoms 5. */
function precedence(e: Expr): number {
  if (e.kind === 'bin') return e.op === '+' || e.op === '-' ? 1 : e.op === '^' ? 4 : 2;
  if (e.kind === 'neg' || (e.kind === 'num' && e.value < 0)) return 3;
  return 5;
}

/** The input syntax, with the fewest parentheses that keep the meaning; parses back to the same tree shape. */
export function toExpr(e: Expr): string {
  const wrap = (child: Expr, min: number) => (precedence(child) < min ? `(${toExpr(child)})` : toExpr(child));
  switch (e.kind) {
    case 'num':
      return String(e.value); // shortest round-trip form; 1e-7 style parses back
    case 'x':
      return 'x';
    case 'const':
      return e.name;
    case 'neg':
      return `-${wrap(e.arg, 4)}`;
    case 'call':
      return `${e.fn}(${toExpr(e.arg)})`;
    case 'd':
      return `d/dx(${toExpr(e.arg)})`;
    case 'bin': {
      const p = precedence(e);
      if (e.op === '^') return `${wrap(e.left, 5)}^${wrap(e.right, 4)}`;
      // Left-associative: the right operand of − and / needs parentheses at equal precedence.
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, e.op === '-' || e.op === '/' ? p + 1 : p)}`;
    }
  }
}

const TEX_FUNCTION: Record<FunctionName, string> = {
  exp: '\\exp',
  log: '\\ln',
  sqrt: '',
  tanh: '\\tanh',
  sigmoid: '\\sigma',
  softplus: '\\operatorname{softplus}',
  sin: '\\sin',
  cos: '\\cos',
};

function texNumber(v: number): string {
  const s = String(Math.abs(v));
  const m = /^([\d.]+)e([+-]\d+)$/.exec(s);
  const body = m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
  return v < 0 ? `-${body}` : body;
}

export function toTex(e: Expr): string {
  const wrap = (child: Expr, min: number) => (precedence(child) < min ? `\\left(${toTex(child)}\\right)` : toTex(child));
  switch (e.kind) {
    case 'num':
      return texNumber(e.value);
    case 'x':
      return 'x';
    case 'const':
      return e.name === 'e' ? 'e' : '\\pi';
    case 'neg':
      return `-${wrap(e.arg, 3)}`;
    case 'd':
      return `\\frac{d}{dx}\\left[${toTex(e.arg)}\\right]`;
    case 'call':
      if (e.fn === 'sqrt') return `\\sqrt{${toTex(e.arg)}}`;
      if (e.fn === 'exp') return `e^{${toTex(e.arg)}}`;
      return `${TEX_FUNCTION[e.fn]}\\left(${toTex(e.arg)}\\right)`;
    case 'bin': {
      if (e.op === '/') return `\\frac{${toTex(e.left)}}{${toTex(e.right)}}`;
      if (e.op === '^') return `{${wrap(e.left, 5)}}^{${toTex(e.right)}}`;
      if (e.op === '*') {
        const right = wrap(e.right, 2);
        // Juxtapose (x σ(x)) unless the right factor starts with a digit or a sign, where 2 · 3 or x · −1 needs the dot.
        const dot = /^[\d-]/.test(right) || (e.right.kind === 'bin' && e.right.op === '*');
        return `${wrap(e.left, 2)}${dot ? ' \\cdot ' : '\\,'}${right}`;
      }
      return `${wrap(e.left, 1)} ${e.op} ${wrap(e.right, e.op === '-' ? 2 : 1)}`;
    }
  }
}
