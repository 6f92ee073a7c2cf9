/**
 * Light algebraic tidying of derivative expressions: drop 0 terms and 1
 * factors, fold numbers, collect repeated factors into powers, move 1/v
 * factors into a denominator, and keep products and sums left-associated
 * so that printing and parsing back gives the same tree. It never expands
 * a product, so σ(x)(1 − σ(x)) stays recognisable as σ′.
 */
import { toExpr, type Expr } from './expr';

const num = (value: number): Expr => ({ kind: 'num', value: clean(value) });
const isNum = (e: Expr, v?: number) => e.kind === 'num' && (v === undefined || e.value === v);
/** Rounding noise off folded constants: 0.1·3 prints as 0.3, not 0.30000000000000004. */
const clean = (v: number) => Number(v.toPrecision(14));

export function tidy(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
    case 'x':
    case 'const':
      return e;
    case 'd':
      return { kind: 'd', arg: tidy(e.arg) };
    case 'call':
      return { kind: 'call', fn: e.fn, arg: tidy(e.arg) };
    case 'neg': {
      const arg = tidy(e.arg);
      return arg.kind === 'bin' && (arg.op === '*' || arg.op === '/') ? product([{ kind: 'neg', arg }], []) : negate(arg);
    }
    case 'bin': {
      const a = tidy(e.left);
      const b = tidy(e.right);
      if (e.op === '+' || e.op === '-') return sum([{ sign: 1, e: a }, { sign: e.op === '+' ? 1 : -1, e: b }]);
      if (e.op === '*') return product([a, b], []);
      if (e.op === '/') return product([a], [b]);
      return power(a, b);
    }
  }
}

function negate(e: Expr): Expr {
  if (e.kind === 'num') return num(-e.value);
  if (e.kind === 'neg') return e.arg;
  return { kind: 'neg', arg: e };
}

interface Term {
  sign: 1 | -1;
  e: Expr;
}

function sum(parts: Term[]): Expr {
  const terms: Array<{ coefficient: number; key: string; e: Expr }> = [];
  let constant = 0;
  const add = (sign: number, e: Expr) => {
    if (e.kind === 'bin' && (e.op === '+' || e.op === '-')) {
      add(sign, e.left);
      add(e.op === '+' ? sign : -sign, e.right);
      return;
    }
    const [c, rest] = splitCoefficient(e);
    if (!rest) constant += sign * c;
    else {
      // Like terms: 2x + x → 3x.
      const key = toExpr(rest);
      const seen = terms.find((t) => t.key === key);
      if (seen) seen.coefficient += sign * c;
      else terms.push({ coefficient: sign * c, key, e: rest });
    }
  };
  parts.forEach((t) => add(t.sign, t.e));
  const kept = terms.filter((t) => t.coefficient !== 0).map((t) => ({ sign: Math.sign(t.coefficient), e: Math.abs(t.coefficient) === 1 ? t.e : product([num(Math.abs(t.coefficient)), t.e], []) }));
  constant = clean(constant);
  // A positive constant leads when the first term is negative (1 − σ reads better than −σ + 1).
  if (constant !== 0) {
    if (constant > 0 && kept.length && kept[0].sign < 0) kept.unshift({ sign: 1, e: num(constant) });
    else kept.push({ sign: Math.sign(constant), e: num(Math.abs(constant)) });
  }
  if (!kept.length) return num(0);
  let out: Expr = kept[0].sign > 0 ? kept[0].e : product([{ kind: 'neg', arg: kept[0].e }], []);
  for (const t of kept.slice(1)) out = { kind: 'bin', op: t.sign > 0 ? '+' : '-', left: out, right: t.e };
  return out;
}

/** 3·x·y → [3, x·y]; −x → [−1, x]; 5 → [5, null]. */
function splitCoefficient(e: Expr): [number, Expr | null] {
  if (e.kind === 'num') return [e.value, null];
  if (e.kind === 'neg') {
    const [c, rest] = splitCoefficient(e.arg);
    return [-c, rest];
  }
  if (e.kind === 'bin' && (e.op === '*' || e.op === '/')) {
    const [c, left] = splitCoefficient(e.left);
    if (c !== 1 || !left) return [c, left ? { kind: 'bin', op: e.op, left, right: e.right } : e.op === '*' ? e.right : { kind: 'bin', op: '/', left: num(1), right: e.right }];
  }
  return [1, e];
}

/** numerator factors / denominator factors, flattened, with numbers folded and equal bases collected. */
function product(top: Expr[], bottom: Expr[]): Expr {
  let coefficient = 1;
  const up: Expr[] = [];
  const down: Expr[] = [];
  const place = (e: Expr, above: boolean) => {
    if (e.kind === 'num') coefficient = above ? coefficient * e.value : coefficient / e.value;
    else if (e.kind === 'neg') {
      coefficient = -coefficient;
      place(e.arg, above);
    } else if (e.kind === 'bin' && e.op === '*') {
      place(e.left, above);
      place(e.right, above);
    } else if (e.kind === 'bin' && e.op === '/') {
      place(e.left, above);
      place(e.right, !above);
    } else (above ? up : down).push(e);
  };
  top.forEach((e) => place(e, true));
  bottom.forEach((e) => place(e, false));
  if (coefficient === 0) return num(0);
  if (!Number.isFinite(coefficient)) return { kind: 'bin', op: '/', left: rebuild(top), right: rebuild(bottom) }; // x/0: leave as written
  // x/2 rather than 0.5·x, and 1/3 as a fraction rather than 0.333….
  let denominatorNumber = 1;
  const inverse = Math.abs(clean(1 / coefficient));
  if (!Number.isInteger(coefficient) && (Number.isInteger(inverse) || (String(clean(coefficient)).length > 8 && String(inverse).length <= 8))) {
    denominatorNumber = inverse;
    coefficient = Math.sign(coefficient);
  }
  const upper = collect(up);
  const lower = collect(down);
  // The sign goes on the leading number, or on the first factor: −2·x, −x·y, −x/(1 + x²).
  const lead = Math.abs(coefficient) !== 1 || !upper.length ? [num(coefficient), ...upper] : coefficient < 0 ? [negate(upper[0]), ...upper.slice(1)] : upper;
  const numerator = leftAssociate(chain(lead)!);
  const den = chain(denominatorNumber === 1 ? lower : [num(denominatorNumber), ...lower]);
  return den ? { kind: 'bin', op: '/', left: numerator, right: den } : numerator;
}

function rebuild(es: Expr[]): Expr {
  return chain(es) ?? num(1);
}

function chain(es: Expr[]): Expr | null {
  if (!es.length) return null;
  return es.slice(1).reduce<Expr>((acc, e) => ({ kind: 'bin', op: '*', left: acc, right: e }), es[0]);
}

/** (a·(b·c)) → ((a·b)·c), so the printed form parses back to the same tree. */
function leftAssociate(e: Expr): Expr {
  if (e.kind !== 'bin' || e.op !== '*' || e.right.kind !== 'bin' || e.right.op !== '*') return e;
  return leftAssociate({ kind: 'bin', op: '*', left: { kind: 'bin', op: '*', left: e.left, right: e.right.left }, right: e.right.right });
}

/** x·x → x², x·x² → x³; bases compared by their printed form, order of first appearance kept. */
function collect(factors: Expr[]): Expr[] {
  const bases: Array<{ key: string; base: Expr; exponent: number }> = [];
  for (const f of factors) {
    const [base, exponent] = f.kind === 'bin' && f.op === '^' && f.right.kind === 'num' ? [f.left, f.right.value] : [f, 1];
    const key = toExpr(base);
    const seen = bases.find((b) => b.key === key);
    if (seen) seen.exponent += exponent;
    else bases.push({ key, base, exponent });
  }
  return bases.filter((b) => b.exponent !== 0).map((b) => (b.exponent === 1 ? b.base : power(b.base, num(b.exponent))));
}

function power(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return num(1);
  if (isNum(b, 1)) return a;
  if (isNum(a, 1)) return num(1);
  if (a.kind === 'num' && b.kind === 'num') {
    const v = Math.pow(a.value, b.value);
    if (Number.isInteger(v) && Math.abs(v) < 1e6) return num(v);
  }
  return { kind: 'bin', op: '^', left: a, right: b };
}
