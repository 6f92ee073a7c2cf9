/**
 * A one-pass clean-up of raw derivatives: drops parentheses, folds constant
 * arithmetic and the identities x + 0, 0·x, 1·x, x/1, x¹, x⁰, −(−x). mathjs's
 * `simplify` does more but is super-linear (and `simplifyCore` took minutes
 * on a 779-node derivative of a 30-term sum), so large trees get only this.
 */
import type { MathNode } from 'mathjs';
import { nodes } from './sandbox';

type Node = MathNode & { value?: unknown; args?: MathNode[]; fn?: unknown; content?: MathNode; op?: string };

const constant = (n: MathNode): number | null => {
  const v = (n as Node).value;
  return n.type === 'ConstantNode' && typeof v === 'number' ? v : null;
};

/** Folded constants are kept only when they print short: 1/3 stays 1/3 rather than 0.3333333333333333. */
const shortNumber = (x: number) => Number.isFinite(x) && String(x).length <= 12;

const num = nodes.constant;
const neg = (a: MathNode) => {
  const c = constant(a);
  if (c !== null) return num(-c);
  const n = a as Node;
  if (a.type === 'OperatorNode' && n.fn === 'unaryMinus') return n.args![0];
  return nodes.operator('-', 'unaryMinus', [a]);
};

export function fold(node: MathNode): MathNode {
  const n = node as Node;
  switch (node.type) {
    case 'ParenthesisNode':
      return fold(n.content!);
    case 'FunctionNode': {
      const args = n.args!.map(fold);
      const name = (n.fn as { name: string }).name;
      if (name === 'pow' && constant(args[1]) === 1) return args[0];
      return nodes.call(name, args);
    }
    case 'OperatorNode':
      return foldOperator(n.fn as string, n.op!, n.args!.map(fold));
    default:
      return node;
  }
}

function foldOperator(fn: string, op: string, args: MathNode[]): MathNode {
  const [a, b] = args;
  const [ca, cb] = [constant(a), b ? constant(b) : null];
  if (ca !== null && (b === undefined || cb !== null)) {
    const value = evaluate(fn, ca, cb);
    if (value !== null && shortNumber(value)) return num(value);
  }
  switch (fn) {
    case 'unaryPlus':
      return a;
    case 'unaryMinus':
      return neg(a);
    case 'add':
      if (ca === 0) return b;
      if (cb === 0) return a;
      break;
    case 'subtract':
      if (cb === 0) return a;
      if (ca === 0) return neg(b);
      break;
    case 'multiply':
      if (ca === 0 || cb === 0) return num(0);
      if (ca === 1) return b;
      if (cb === 1) return a;
      if (ca === -1) return neg(b);
      if (cb === -1) return neg(a);
      break;
    case 'divide':
      if (cb === 1) return a;
      if (ca === 0) return num(0);
      break;
    case 'pow':
      if (cb === 1) return a;
      if (cb === 0) return num(1);
      break;
  }
  return nodes.operator(op, fn, args);
}

function evaluate(fn: string, a: number, b: number | null): number | null {
  switch (fn) {
    case 'unaryMinus': return -a;
    case 'unaryPlus': return a;
    case 'add': return a + b!;
    case 'subtract': return a - b!;
    case 'multiply': return a * b!;
    case 'divide': return b === 0 ? null : a / b!;
    case 'pow': return Math.pow(a, b!);
    default: return null;
  }
}
