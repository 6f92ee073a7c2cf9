/**
 * Question 9: the derivative of a 1-D expression in x, step by step, with
 * the rule used at each step, then simplified. Differentiation follows the
 * textbook rules on our own sandboxed AST (`expr.ts`), so each step can name
 * its rule; mathjs's `simplify` is then offered the tidied result and its
 * answer is kept only if it is smaller, uses only whitelisted nodes, and
 * agrees numerically. The result is printed in the input syntax (it parses
 * back) and as TeX. For Swish, f′ is also written in terms of f and σ.
 */
import { MdlError } from '../errors';
import { dependsOnX, evaluate, FUNCTIONS, nodeCount, parseExpression, toExpr, toTex, type Expr, type FunctionName } from './expr';
import { tidy } from './tidy';

export interface RuleStep {
  /** e.g. "product rule", "chain rule with σ′ = σ(1 − σ)", "simplify". */
  rule: string;
  tex: string;
  text: string;
}

export interface DerivativeResult {
  expression: string;
  /** f′ in the input syntax; `parseExpression` accepts it. */
  derivative: string;
  derivativeTex: string;
  steps: RuleStep[];
  /** Whether mathjs's own derivative (σ and softplus written out) agrees at the probe points. */
  mathjsCheck: 'agrees' | 'disagrees' | 'not comparable' | 'skipped';
  /** Only for Swish (x·σ(x)): f′ written with f and σ alone. */
  inTermsOfFAndSigma?: { tex: string; text: string };
}

const num = (value: number): Expr => ({ kind: 'num', value });
const X: Expr = { kind: 'x' };
const bin = (op: '+' | '-' | '*' | '/' | '^', left: Expr, right: Expr): Expr => ({ kind: 'bin', op, left, right });
const call = (fn: FunctionName, arg: Expr): Expr => ({ kind: 'call', fn, arg });
const D = (arg: Expr): Expr => ({ kind: 'd', arg });

/** f′(u) for each whitelisted f, and how the rule is named. */
const OUTER: Record<FunctionName, { derivative: (u: Expr) => Expr; rule: string }> = {
  exp: { derivative: (u) => call('exp', u), rule: '(eᵘ)′ = eᵘ' },
  log: { derivative: (u) => bin('/', num(1), u), rule: '(ln u)′ = 1/u' },
  sqrt: { derivative: (u) => bin('/', num(1), bin('*', num(2), call('sqrt', u))), rule: '(√u)′ = 1/(2√u)' },
  tanh: { derivative: (u) => bin('-', num(1), bin('^', call('tanh', u), num(2))), rule: 'tanh′ = 1 − tanh²' },
  sigmoid: { derivative: (u) => bin('*', call('sigmoid', u), bin('-', num(1), call('sigmoid', u))), rule: 'σ′ = σ(1 − σ)' },
  softplus: { derivative: (u) => call('sigmoid', u), rule: 'softplus′ = σ' },
  sin: { derivative: (u) => call('cos', u), rule: 'sin′ = cos' },
  cos: { derivative: (u) => ({ kind: 'neg', arg: call('sin', u) }), rule: 'cos′ = −sin' },
};

/** d/dx e, recording one step per rule application, outermost first. */
function differentiate(e: Expr, steps: RuleStep[]): Expr {
  const record = (rule: string, form: Expr, text: string) => steps.push({ rule, tex: `\\frac{d}{dx}\\left[${toTex(e)}\\right] = ${toTex(form)}`, text });
  const d = (u: Expr) => differentiate(u, steps);
  switch (e.kind) {
    case 'num':
    case 'const':
      return num(0);
    case 'x':
      return num(1);
    case 'd':
      throw new Error('cannot differentiate an unevaluated derivative');
    case 'neg':
      return { kind: 'neg', arg: d(e.arg) };
    case 'call': {
      const outer = OUTER[e.fn];
      const inner = e.arg.kind === 'x';
      record(inner ? outer.rule : `chain rule with ${outer.rule}`, inner ? outer.derivative(e.arg) : bin('*', outer.derivative(e.arg), D(e.arg)), inner ? `${outer.rule}.` : `Outer derivative ${outer.rule}, times the derivative of the inside.`);
      return bin('*', outer.derivative(e.arg), d(e.arg));
    }
    case 'bin': {
      const { op, left: u, right: v } = e;
      const uX = dependsOnX(u);
      const vX = dependsOnX(v);
      if (!uX && !vX) return num(0);
      if (op === '+' || op === '-') {
        if (uX && vX) record(op === '+' ? 'sum rule' : 'difference rule', bin(op, D(u), D(v)), 'Differentiate term by term.');
        return bin(op, d(u), d(v));
      }
      if (op === '*') {
        if (!uX || !vX) {
          record('constant multiple rule', uX ? bin('*', D(u), v) : bin('*', u, D(v)), 'A constant factor stays outside the derivative.');
          return uX ? bin('*', d(u), v) : bin('*', u, d(v));
        }
        record('product rule', bin('+', bin('*', D(u), v), bin('*', u, D(v))), '(uv)′ = u′v + uv′.');
        return bin('+', bin('*', d(u), v), bin('*', u, d(v)));
      }
      if (op === '/') {
        if (!vX) {
          record('constant multiple rule', bin('/', D(u), v), 'Dividing by a constant is multiplying by one.');
          return bin('/', d(u), v);
        }
        record('quotient rule', bin('/', bin('-', bin('*', D(u), v), bin('*', u, D(v))), bin('^', v, num(2))), '(u/v)′ = (u′v − uv′)/v².');
        return bin('/', bin('-', bin('*', d(u), v), bin('*', u, d(v))), bin('^', v, num(2)));
      }
      // op === '^'
      if (!vX) {
        const lowered = v.kind === 'num' ? num(v.value - 1) : bin('-', v, num(1));
        const form = bin('*', bin('*', v, bin('^', u, lowered)), D(u));
        record(u.kind === 'x' ? 'power rule' : 'power rule with the chain rule', form, '(uⁿ)′ = n·uⁿ⁻¹·u′ for a constant n.');
        return bin('*', bin('*', v, bin('^', u, lowered)), d(u));
      }
      if (!uX) {
        const isE = u.kind === 'const' && u.name === 'e';
        const factor = isE ? e : bin('*', e, call('log', u));
        record('exponential rule', bin('*', factor, D(v)), isE ? '(eᵛ)′ = eᵛ·v′.' : '(aᵛ)′ = aᵛ·ln a·v′ for a constant a > 0.');
        return bin('*', factor, d(v));
      }
      const form = bin('*', e, bin('+', bin('*', D(v), call('log', u)), bin('/', bin('*', v, D(u)), u)));
      record('logarithmic differentiation', form, 'uᵛ = e^{v ln u}, so (uᵛ)′ = uᵛ(v′ ln u + v u′/u), valid where u > 0.');
      return bin('*', e, bin('+', bin('*', d(v), call('log', u)), bin('/', bin('*', v, d(u)), u)));
    }
  }
}

/** Points where two forms of f′ are compared; chosen away from the usual singular points 0 and ±1. */
const PROBES = [-2.3, -0.7, 0.35, 1.9, 3.1];

function agreeNumerically(a: Expr, b: Expr): boolean {
  let compared = 0;
  for (const x of PROBES) {
    const va = evaluate(a, x);
    const vb = evaluate(b, x);
    if (!Number.isFinite(va) && !Number.isFinite(vb)) continue;
    if (!(Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va)))) return false;
    compared++;
  }
  return compared >= 3;
}

const CHECK_TEXT = {
  agrees: `mathjs.derivative, applied independently with σ(u) = 1/(1 + e^{−u}) and softplus(u) = ln(1 + eᵘ) written out, gives the same values at x = ${PROBES.join(', ')}.`,
  disagrees: 'Warning: mathjs.derivative gives different values at the probe points; please report this expression.',
  'not comparable': 'The independent check with mathjs could not compare values here (the expression is undefined at the probe points).',
};

export interface DeriveOptions {
  /**
   * Offer the result to mathjs's simplify and check it against mathjs's
   * derivative (default true). Off, the rules and tidying still run; used by
   * property tests, where mathjs's ~50 ms per call adds up.
   */
  mathjs?: boolean;
}

export function deriveExpression(text: string, options: DeriveOptions = {}): DerivativeResult {
  const useMathjs = options.mathjs ?? true;
  const f = parseExpression(text);
  const steps: RuleStep[] = [];
  const raw = differentiate(f, steps);
  if (!dependsOnX(f)) steps.push({ rule: 'constant rule', tex: `\\frac{d}{dx}\\left[${toTex(f)}\\right] = 0`, text: 'The expression does not depend on x.' });
  steps.push({ rule: 'assemble', tex: `f'(x) = ${toTex(raw)}`, text: 'Every rule applied, inner derivatives (d/dx x = 1, constants 0) substituted.' });

  let result = tidy(raw);
  if (toExpr(result) !== toExpr(raw)) steps.push({ rule: 'simplify', tex: `f'(x) = ${toTex(result)}`, text: 'Drop terms that are 0 and factors that are 1, fold numbers, collect repeated factors.' });
  const alternative = useMathjs ? mathjsSimplified(result) : null;
  if (alternative && nodeCount(alternative) < nodeCount(result) && sameConstants(alternative, result) && agreeNumerically(alternative, result)) {
    result = alternative;
    steps.push({ rule: 'simplify (mathjs)', tex: `f'(x) = ${toTex(result)}`, text: "mathjs's simplify found a shorter equivalent form (checked numerically at several points)." });
  }

  const mathjsCheck = useMathjs ? crossCheck(f, result) : 'skipped';
  if (mathjsCheck !== 'skipped') steps.push({ rule: 'check', tex: `f'(x) = ${toTex(result)}`, text: CHECK_TEXT[mathjsCheck] });
  const out: DerivativeResult = { expression: toExpr(f), derivative: toExpr(result), derivativeTex: toTex(result), steps, mathjsCheck };
  if (isSwish(f)) {
    out.inTermsOfFAndSigma = {
      tex: String.raw`f'(x) = \sigma(x) + \underbrace{x\,\sigma(x)}_{f(x)}\bigl(1 - \sigma(x)\bigr) = \sigma + f - f\sigma = f(x) + \sigma(x)\bigl(1 - f(x)\bigr)`,
      text: 'Since x·σ(x) = f(x), the term xσ(1 − σ) is f(1 − σ); so f′ = σ + f − fσ = f + σ(1 − f). The backward pass can reuse f and σ from the forward pass.',
    };
    steps.push({ rule: 'in terms of f and σ', tex: out.inTermsOfFAndSigma.tex, text: out.inTermsOfFAndSigma.text });
  }
  return out;
}

/** mathjs folds ln 2 into 0.6931…; a form that trades an exact constant for a decimal is not simpler. */
function sameConstants(candidate: Expr, original: Expr): boolean {
  const known = new Set(numbers(original));
  return numbers(candidate).every((v) => Number.isInteger(v) || known.has(v));
}

function numbers(e: Expr): number[] {
  if (e.kind === 'num') return [e.value];
  if (e.kind === 'bin') return [...numbers(e.left), ...numbers(e.right)];
  if (e.kind === 'neg' || e.kind === 'call' || e.kind === 'd') return numbers(e.arg);
  return [];
}

function isSwish(e: Expr): boolean {
  const s = toExpr(e);
  return s === 'x * sigmoid(x)' || s === 'sigmoid(x) * x';
}

/**
 * mathjs's simplify on our own printed output (never on user text), mapped
 * back through the same whitelist; null if it produced anything else.
 */
function mathjsSimplified(e: Expr): Expr | null {
  try {
    const math = loadMathjs();
    return tidy(fromMathjs(math.simplify(math.parse(toExpr(e)))));
  } catch {
    return null;
  }
}

/** Loaded on first use: mathjs takes seconds to load and only the derivative needs it. */
function loadMathjs(): typeof import('mathjs') {
  return require('mathjs');
}

/** σ and softplus written out in functions mathjs knows, for its independent derivative. */
function expandForMathjs(e: Expr): Expr {
  switch (e.kind) {
    case 'neg':
      return { kind: 'neg', arg: expandForMathjs(e.arg) };
    case 'bin':
      return bin(e.op, expandForMathjs(e.left), expandForMathjs(e.right));
    case 'call': {
      const u = expandForMathjs(e.arg);
      if (e.fn === 'sigmoid') return bin('/', num(1), bin('+', num(1), call('exp', { kind: 'neg', arg: u })));
      if (e.fn === 'softplus') return call('log', bin('+', num(1), call('exp', u)));
      return call(e.fn, u);
    }
    default:
      return e;
  }
}

function crossCheck(f: Expr, result: Expr): DerivativeResult['mathjsCheck'] {
  try {
    const math = loadMathjs();
    const compiled = math.derivative(toExpr(expandForMathjs(f)), 'x').compile();
    let compared = 0;
    for (const x of PROBES) {
      const theirs = Number(compiled.evaluate({ x }));
      const ours = evaluate(result, x);
      if (!Number.isFinite(theirs) || !Number.isFinite(ours)) continue;
      if (!(Math.abs(theirs - ours) <= 1e-9 * Math.max(1, Math.abs(ours)))) return 'disagrees';
      compared++;
    }
    return compared ? 'agrees' : 'not comparable';
  } catch {
    return 'not comparable';
  }
}

type MathNode = import('mathjs').MathNode;

function fromMathjs(n: MathNode): Expr {
  const node = n as MathNode & { fn?: unknown; op?: string; args?: MathNode[]; value?: unknown; name?: string; content?: MathNode };
  switch (node.type) {
    case 'ParenthesisNode':
      return fromMathjs(node.content!);
    case 'ConstantNode':
      if (typeof node.value !== 'number' || !Number.isFinite(node.value)) break;
      return node.value < 0 ? { kind: 'neg', arg: num(-node.value) } : num(node.value);
    case 'SymbolNode':
      if (node.name === 'x') return X;
      if (node.name === 'e' || node.name === 'pi') return { kind: 'const', name: node.name };
      break;
    case 'FunctionNode': {
      const name = (node.fn as { name?: string }).name ?? '';
      if ((FUNCTIONS as readonly string[]).includes(name) && node.args!.length === 1) return call(name as FunctionName, fromMathjs(node.args![0]));
      break;
    }
    case 'OperatorNode': {
      const args = node.args!.map(fromMathjs);
      if (node.fn === 'unaryMinus' && args.length === 1) return { kind: 'neg', arg: args[0] };
      if (node.fn === 'unaryPlus' && args.length === 1) return args[0];
      const op = node.op as '+' | '-' | '*' | '/' | '^';
      if (['+', '-', '*', '/', '^'].includes(op) && args.length >= 2) return args.slice(1).reduce((acc, a) => bin(op, acc, a), args[0]);
      break;
    }
  }
  throw new MdlError('unsupported', `mathjs produced a ${node.type} outside the whitelist`);
}

export { parseExpression, toExpr, toTex, evaluate } from './expr';
