/**
 * Row reduction over Q or Q(√d) with every row operation spelled out for the
 * student (R₂ ← R₂ − R₁), null spaces, and exact normalisation of vectors.
 * Over Q(√d) this gives exact eigenvectors for irrational eigenvalues.
 */
import { Rational, type RationalInput } from './rational';
import { QuadNumber } from './quadratic-field';
import { exactFrom, exactNeg, sqrtExact, toQuad, type ExactValue } from './exact-value';
import type { MatrixInput } from './matrix';

/** Field operations rref needs, so one elimination serves Q and Q(√d). */
interface Field<T> {
  from(x: RationalInput | QuadNumber): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  sign(a: T): -1 | 0 | 1;
  isOne(a: T): boolean;
  isInteger(a: T): boolean;
  /** A single term (no + or − inside), so it needs no parentheses as a coefficient in TeX. */
  isSingleTerm(a: T): boolean;
  tex(a: T): string;
  text(a: T): string;
}

const RATIONALS: Field<Rational> = {
  from: (x) => {
    if (x instanceof QuadNumber) {
      if (!x.isRational()) throw new RangeError('Irrational entry in a rational matrix');
      return x.a;
    }
    return Rational.from(x);
  },
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  sign: (a) => a.sign(),
  isOne: (a) => a.equals(1n),
  isInteger: (a) => a.isInteger(),
  isSingleTerm: () => true,
  tex: (a) => a.toTex(),
  text: (a) => a.toText(),
};

function quadraticField(d: bigint): Field<QuadNumber> {
  return {
    from: (x) => QuadNumber.lift(x, d),
    add: (a, b) => a.add(b),
    sub: (a, b) => a.sub(b),
    mul: (a, b) => a.mul(b),
    div: (a, b) => a.div(b),
    neg: (a) => a.neg(),
    sign: (a) => a.sign(),
    isOne: (a) => a.isOne(),
    isInteger: (a) => a.isRational() && a.a.isInteger(),
    isSingleTerm: (a) => a.isRational() || a.a.isZero(),
    tex: (a) => a.toTex(),
    text: (a) => a.toText(),
  };
}

export interface RowOperation<T> {
  kind: 'swap' | 'scale' | 'add';
  /** 0-based row changed by the operation. */
  target: number;
  /** 0-based other row (swap, add). */
  source?: number;
  /** scale: R_target ← factor·R_target; add: R_target ← R_target + factor·R_source. */
  factor?: T;
  /** `R₂ ← R₂ − R₁` */
  text: string;
  /** `R_{2} \leftarrow R_{2} - R_{1}` */
  tex: string;
  /** The matrix after this operation, for step-by-step display. */
  matrix: T[][];
}

export interface RrefResult<T> {
  rref: T[][];
  pivotColumns: number[];
  rank: number;
  operations: RowOperation<T>[];
  /** One basis vector per free column, with that free variable set to 1 and the others 0. */
  nullSpace: T[][];
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const rowText = (i: number) => 'R' + [...String(i + 1)].map((ch) => SUBSCRIPT[+ch]).join('');
const rowTex = (i: number) => `R_{${i + 1}}`;

/** Reduced row echelon form over Q, or over Q(√d) when any entry is a QuadNumber. */
export function rrefExact(m: MatrixInput<RationalInput>): RrefResult<Rational>;
export function rrefExact(m: MatrixInput<RationalInput | QuadNumber>): RrefResult<QuadNumber>;
export function rrefExact(m: MatrixInput<RationalInput | QuadNumber>): RrefResult<Rational> | RrefResult<QuadNumber> {
  const quads = m.flat().filter((x): x is QuadNumber => x instanceof QuadNumber);
  if (quads.length === 0) return rrefOver(RATIONALS, m);
  const d = quads.find((q) => !q.isRational())?.d ?? 1n;
  return rrefOver(quadraticField(d), m);
}

function rrefOver<T>(field: Field<T>, input: MatrixInput<RationalInput | QuadNumber>): RrefResult<T> {
  const cols = input[0]?.length ?? 0;
  if (input.some((row) => row.length !== cols)) throw new RangeError('Rows of different lengths');
  const a = input.map((row) => row.map((x) => field.from(x)));
  const ops: RowOperation<T>[] = [];
  const record = (op: Omit<RowOperation<T>, 'matrix'>) => ops.push({ ...op, matrix: a.map((row) => [...row]) });
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < cols && row < a.length; col++) {
    const pivotRow = a.findIndex((r, i) => i >= row && field.sign(r[col]) !== 0);
    if (pivotRow < 0) continue;
    if (pivotRow !== row) {
      [a[pivotRow], a[row]] = [a[row], a[pivotRow]];
      record({ kind: 'swap', target: row, source: pivotRow, text: `${rowText(row)} ↔ ${rowText(pivotRow)}`, tex: `${rowTex(row)} \\leftrightarrow ${rowTex(pivotRow)}` });
    }
    const pivot = a[row][col];
    if (!field.isOne(pivot)) {
      const factor = field.div(field.from(1n), pivot);
      a[row] = a[row].map((v) => field.mul(factor, v));
      const c = coefficient(field, factor);
      record({ kind: 'scale', target: row, factor, text: `${rowText(row)} ← ${c.text}${rowText(row)}`, tex: `${rowTex(row)} \\leftarrow ${c.tex}${rowTex(row)}` });
    }
    for (let i = 0; i < a.length; i++) {
      if (i === row || field.sign(a[i][col]) === 0) continue;
      const factor = field.neg(a[i][col]);
      a[i] = a[i].map((v, j) => field.add(v, field.mul(factor, a[row][j])));
      const negative = field.sign(factor) < 0;
      const c = coefficient(field, negative ? field.neg(factor) : factor);
      const [opText, opTex] = negative ? [' − ', ' - '] : [' + ', ' + '];
      record({
        kind: 'add',
        target: i,
        source: row,
        factor,
        text: `${rowText(i)} ← ${rowText(i)}${opText}${c.text}${rowText(row)}`,
        tex: `${rowTex(i)} \\leftarrow ${rowTex(i)}${opTex}${c.tex}${rowTex(row)}`,
      });
    }
    pivots.push(col);
    row++;
  }
  const free = Array.from({ length: cols }, (_, j) => j).filter((j) => !pivots.includes(j));
  const nullSpace = free.map((f) => {
    const v = Array.from({ length: cols }, (_, j) => field.from(j === f ? 1n : 0n));
    pivots.forEach((p, k) => (v[p] = field.neg(a[k][f])));
    return v;
  });
  return { rref: a, pivotColumns: pivots, rank: pivots.length, operations: ops, nullSpace };
}

/** How a factor reads in front of a row: '' for 1, '−' for −1, 3, (1/2), (√2)… */
function coefficient<T>(field: Field<T>, f: T): { text: string; tex: string } {
  const text = field.text(f);
  const tex = field.tex(f);
  if (text === '1') return { text: '', tex: '' };
  if (text === '\u22121') return { text: '\u2212', tex: '-' };
  if (field.isInteger(f)) return { text, tex };
  return { text: `(${text})`, tex: field.isSingleTerm(f) ? tex : `\\left(${tex}\\right)` };
}

/**
 * v/‖v‖ exactly. Rational vectors give student forms (1/√2, 2/√6); vectors over
 * Q(√d) whose norm does not denest give ±√(vᵢ²/‖v‖²) as nested radicals.
 */
export function normalizeVectorExact(v: readonly (RationalInput | QuadNumber)[]): ExactValue[] {
  const d = v.find((x): x is QuadNumber => x instanceof QuadNumber && !x.isRational())?.d ?? 1n;
  const q = v.map((x) => QuadNumber.lift(x, d));
  const normSquared = q.reduce((s, x) => s.add(x.mul(x)), QuadNumber.rational(0n, d));
  if (normSquared.isZero()) throw new RangeError('Cannot normalise the zero vector');
  const norm = toQuad(sqrtExact(normSquared));
  if (norm !== null && (norm.isRational() || d === 1n || norm.d === d)) return q.map((x) => exactFrom(x.div(norm)));
  return q.map((x) => {
    const magnitude = sqrtExact(x.mul(x).div(normSquared));
    return x.sign() < 0 ? exactNeg(magnitude) : magnitude;
  });
}
