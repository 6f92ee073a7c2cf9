/**
 * Layer 3's back end (see sandbox.ts): turns a whitelisted mathjs tree into
 * closures over real-valued `Math` functions. Only node kinds and function
 * names that passed `checkTree` are compiled; anything else throws, and no
 * name is ever used to look up a property of an object.
 */
import type { MathNode } from 'mathjs';

export type Compiled = (theta: ArrayLike<number>) => number;

/** The only named constants an expression may use. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E]]);

/** Numerically stable logistic function: never evaluates exp of a large positive number. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const z = Math.exp(x);
  return z / (1 + z);
}

function unary(name: string): (x: number) => number {
  switch (name) {
    case 'sin': return Math.sin;
    case 'cos': return Math.cos;
    case 'tan': return Math.tan;
    case 'exp': return Math.exp;
    case 'log': return Math.log;
    case 'sqrt': return Math.sqrt;
    case 'abs': return Math.abs;
    case 'tanh': return Math.tanh;
    case 'sign': return Math.sign;
    case 'sigmoid': return sigmoid;
    default: throw new Error(`not a whitelisted function: ${name}`);
  }
}

/**
 * Closures over real-valued `Math` functions (sqrt(−1) is NaN, not a complex
 * number). `index` maps each variable name to its slot in θ. Why not
 * mathjs's `compile`: its typed-function dispatch costs ~1 µs per node,
 * closures ~10 ns, and here it would also be one more evaluator to secure.
 */
export function compileNode(node: MathNode, index: ReadonlyMap<string, number>): Compiled {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const c = n.value as number;
      return () => c;
    }
    case 'SymbolNode': {
      const name = n.name as string;
      const constant = CONSTANTS.get(name);
      if (constant !== undefined) return () => constant;
      const k = index.get(name);
      if (k === undefined) throw new Error(`unbound variable ${name}`);
      return (t) => t[k];
    }
    case 'ParenthesisNode':
      return compileNode(n.content as MathNode, index);
    case 'OperatorNode': {
      const args = (n.args as MathNode[]).map((a) => compileNode(a, index));
      const [a, b] = args;
      switch (n.fn as string) {
        case 'add': return (t) => a(t) + b(t);
        case 'subtract': return (t) => a(t) - b(t);
        case 'multiply': return (t) => a(t) * b(t);
        case 'divide': return (t) => a(t) / b(t);
        case 'unaryMinus': return (t) => -a(t);
        case 'unaryPlus': return a;
        case 'pow': return power(a, (n.args as MathNode[])[1], b);
      }
      throw new Error(`operator not whitelisted: ${String(n.fn)}`);
    }
    case 'FunctionNode': {
      const name = (n.fn as { name: string }).name;
      const args = (n.args as MathNode[]).map((a) => compileNode(a, index));
      if (name === 'pow') return power(args[0], (n.args as MathNode[])[1], args[1]);
      const f = unary(name);
      const a = args[0];
      return (t) => f(a(t));
    }
  }
  throw new Error(`node not whitelisted: ${node.type}`);
}

/** Small integer exponents as products: most objectives are polynomials and Math.pow is the slowest node. */
function power(base: Compiled, exponentNode: MathNode, exponent: Compiled): Compiled {
  const e = exponentNode as MathNode & { value?: unknown };
  if (exponentNode.type === 'ConstantNode' && typeof e.value === 'number') {
    switch (e.value) {
      case 1: return base;
      case 2: return (t) => { const u = base(t); return u * u; };
      case 3: return (t) => { const u = base(t); return u * u * u; };
      case 4: return (t) => { const u = base(t); const s = u * u; return s * s; };
    }
    const p = e.value;
    return (t) => Math.pow(base(t), p);
  }
  return (t) => Math.pow(base(t), exponent(t));
}
