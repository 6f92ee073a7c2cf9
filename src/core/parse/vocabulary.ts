/**
 * The names the expression parser knows: constants, functions (plain,
 * NumPy, Mathematica spellings) and the LaTeX commands it reads or skips.
 * Maps and Sets, not object literals, so `constructor` or `__proto__` in a
 * selection is just an unknown name.
 */
import * as Q from './rational';
import type { Scalar } from './scalar';
import type { Rational } from './types';

export const PI: Scalar = { value: Math.PI, exact: null };
const E: Scalar = { value: Math.E, exact: null };
export const CONSTANTS = new Map<string, Scalar>([['pi', PI], ['Pi', PI], ['PI', PI], ['e', E], ['E', E]]);
export const NON_FINITE = new Set(['nan', 'NaN', 'NAN', 'inf', 'Inf', 'INF', 'infinity', 'Infinity', 'Indeterminate', 'ComplexInfinity']);
export const COMPLEX_UNITS = new Set(['i', 'j', 'I', 'J']);
/** Module prefixes that may qualify a name: np.pi, math.sqrt, sp.Rational. */
export const MODULES = new Set(['np', 'numpy', 'math', 'cmath', 'sp', 'sympy', 'torch', 'jnp', 'tf', 'fractions', 'mpmath', 'mp']);
export const ELLIPSIS_COMMANDS = new Set(['dots', 'ldots', 'cdots', 'vdots', 'ddots', 'dotsc', 'dotsb', 'hdots']);
export const MUL_COMMANDS = new Set(['cdot', 'times', 'ast']);
/** LaTeX that only changes spacing or size: skipped like whitespace. */
export const NOOP_COMMANDS = new Set([
  'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr',
  'quad', 'qquad', 'displaystyle', 'textstyle', 'scriptstyle', 'mathstrut', 'strut', 'hline', 'nonumber', 'notag',
]);
export const PHANTOM_COMMANDS = new Set(['phantom', 'hphantom', 'vphantom']);
/** LaTeX wrappers whose braced argument is read as an ordinary group: \mathrm{e}, \text{2}. */
export const WRAPPER_COMMANDS = new Set(['mathrm', 'mathit', 'mathbf', 'mathsf', 'text', 'textrm', 'operatorname', 'boldsymbol', 'mathnormal']);
export const VULGAR = new Map<string, [number, number]>([
  ['½', [1, 2]], ['⅓', [1, 3]], ['⅔', [2, 3]], ['¼', [1, 4]], ['¾', [3, 4]], ['⅕', [1, 5]], ['⅖', [2, 5]], ['⅗', [3, 5]],
  ['⅘', [4, 5]], ['⅙', [1, 6]], ['⅚', [5, 6]], ['⅛', [1, 8]], ['⅜', [3, 8]], ['⅝', [5, 8]], ['⅞', [7, 8]],
]);

export type Fn = (args: Scalar[]) => Scalar;
const unaryFn = (exact: (x: Rational) => Rational | null, double: (x: number) => number): Fn => ([a]) => {
  const x = a.exact ? exact(a.exact) : null;
  return { value: x ? Q.toNumber(x) : double(a.value), exact: x };
};
/** Exact only at the one rational point where these transcendental functions are rational. */
const atZero = (at: bigint, result: Rational) => (x: Rational) => (x.num === at && x.den === 1n ? result : null);
const identity: Fn = ([a]) => a;
export const FUNCTIONS = new Map<string, { arity: number; fn: Fn }>();
for (const [names, arity, fn] of [
  [['sqrt', 'Sqrt'], 1, unaryFn((x) => Q.root(x, 2), Math.sqrt)],
  [['cbrt', 'Cbrt', 'CubeRoot'], 1, unaryFn((x) => Q.root(x, 3), Math.cbrt)],
  [['abs', 'Abs', 'fabs'], 1, unaryFn((x) => (x.num < 0n ? Q.neg(x) : x), Math.abs)],
  [['exp', 'Exp'], 1, unaryFn(atZero(0n, Q.ONE), Math.exp)],
  [['log', 'Log', 'ln'], 1, unaryFn(atZero(1n, Q.ZERO), Math.log)],
  [['sin', 'Sin'], 1, unaryFn(atZero(0n, Q.ZERO), Math.sin)],
  [['cos', 'Cos'], 1, unaryFn(atZero(0n, Q.ONE), Math.cos)],
  [['tan', 'Tan'], 1, unaryFn(atZero(0n, Q.ZERO), Math.tan)],
  // Casts that numpy 2 and friends print around numbers: np.float64(1.5). (Not int(): it truncates.)
  [['float', 'float64', 'float32', 'float16', 'double', 'N'], 1, identity],
  // Python's fractions.Fraction(1, 3) and SymPy's Rational(1, 3): the only two-argument functions.
  [['Fraction', 'Rational'], 2, ([a, b]) => divide(a, b)],
] as Array<[string[], number, Fn]>) {
  for (const name of names) FUNCTIONS.set(name, { arity, fn });
}

export function negate(a: Scalar): Scalar {
  return { value: -a.value, exact: a.exact && Q.neg(a.exact) };
}

export function combine(a: Scalar, b: Scalar, exact: (x: Rational, y: Rational) => Rational | null, double: (x: number, y: number) => number): Scalar {
  const x = a.exact && b.exact ? exact(a.exact, b.exact) : null;
  // A rational result is rounded once from its exact value, so 0.1 + 0.2 gives 0.3.
  return { value: x ? Q.toNumber(x) : double(a.value, b.value), exact: x };
}

export function divide(a: Scalar, b: Scalar): Scalar {
  return combine(a, b, Q.div, (x, y) => x / y);
}

