/**
 * The only door from user text to evaluated maths. Three layers, each enough
 * on its own for the escapes we know of:
 *
 * 1. A lexical check that refuses, with the column of the offending token,
 *    everything outside numbers, variables, + − * / ^, parentheses, commas
 *    and a short list of functions: strings, [ ], { }, `.` property access,
 *    `=`, and any other function name (import, evaluate, parse, createUnit…).
 * 2. A restricted mathjs instance (mathjs's security guide): `import`,
 *    `createUnit`, `evaluate`, `parse`, `simplify`, `derivative`, `resolve`,
 *    `reviver`, `compile` and friends are replaced by functions that throw.
 *    The symbolic helpers this module needs are captured privately first.
 * 3. A whitelist walk over the parsed tree, and a compiler (compile.ts) that
 *    turns only whitelisted nodes into closures over `Math.*`: user names are never
 *    looked up as properties of any object, so `constructor` and friends
 *    cannot be reached, and mathjs's own evaluator never runs user input.
 */
import { all, create, type MathNode } from 'mathjs';
import { MdlError, positionAt, type ErrorCode } from '../errors';
import { CONSTANTS, sigmoid } from './compile';

/** Allowed functions and their arity. `sign` is here because d|u|/du = sign(u) (0 at 0, as in PyTorch). */
export const FUNCTION_ARITY: Readonly<Record<string, number>> = Object.freeze({
  sin: 1, cos: 1, tan: 1, exp: 1, log: 1, sqrt: 1, abs: 1, tanh: 1, sigmoid: 1, sign: 1, pow: 2,
});
const isFunctionName = (name: string) => Object.prototype.hasOwnProperty.call(FUNCTION_ARITY, name);

const RESERVED_WORDS = new Set(['Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'end']);
const ALLOWED_OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
export const MAX_EXPRESSION_LENGTH = 2000;
/** mathjs's recursive-descent parser uses ~20 stack frames per parenthesis level. */
const MAX_NESTING = 64;

/* ---------- the restricted mathjs instance ---------- */

type MathInstance = ReturnType<typeof create>;

export interface Symbolic {
  parse: MathInstance['parse'];
  derivative: MathInstance['derivative'];
  simplify: MathInstance['simplify'];
  /** The instance itself, with the dangerous functions replaced by throwers. */
  restricted: MathInstance;
}

let built: Symbolic | null = null;

/**
 * The restricted instance and the private handles captured before the public
 * ones were disabled; only this package's own code calls them. Built on first
 * use: create(all) and resolving derivative/simplify cost ~250 ms, which
 * built-in objectives and the regression topics never need.
 */
export function symbolic(): Symbolic {
  if (built) return built;
  const instance = create(all, { number: 'number' });
  const handles = { parse: instance.parse, derivative: instance.derivative, simplify: instance.simplify };
  instance.import({ sigmoid: (x: number) => sigmoid(x) }, {});
  instance.import(
    Object.fromEntries(DISABLED.map((name) => [name, () => { throw new Error(`Function ${name} is disabled`); }])),
    { override: true },
  );
  built = { ...handles, restricted: instance };
  return built;
}

const DISABLED = [
  'import', 'createUnit', 'evaluate', 'parse', 'parser', 'compile', 'simplify', 'simplifyCore', 'simplifyConstant',
  'derivative', 'resolve', 'reviver', 'replacer', 'rationalize', 'chain', 'leafCount', 'symbolicEqual', 'help',
];

/** Node constructors (the classes are the instance's; using them never evaluates anything). */
export const nodes = {
  symbol: (name: string): MathNode => new (symbolic().restricted.SymbolNode)(name),
  constant: (x: number): MathNode => new (symbolic().restricted.ConstantNode)(x),
  operator: (op: string, fn: string, args: MathNode[]): MathNode => new (symbolic().restricted.OperatorNode)(op as never, fn as never, args),
  call: (name: string, args: MathNode[]): MathNode => new (symbolic().restricted.FunctionNode)(name, args),
  paren: (content: MathNode): MathNode => new (symbolic().restricted.ParenthesisNode)(content),
};

/* ---------- layer 1: tokens ---------- */

export interface Identifier {
  name: string;
  offset: number;
}

interface Issue {
  code: ErrorCode;
  offset: number;
  length: number;
  message: string;
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
const PUNCTUATION: Record<string, string> = {
  '"': 'Strings are not allowed: an expression holds numbers, variables, operators and functions only.',
  "'": 'Quotes are not allowed (no strings, no transposes).',
  '`': 'Quotes are not allowed.',
  '[': 'Matrices, vectors and indexing ([ ]) are not supported: give each coordinate its own variable, e.g. x and y.',
  ']': 'Matrices, vectors and indexing ([ ]) are not supported.',
  '{': 'Objects ({ }) are not supported.',
  '}': 'Objects ({ }) are not supported.',
  ':': 'Ranges (:) are not supported.',
  ';': 'Write a single expression (no ;).',
  '?': 'Conditionals (? :) are not supported.',
  '!': 'Factorials and ! are not supported.',
  '%': 'The % operator is not supported.',
  '&': 'Logical and bitwise operators are not supported.',
  '|': 'Logical and bitwise operators are not supported; write abs(x) for |x|.',
  '~': 'Logical and bitwise operators are not supported.',
  '<': 'Comparisons are not supported.',
  '>': 'Comparisons are not supported.',
  '#': 'Comments (#) are not supported.',
};
const ASSIGNMENT = 'Assignments and definitions (=) are not allowed: write only the expression, e.g. x^2 + 3*y^2.';

/**
 * Scans the text once. Returns the identifiers (for locating tree nodes
 * later) or the issue to report: an `=` wins (the whole input is a definition,
 * `f(x)=x`), otherwise the first problem from the left.
 */
function scan(text: string): { identifiers: Identifier[]; issue: Issue | null } {
  const identifiers: Identifier[] = [];
  let first: Issue | null = null;
  let assignment: Issue | null = null;
  const report = (issue: Issue) => {
    if (!first) first = issue;
  };
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ') {
      i++;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)![0];
      if (literal === '0' && /^[xXbBoO][0-9a-fA-F]/.test(text.slice(i + 1, i + 3))) {
        report({ code: 'unsupported', offset: i, length: 2, message: 'Hexadecimal, binary and octal literals are not supported.' });
      }
      i += literal.length;
    } else if (/[\p{L}_]/u.test(ch) || (ch >= '\ud800' && ch <= '\udbff')) {
      IDENTIFIER.lastIndex = i;
      const match = IDENTIFIER.exec(text);
      if (!match) {
        report({ code: 'syntax', offset: i, length: 2, message: `Unexpected character ${describeChar(text.codePointAt(i)!)}.` });
        i += 2;
        continue;
      }
      const name = match[0];
      identifiers.push({ name, offset: i });
      let j = i + name.length;
      while (text[j] === ' ') j++;
      const next = text[j];
      const issue = identifierIssue(name, next);
      if (issue) report({ ...issue, offset: i, length: name.length });
      i += name.length;
    } else if (ch === '(') {
      if (++depth > MAX_NESTING) report({ code: 'too-large', offset: i, length: 1, message: `Parentheses nest more than ${MAX_NESTING} deep.` });
      i++;
    } else if (ch === ')') {
      depth--;
      i++;
    } else if ('+-*/^,'.includes(ch)) {
      i++;
    } else if (ch === '.') {
      const elementWise = '*/^'.includes(text[i + 1] ?? '');
      report({
        code: 'unsupported',
        offset: i,
        length: elementWise ? 2 : 1,
        message: elementWise ? 'Element-wise operators (.*, ./, .^) are not supported: use *, / or ^.' : 'Property access (.) is not allowed.',
      });
      i++;
    } else if (ch === '=') {
      const comparison = text[i + 1] === '=' || '=<>!'.includes(text[i - 1] ?? '');
      if (comparison) report({ code: 'unsupported', offset: i, length: 1, message: 'Comparisons are not supported.' });
      else assignment ??= { code: 'unsupported', offset: i, length: 1, message: ASSIGNMENT };
      i++;
    } else {
      const code = text.codePointAt(i)!;
      const message = PUNCTUATION[ch] ?? `Unexpected character ${describeChar(code)}.`;
      report({ code: PUNCTUATION[ch] ? 'unsupported' : 'syntax', offset: i, length: 1, message });
      i += code > 0xffff ? 2 : 1;
    }
  }
  return { identifiers, issue: assignment ?? first };
}

function identifierIssue(name: string, next: string | undefined): Omit<Issue, 'offset' | 'length'> | null {
  if (RESERVED_WORDS.has(name)) return { code: 'unsupported', message: `"${name}" is not allowed in an expression.` };
  if (next === '(') {
    if (isFunctionName(name)) return null;
    return { code: 'unsupported', message: `Unknown function ${name}(): the allowed functions are ${Object.keys(FUNCTION_ARITY).join(', ')}.` };
  }
  // `cos.constructor`: report the dot, which is the real problem.
  if (next === '.') return null;
  if (isFunctionName(name)) return { code: 'syntax', message: `${name} is a function: write ${name}(…) with parentheses.` };
  return null;
}

function describeChar(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? hex : `"${String.fromCodePoint(code)}" (${hex})`;
}

/* ---------- layers 2 and 3: parse and whitelist ---------- */

/**
 * Operator chains deepen the tree without parentheses (x*x*…*x, - - - x), and
 * mathjs's derivative and simplify recurse through it: a 1000-factor product
 * overflowed the stack. Measured without recursion, so the check cannot overflow itself.
 */
const MAX_TREE_DEPTH = 200;

function treeDepth(root: MathNode): number {
  let deepest = 0;
  const stack: Array<[MathNode, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_TREE_DEPTH) break;
    node.forEach((child) => stack.push([child, depth + 1]));
  }
  return deepest;
}

export interface CheckedExpression {
  node: MathNode;
  /** Variable names in order of first appearance. */
  variables: string[];
}

/** Parses `text` into a whitelisted tree, or throws an `MdlError` pointing into `text`. */
export function parseChecked(text: string): CheckedExpression {
  if (typeof text !== 'string' || text.trim() === '') throw new MdlError('empty', 'The expression is empty.');
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new MdlError('too-large', `The expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`);
  }
  // Same length, so every offset still points into the caller's text; mathjs would read a newline as a second statement.
  const flat = text.replace(/[\t\n\r]/g, ' ');
  const { identifiers, issue } = scan(flat);
  if (issue) throw new MdlError(issue.code, issue.message, positionAt(text, issue.offset, issue.length));
  let node: MathNode;
  try {
    node = symbolic().parse(flat);
  } catch (e) {
    const err = e as { message?: string; char?: number };
    // mathjs reports a 1-based column in `char`.
    const offset = typeof err.char === 'number' ? Math.max(0, err.char - 1) : 0;
    const message = String(err.message ?? 'Syntax error').replace(/\s*\(char \d+\)\s*$/, '');
    throw new MdlError('syntax', `${message}.`.replace(/\.\.$/, '.'), positionAt(text, offset));
  }
  if (treeDepth(node) > MAX_TREE_DEPTH) {
    throw new MdlError('too-large', `The expression nests more than ${MAX_TREE_DEPTH} operations deep; split it or use fewer terms.`, positionAt(text, 0, text.length));
  }
  const variables: string[] = [];
  const seen = new Map<string, number>();
  const fail = (code: ErrorCode, message: string, name?: string): never => {
    // The walk is pre-order, which visits identifiers in source order: the k-th visit of a name is its k-th occurrence.
    const k = name ? (seen.get(name) ?? 1) - 1 : 0;
    const hit = name ? identifiers.filter((t) => t.name === name)[k] : undefined;
    throw new MdlError(code, message, positionAt(text, hit?.offset ?? 0, hit?.name.length ?? text.length));
  };
  const visitName = (name: string) => seen.set(name, (seen.get(name) ?? 0) + 1);
  checkTree(node, { variables, visitName, fail });
  return { node, variables };
}

interface WalkContext {
  variables: string[];
  /** Which symbol names count as variables (default: what a user may type). */
  isName?(name: string): boolean;
  visitName(name: string): void;
  fail(code: ErrorCode, message: string, name?: string): never;
}

const isUserName = (name: string) => /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name);

/** Layer 3: every node must be one of the five allowed kinds with allowed contents. Also used on derivatives. */
export function checkTree(node: MathNode, ctx: WalkContext): void {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const value = n.value;
      if (typeof value === 'string') ctx.fail('unsupported', 'Strings are not allowed.');
      if (typeof value !== 'number' || !Number.isFinite(value)) ctx.fail('unsupported', `Only finite numbers are allowed, not ${String(value)}.`);
      return;
    }
    case 'SymbolNode': {
      const name = n.name as string;
      ctx.visitName(name);
      if (CONSTANTS.has(name)) return;
      if (isFunctionName(name)) ctx.fail('syntax', `${name} is a function: write ${name}(…) with parentheses.`, name);
      if (RESERVED_WORDS.has(name) || !(ctx.isName ?? isUserName)(name)) ctx.fail('unsupported', `"${name}" cannot be a variable name.`, name);
      if (!ctx.variables.includes(name)) ctx.variables.push(name);
      return;
    }
    case 'ParenthesisNode':
      return checkTree(n.content as MathNode, ctx);
    case 'OperatorNode': {
      if (!ALLOWED_OPERATORS.has(n.fn as string)) ctx.fail('unsupported', `The operator ${String(n.op)} is not supported.`);
      for (const arg of n.args as MathNode[]) checkTree(arg, ctx);
      return;
    }
    case 'FunctionNode': {
      const fn = n.fn as MathNode & { name?: string };
      const name = fn.type === 'SymbolNode' ? fn.name! : '';
      if (name) ctx.visitName(name);
      if (!isFunctionName(name)) ctx.fail('unsupported', name ? `Unknown function ${name}().` : 'Only named functions can be called.', name || undefined);
      const args = n.args as MathNode[];
      const arity = FUNCTION_ARITY[name];
      if (args.length !== arity) ctx.fail('syntax', `${name}() takes ${arity} argument${arity > 1 ? 's' : ''}, not ${args.length}.`, name);
      for (const arg of args) checkTree(arg, ctx);
      return;
    }
    default:
      ctx.fail('unsupported', `${node.type.replace(/Node$/, '')} expressions are not supported.`);
  }
}
