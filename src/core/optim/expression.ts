/**
 * Custom objectives: a user expression in any number of named variables,
 * differentiated symbolically with mathjs and compiled to closures.
 *
 * mathjs's `derivative` writes d tan u as sec(u)², d tanh u as sech(u)² and
 * d|u| as |u|/u, and does not know `sigmoid`. Those functions are treated as
 * opaque symbols s = f(u) and the chain rule is applied by hand with
 * f′ written through s itself: σ′ = s(1 − s), tanh′ = 1 − s², tan′ = 1 + s²,
 * |u|′ = sign(u), sign′ = 0. Derivatives therefore stay inside the whitelist, parse back,
 * and stay finite where the textbook form does (σ′(−800) = 0, not NaN).
 */
import type { MathNode } from 'mathjs';
import { MdlError } from '../errors';
import { fold } from './fold';
import { compileNode, type Compiled } from './compile';
import { checkTree, nodes, parseChecked, symbolic } from './sandbox';
import type { Objective } from './types';


/** simplify() is slow (~50 ms on Rosenbrock's gradient) and super-linear; above this size only `fold` runs. */
const SIMPLIFY_MAX_NODES = 60;
const SIMPLIFY_MAX_CHAIN = 5;
/** Guard against derivative blow-up (towers like x^x^x^…). */
const MAX_DERIVATIVE_NODES = 20_000;

export interface ParsedExpression {
  node: MathNode;
  /** Sorted by name. */
  variables: string[];
}

/** Parse and check an expression (see sandbox.ts); variables come back sorted by name. */
export function parseExpression(text: string): ParsedExpression {
  const { node, variables } = parseChecked(text);
  return { node, variables: [...variables].sort(byName) };
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface CustomObjectiveOptions {
  /** Variable order for θ; must name exactly the expression's variables. Default: sorted by name. */
  order?: readonly string[];
}

export function customObjective(text: string, options: CustomObjectiveOptions = {}): Objective {
  const parsed = parseExpression(text);
  if (parsed.variables.length === 0) {
    throw new MdlError('invalid-argument', 'The expression has no variables, so there is nothing to optimise.');
  }
  const variables = resolveOrder(parsed.variables, options.order);
  // Internal names ($0, $1…) cannot be typed by a user (the scanner refuses `$`) and
  // never collide with mathjs constants such as i or E during simplification.
  const internal = variables.map((_, k) => `$${k}`);
  const toInternal = new Map(variables.map((v, k) => [v, internal[k]]));
  const toUser = new Map(internal.map((s, k) => [s, variables[k]]));
  const index = new Map(internal.map((s, k) => [s, k]));

  const f = renameSymbols(parsed.node, toInternal);
  const grads = internal.map((v) => tidy(differentiate(f, v)));
  const value = compileNode(f, index);
  const gradient = grads.map((g) => compileNode(g, index));
  const d = variables.length;

  let hessianEntries: Compiled[][] | null = null;
  const hessian = (theta: ArrayLike<number>): number[][] => {
    // Second derivatives are built on first use: they cost d(d+1)/2 symbolic differentiations.
    hessianEntries ??= buildHessian(grads, internal, index);
    return hessianEntries.map((row) => row.map((h) => h(theta)));
  };

  const userNode = (n: MathNode) => renameSymbols(n, toUser);
  return {
    name: 'custom',
    variables,
    expression: userNode(f).toString(),
    gradientExpressions: grads.map((g) => userNode(g).toString()),
    tex: toTex(userNode(f)),
    gradientTex: grads.map((g) => toTex(userNode(g))),
    value: (theta) => value(theta),
    gradient(theta, out = new Float64Array(d)) {
      for (let i = 0; i < d; i++) out[i] = gradient[i](theta);
      return out;
    },
    valueAndGradient(theta, out) {
      for (let i = 0; i < d; i++) out[i] = gradient[i](theta);
      return value(theta);
    },
    hessian,
  };
}

/**
 * A plain evaluator for an expression over the given variables (no
 * derivatives): for gradient strings, user-supplied functions and tests.
 * Variables the expression uses must be among `variables`; others may be unused.
 */
export function compileExpression(text: string, variables: readonly string[]): (theta: ArrayLike<number>) => number {
  const { node, variables: used } = parseChecked(text);
  const unknown = used.filter((v) => !variables.includes(v));
  if (unknown.length) throw new MdlError('invalid-argument', `The expression uses ${unknown.join(', ')}, which is not among ${variables.join(', ')}.`);
  return compileNode(node, new Map(variables.map((v, k) => [v, k])));
}

function resolveOrder(found: string[], order: readonly string[] | undefined): string[] {
  if (!order) return found;
  const missing = found.filter((v) => !order.includes(v));
  if (missing.length) throw new MdlError('invalid-argument', `The start point does not give ${missing.join(', ')}, which the expression uses.`);
  const extra = order.filter((v) => !found.includes(v));
  if (extra.length) throw new MdlError('invalid-argument', `The start point gives ${extra.join(', ')}, which the expression does not use.`);
  if (new Set(order).size !== order.length) throw new MdlError('invalid-argument', 'A variable is listed twice.');
  return [...order];
}

function buildHessian(grads: MathNode[], internal: string[], index: Map<string, number>): Compiled[][] {
  const d = internal.length;
  const rows: Compiled[][] = Array.from({ length: d }, () => new Array<Compiled>(d));
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) rows[i][j] = rows[j][i] = compileNode(tidy(differentiate(grads[i], internal[j])), index);
  return rows;
}

/* ---------- symbolic differentiation ---------- */

type Opaque = 'sigmoid' | 'tanh' | 'tan' | 'abs' | 'sign';
const OPAQUE = new Set<string>(['sigmoid', 'tanh', 'tan', 'abs', 'sign']);

const num = nodes.constant;
const op = nodes.operator;
const times = (a: MathNode, b: MathNode) => op('*', 'multiply', [a, b]);
const minus = (a: MathNode, b: MathNode) => op('-', 'subtract', [a, b]);
const plus = (a: MathNode, b: MathNode) => op('+', 'add', [a, b]);
const paren = nodes.paren;

/** f′(u) written through s = f(u) (and u for abs). */
function outerDerivative(fn: Opaque, s: MathNode, u: MathNode): MathNode {
  switch (fn) {
    case 'sigmoid': return times(s, paren(minus(num(1), s)));
    case 'tanh': return minus(num(1), op('^', 'pow', [s, num(2)]));
    case 'tan': return plus(num(1), op('^', 'pow', [s, num(2)]));
    case 'abs': return nodes.call('sign', [u]);
    // sign is flat away from 0, and PyTorch's backward gives 0 at 0 too.
    case 'sign': return num(0);
  }
}

let opaqueCounter = 0;

/** ∂node/∂v, by mathjs's `derivative` with the opaque functions handled by the chain rule (see the header). */
export function differentiate(node: MathNode, v: string): MathNode {
  if (!mentions(node, v)) return num(0);
  const calls: Array<{ symbol: string; fn: Opaque; call: MathNode; arg: MathNode }> = [];
  // transform() does not descend into a replaced node, so only the outermost opaque calls are replaced;
  // calls nested in their arguments are handled by the recursion below.
  const outer = node.transform((n) => {
    const fn = n as MathNode & { fn?: { name?: string }; args?: MathNode[] };
    if (n.type === 'FunctionNode' && OPAQUE.has(fn.fn?.name ?? '')) {
      const symbol = `$s${opaqueCounter++}`;
      calls.push({ symbol, fn: fn.fn!.name as Opaque, call: n, arg: fn.args![0] });
      return nodes.symbol(symbol);
    }
    return n;
  });
  let result = symbolic().derivative(outer, v, { simplify: false }) as MathNode;
  for (const { symbol, fn, arg } of calls) {
    if (!mentions(arg, v)) continue;
    const dOuter = symbolic().derivative(outer, symbol, { simplify: false }) as MathNode;
    const term = times(times(paren(dOuter), paren(outerDerivative(fn, nodes.symbol(symbol), arg))), paren(differentiate(arg, v)));
    result = plus(result, term);
  }
  const bySymbol = new Map(calls.map((c) => [c.symbol, c.call]));
  return result.transform((n) => (n.type === 'SymbolNode' && bySymbol.has((n as MathNode & { name: string }).name) ? bySymbol.get((n as MathNode & { name: string }).name)!.cloneDeep() : n));
}

function mentions(node: MathNode, v: string): boolean {
  return node.filter((n) => n.type === 'SymbolNode' && (n as MathNode & { name: string }).name === v).length > 0;
}

function size(node: MathNode): number {
  return node.filter(() => true).length;
}

/** Simplify, then make sure the result is still inside the whitelist (it always should be). */
function tidy(node: MathNode): MathNode {
  if (size(node) > MAX_DERIVATIVE_NODES) {
    throw new MdlError('too-large', 'The symbolic derivative of this expression is too large to evaluate quickly; try a simpler form.');
  }
  const core = fold(node);
  let out = core;
  if (size(core) <= SIMPLIFY_MAX_NODES && longestChain(core) <= SIMPLIFY_MAX_CHAIN) {
    try {
      out = symbolic().simplify(core) as MathNode;
    } catch {
      out = core;
    }
  }
  for (const candidate of [out, core]) {
    try {
      checkTree(candidate, { variables: [], isName: (n) => /^\$\d+$/.test(n), visitName() {}, fail: (_c, m) => { throw new Error(m); } });
      return candidate;
    } catch {
      // fall through to the less simplified form
    }
  }
  throw new MdlError('unsupported', 'The derivative could not be written with the allowed functions.');
}

/** Most operands in one flattened + or · chain: simplify's commutative matching is exponential-ish in it. */
function longestChain(node: MathNode): number {
  let longest = 0;
  node.traverse((n) => {
    const o = n as MathNode & { fn?: unknown; args?: MathNode[] };
    if (n.type !== 'OperatorNode' || (o.fn !== 'add' && o.fn !== 'multiply')) return;
    const count = (m: MathNode): number => {
      const k = m as MathNode & { fn?: unknown; args?: MathNode[]; content?: MathNode };
      if (m.type === 'ParenthesisNode') return count(k.content!);
      return m.type === 'OperatorNode' && k.fn === o.fn ? k.args!.reduce((s, a) => s + count(a), 0) : 1;
    };
    longest = Math.max(longest, count(n));
  });
  return longest;
}

function renameSymbols(node: MathNode, names: ReadonlyMap<string, string>): MathNode {
  return node.transform((n) => {
    if (n.type !== 'SymbolNode') return n;
    const renamed = names.get((n as MathNode & { name: string }).name);
    return renamed === undefined ? n : nodes.symbol(renamed);
  });
}

/* ---------- TeX ---------- */

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi',
  'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/** TeX for a variable name. Names hold only letters, digits and underscores (sandbox.ts), so nothing here can inject. */
export function symbolTex(name: string): string {
  const cut = name.indexOf('_');
  if (cut > 0 && cut < name.length - 1) return `${baseTex(name.slice(0, cut))}_{${baseTex(name.slice(cut + 1))}}`;
  return baseTex(name);
}

function baseTex(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  if ([...name].length === 1 || /^\d+$/.test(name)) return name;
  return `\\mathit{${name.replace(/_/g, '\\_')}}`;
}

export function toTex(node: MathNode): string {
  return node.toTex({
    parenthesis: 'keep',
    implicit: 'show',
    handler: (n: MathNode, options: object) => {
      const x = n as MathNode & { name?: string; fn?: { name?: string }; args?: MathNode[] };
      // Leading space: mathjs glues a symbol to the preceding macro (\cdot y must not become \cdoty).
      if (n.type === 'SymbolNode') return x.name === 'pi' ? ' \\pi' : ` ${symbolTex(x.name!)}`;
      if (n.type === 'FunctionNode' && x.fn?.name === 'sigmoid') return `\\sigma\\left(${x.args![0].toTex(options)}\\right)`;
      if (n.type === 'FunctionNode' && x.fn?.name === 'sign') return `\\operatorname{sign}\\left(${x.args![0].toTex(options)}\\right)`;
      return undefined;
    },
  });
}
