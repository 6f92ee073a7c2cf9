/**
 * Check answer: compare the student's `expect` with a run's result.
 *
 * Expected strings are exact forms ("sqrt(3)", "(37+sqrt(565))/2") read by
 * the safe evaluator in scalars.ts. Numbers match within max(abs, rel·|x|)
 * (default rel 1e-6, abs 1e-9, or the problem's "tolerance"), and, unless a
 * tolerance is set, within half a unit of the last decimal written: 30.3849
 * is a correct λ₁ = 30.38486…. Eigenvectors, singular vectors and
 * projections match up to a global sign per vector, with a note. A wrong
 * value gets a message naming the slip behind it where one is recognised.
 */
import { evaluate, parseExpression } from '../activations/derivative';
import { recognize, toText } from '../exact';
import { ProblemContext } from './context';
import { expandDerivativeAnswer, expectEntries, splitKey } from './expect-fields';
import { parseScalarText, shortNumber } from './scalars';
import { adamVariants, derivativeSlip, scalarSlip, vectorSlip, type AdamVariants, type Near, type SlipId } from './slips';
import { LineIndex, pointer, rangeAt } from './source';
import { closest } from './suggest';
import type { JsonPath, LoadedProblem, ProblemDiagnostic, ProblemKind, SourceRange } from './types';
import { INPUT_READERS, readTolerance, type Tolerance } from './validate';
import type { OptimizeProblemInput } from './inputs-optim';

export interface AnswerCheck {
  /** The result value checked, e.g. "singularValues[0]", "final.theta[1]", "V[:,0]". */
  path: string;
  ok: boolean;
  /** What the student wrote, as written ("sqrt(3)", "0.5574", "[…]"). */
  expected: string;
  /** The computed value. */
  actual: unknown;
  /** "✓ σ₁ = √3 ≈ 1.7320508" or what is wrong and why. */
  message: string;
  /** Accepted with a remark, e.g. a flipped eigenvector sign. */
  note?: string;
  /** The classic slip recognised in a wrong answer. */
  slip?: SlipId;
  range: SourceRange;
}

type ResultPath = Array<string | number>;

/** Points where two derivative expressions are compared (avoiding 0, where many kinks sit). */
const SAMPLE_POINTS = [-3.1, -1.7, -0.6, 0.3, 1.1, 2.4, 4.2];

export function checkAnswers(problem: LoadedProblem, result: unknown): AnswerCheck[] {
  const kind = problem.kind;
  const entries = expectEntries(problem.spec);
  if (!kind || !entries.length) return [];
  // The prepared input gives slip rules the data (A, X, the objective); its diagnostics were reported at load.
  const ctx = new ProblemContext(new LineIndex(''), problem, []);
  const tolerance = readTolerance(ctx);
  const input = INPUT_READERS[kind](ctx);
  const checker = new AnswerChecker(problem, kind, result, input, tolerance);
  for (const e of entries) checker.compare(e.path, e.resultPath);
  return checker.checks;
}

/** Wrong answers as errors on the value; accepted-with-a-note as information. Correct ones need no diagnostic. */
export function answerDiagnostics(problem: LoadedProblem, checks: AnswerCheck[]): ProblemDiagnostic[] {
  return checks
    .filter((c) => !c.ok || c.note)
    .map((c) => ({ range: c.range, severity: c.ok ? 'info' : 'error', code: c.ok ? 'answer-note' : 'answer-wrong', message: c.ok ? c.note! : c.message, problemId: problem.id || undefined }));
}

class AnswerChecker {
  readonly checks: AnswerCheck[] = [];
  private variants: AdamVariants | null | undefined;

  constructor(
    private readonly problem: LoadedProblem,
    private readonly kind: ProblemKind,
    private readonly result: unknown,
    private readonly input: unknown,
    private readonly tol: Tolerance,
  ) {}

  compare(path: JsonPath, res: ResultPath): void {
    const expected = this.written(path);
    const actual = valueAt(this.result, res);
    const field = res.filter((p) => typeof p === 'string').join('.');
    if (actual === undefined) return this.missing(path, res);
    if (res.length === 1 && Array.isArray(expected)) {
      if (this.kind === 'svd' && (field === 'U' || field === 'V')) return this.columns(path, field, expected, actual as number[][]);
      if (this.kind === 'pca' && field === 'components') return this.components(path, expected, actual as number[][]);
      if (this.kind === 'pca' && field === 'projections') return this.projections(path, expected, actual as number[][]);
    }
    if (this.kind === 'derivative' && field === 'derivative' && typeof expected === 'string') return this.expression(path, expected, actual as string);
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) return this.fail(path, res, `${pathText(res)} is ${describe(actual)} in the result, not a list: write it as ${JSON.stringify(actual)}`);
      if (expected.length !== actual.length) return this.fail(path, res, `${pathText(res)} has ${actual.length} entries in the result; you wrote ${expected.length}`);
      return expected.forEach((_, i) => this.compare([...path, i], [...res, i]));
    }
    if (expected && typeof expected === 'object') {
      if (Array.isArray(actual)) return this.byName(path, res, expected as Record<string, unknown>, actual);
      return Object.keys(expected).forEach((key) => this.compare([...path, key], [...res, ...splitKey(key)]));
    }
    if (typeof actual === 'number') return this.scalar(path, res, actual);
    if (Array.isArray(actual)) return this.fail(path, res, `${pathText(res)} is a list of ${actual.length} in the result; write all of them: [${actual.map((x) => (typeof x === 'number' ? shortNumber(x, 6) : '…')).join(', ')}]`);
    const same = expected === actual || (typeof expected === 'string' && String(actual) === expected.trim());
    this.push(path, res, same, same ? `✓ ${pathText(res)} = ${String(actual)}` : `${pathText(res)}: expected ${String(actual)}, you wrote ${String(expected)}`, actual);
  }

  /** { "sgd": { "final": … } } against [{ "method": "sgd", … }]: match list entries by their name. */
  private byName(path: JsonPath, res: ResultPath, expected: Record<string, unknown>, actual: unknown[]): void {
    for (const key of Object.keys(expected)) {
      const index = actual.findIndex((a) => a && typeof a === 'object' && ((a as Record<string, unknown>).method === key || (a as Record<string, unknown>).optimizer === key));
      if (index < 0) {
        const names = actual.map((a) => String((a as Record<string, unknown>)?.method ?? (a as Record<string, unknown>)?.optimizer ?? '')).filter(Boolean);
        this.fail([...path, key], res, `The result has no "${key}" in ${pathText(res)}; it has ${names.join(', ') || `entries 0 to ${actual.length - 1}`}`);
      } else this.compare([...path, key], [...res, index]);
    }
  }

  private scalar(path: JsonPath, res: ResultPath, actual: number): void {
    const text = this.text(path);
    const parsed = parseScalarText(text);
    if (!parsed.ok) return this.fail(path, res, `${this.label(res)}: ${parsed.message}`);
    const near = this.near(text);
    if (near(parsed.value, actual)) return this.push(path, res, true, `✓ ${this.label(res)} = ${show(actual, this.radicands())}`, actual);
    const slip = scalarSlip(this.kind, res, parsed.value, this.result, this.input, loose(near), () => this.adam());
    const off = Math.abs(parsed.value - actual);
    const close = !slip && off <= 1e-2 * Math.max(1, Math.abs(actual)) ? ` (off by ${shortNumber(off, 2)}: more than the tolerance, ${this.toleranceText(text)})` : '';
    this.push(path, res, false, `${this.label(res)}: expected ${show(actual, this.radicands())}, you wrote ${text}${slip ? `: ${slip.text}` : close}`, actual, slip?.id);
  }

  /** U or V: column j of the student's matrix against column j of ours, up to sign. */
  private columns(path: JsonPath, field: 'U' | 'V', expected: unknown[], actual: number[][]): void {
    const rows = expected.length;
    if (!expected.every(Array.isArray) || rows !== actual.length) {
      return this.fail(path, [field], `${field} is ${actual.length}×${actual.length} (its columns are the ${field === 'U' ? 'uᵢ' : 'vᵢ'}); write it as ${actual.length} rows`);
    }
    const width = Math.min(...(expected as unknown[][]).map((r) => r.length));
    const student = Array.from({ length: width }, (_, j) => (expected as unknown[][]).map((r) => r[j]));
    const ours = Array.from({ length: width }, (_, j) => actual.map((r) => r[j]));
    const before = this.checks.length;
    this.vectors(field, student, ours, () => path, (j, i) => [...path, i, j]);
    // Wrong as columns but right as rows: the student wrote the transpose.
    const failed = this.checks.slice(before).filter((c) => !c.ok);
    const rowMatches = (j: number) => {
      const v = ours[j].map((_, i) => this.num([...path, j, i]));
      if (v.some((x) => x === undefined)) return false;
      const sign = ours[j].reduce((s, a, i) => s + a * v[i]!, 0) < 0 ? -1 : 1;
      return ours[j].every((a, i) => this.nearText([...path, j, i])(v[i]!, sign * a));
    };
    if (failed.length && rows === width && ours.every((_, j) => rowMatches(j))) {
      for (const c of failed) {
        c.slip = 'transposed';
        c.message = `${c.message.split(':')[0]}: your rows are the ${field === 'U' ? 'uᵢ' : 'vᵢ'}, so you wrote ${field}ᵀ; ${field} holds them as columns`;
      }
    }
  }

  /** The principal axes eⱼ, one per row (or one flat vector for e₁), each up to sign. */
  private components(path: JsonPath, expected: unknown[], actual: number[][]): void {
    const flat = !Array.isArray(expected[0]);
    const student = flat ? [expected] : (expected as unknown[][]);
    this.vectors('components', student, actual, (j) => (flat ? path : [...path, j]), (j, i) => (flat ? [...path, i] : [...path, j, i]));
  }

  private projections(path: JsonPath, expected: unknown[], actual: number[][]): void {
    const flat = !Array.isArray(expected[0]);
    const k = actual[0]?.length ?? 0;
    const student = flat ? [expected] : Array.from({ length: Math.min(k, (expected[0] as unknown[]).length) }, (_, j) => (expected as unknown[][]).map((r) => r[j]));
    const ours = student.map((_, j) => actual.map((r) => r[j]));
    if (student[0].length !== actual.length) return this.fail(path, ['projections'], `There are ${actual.length} samples, so ${actual.length} scores per component; you wrote ${student[0].length}`);
    this.vectors('projections', student, ours, () => path, (j, i) => (flat ? [...path, i] : [...path, i, j]));
  }

  /** Vectors that are defined up to sign (and, for a repeated singular value, up to a rotation in its space). */
  private vectors(field: string, student: unknown[][], ours: number[][], whole: (j: number) => JsonPath, cell: (j: number, i: number) => JsonPath): void {
    student.forEach((col, j) => {
      const label = field === 'projections' ? `PC${j + 1} scores` : field === 'components' ? `e${sub(j + 1)}` : `${field === 'U' ? 'u' : 'v'}${sub(j + 1)} (column ${j + 1} of ${field})`;
      const res = [field === 'components' ? `${field}[${j}]` : `${field}[:,${j}]`];
      const a = ours[j];
      if (!a) return this.fail(whole(j), res, `${label}: the result has only ${ours.length} of these`);
      if (col.length !== a.length) return this.fail(whole(j), res, `${label} has ${a.length} entries; you wrote ${col.length}`);
      const values = col.map((_, i) => this.num(cell(j, i)));
      const bad = values.findIndex((x) => x === undefined);
      if (bad >= 0) return this.fail(cell(j, bad), res, `${label}: entry ${bad + 1} is not a number`);
      const v = values as number[];
      const nears = v.map((_, i) => this.nearText(cell(j, i)));
      const repeated = this.kind === 'svd' ? this.sameSingularValue(j, ours.length) : [j];
      if (repeated.length > 1) return this.inSpan(whole(j), res, label, v, repeated.map((k) => ours[k]).filter(Boolean), nears);
      const sign = v.reduce((s, x, i) => s + x * a[i], 0) < 0 ? -1 : 1;
      const wrong = v.findIndex((x, i) => !nears[i](x, sign * a[i]));
      if (wrong < 0) {
        const note = sign < 0 ? `${label}: correct up to sign (yours is −1 × ours). ${SIGN_NOTE[field] ?? ''}`.trim() : undefined;
        return this.push(whole(j), res, true, `✓ ${label} = ${vectorText(a)}${note ? ' (up to sign)' : ''}`, a, undefined, note);
      }
      const slip = vectorSlip(this.kind, field, j, v, a, this.result, this.input, loose(nears[0]));
      const entry = field === 'projections' ? `sample ${wrong + 1}` : `entry ${wrong + 1}`;
      this.push(cell(j, wrong), res, false, `${label}, ${entry}: expected ${show(sign * a[wrong])} (the vector is ${vectorText(a)}, up to sign), you wrote ${this.text(cell(j, wrong))}${slip ? `: ${slip.text}` : ''}`, a, slip?.id);
    });
  }

  /** Columns whose singular value equals column j's: any orthonormal basis of their span is right. */
  private sameSingularValue(j: number, count: number): number[] {
    const r = this.result as { singularValues: number[]; rank: number };
    const sigma = (k: number) => (k < r.rank ? r.singularValues[k] : 0);
    const scale = Math.max(1e-300, r.singularValues[0] ?? 1);
    return Array.from({ length: count }, (_, k) => k).filter((k) => Math.abs(sigma(k) - sigma(j)) <= 1e-10 * scale);
  }

  private inSpan(path: JsonPath, res: ResultPath, label: string, v: number[], basis: number[][], nears: Near[]): void {
    const projected = basis.reduce((p, b) => {
      const c = b.reduce((s, x, i) => s + x * v[i], 0);
      return p.map((x, i) => x + c * b[i]);
    }, new Array<number>(v.length).fill(0));
    const ok = projected.every((x, i) => nears[i](x, v[i])) && nears[0](Math.hypot(...v), 1);
    const note = 'Its singular value repeats, so any orthonormal basis of that space is correct; yours lies in it.';
    if (ok) this.push(path, res, true, `✓ ${label} lies in the right space and has length 1`, v, undefined, note);
    else this.push(path, res, false, `${label}: not a unit vector in the space of its (repeated) singular value`, v);
  }

  /** The student's f′ against ours, numerically at sample points. */
  private expression(path: JsonPath, written: string, actual: string): void {
    const expression = String((this.result as { expression?: string }).expression ?? this.problem.spec.expression ?? 'x');
    let mine: (x: number) => number;
    let theirs: (x: number) => number;
    try {
      const t = parseExpression(expandDerivativeAnswer(written, expression));
      const m = parseExpression(actual);
      theirs = (x) => evaluate(t, x);
      mine = (x) => evaluate(m, x);
    } catch (e) {
      return this.fail(path, ['derivative'], `Your derivative does not parse: ${(e as Error).message}`);
    }
    const near = this.nearWith(0);
    const differs = SAMPLE_POINTS.find((x) => Number.isFinite(mine(x)) && !near(theirs(x), mine(x)));
    if (differs === undefined) return this.push(path, ['derivative'], true, `✓ f′(x) = ${actual} (equal at ${SAMPLE_POINTS.length} sample points)`, actual);
    const slip = derivativeSlip(expression, theirs, SAMPLE_POINTS, loose(near));
    this.push(path, ['derivative'], false, `f′: at x = ${differs} yours gives ${shortNumber(theirs(differs), 6)}, the derivative ${actual} gives ${shortNumber(mine(differs), 6)}${slip ? `: ${slip.text}` : ''}`, actual, slip?.id);
  }

  private missing(path: JsonPath, res: ResultPath): void {
    const parent = valueAt(this.result, res.slice(0, -1));
    const last = res[res.length - 1];
    let hint = '';
    if (Array.isArray(parent)) hint = ` it has ${parent.length} entries (0 to ${parent.length - 1})`;
    else if (parent && typeof parent === 'object') {
      const keys = Object.keys(parent);
      const guess = typeof last === 'string' ? closest(last, keys) : null;
      hint = guess ? ` did you mean "${guess}"?` : ` its fields are ${keys.join(', ')}`;
    }
    this.fail(path, res, `The result has no ${pathText(res)};${hint}`);
  }

  private fail(path: JsonPath, res: ResultPath, message: string): void {
    this.push(path, res, false, message, undefined);
  }

  private push(path: JsonPath, res: ResultPath, ok: boolean, message: string, actual: unknown, slip?: SlipId, note?: string): void {
    const range = rangeAt(this.problem.ranges, path);
    const check: AnswerCheck = { path: pathText(res), ok, expected: this.text(path), actual: actual ?? null, message, range };
    // Only present keys: the checks go out as JSON and must survive a round trip unchanged.
    if (note) check.note = note;
    if (slip) check.slip = slip;
    this.checks.push(check);
  }

  /* ---------- reading what the student wrote ---------- */

  private written(path: JsonPath): unknown {
    return path.reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[p] : undefined), this.problem.spec);
  }

  /** The value as typed: the raw literal for numbers (so 0.50 keeps its two decimals). */
  private text(path: JsonPath): string {
    const v = this.written(path);
    if (typeof v === 'number') return this.problem.raw[pointer(path)] ?? String(v);
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  }

  private num(path: JsonPath): number | undefined {
    const p = parseScalarText(this.text(path));
    return p.ok ? p.value : undefined;
  }

  private nearText(path: JsonPath): Near {
    return this.near(this.text(path));
  }

  private near(text: string): Near {
    return this.nearWith(this.tol.explicit ? 0 : decimalsWritten(text));
  }

  /** |v − x| ≤ max(abs, rel·|x|, half a unit in the last decimal written). */
  private nearWith(decimals: number): Near {
    const rounding = decimals > 0 ? 0.5 * 10 ** -decimals * (1 + 1e-9) : 0;
    return (v, x) => Math.abs(v - x) <= Math.max(this.tol.abs, this.tol.rel * Math.abs(x), rounding);
  }

  private toleranceText(text: string): string {
    const d = this.tol.explicit ? 0 : decimalsWritten(text);
    return `rel ${this.tol.rel}, abs ${this.tol.abs}${d > 0 ? `, or ±${0.5 * 10 ** -d} for the ${d} decimal${d > 1 ? 's' : ''} you wrote` : ''}`;
  }

  private label(res: ResultPath): string {
    const field = res.filter((p) => typeof p === 'string').join('.');
    const i = typeof res[res.length - 1] === 'number' ? (res[res.length - 1] as number) : -1;
    if (i >= 0 && this.kind === 'svd' && field === 'singularValues') return `σ${sub(i + 1)}`;
    if (i >= 0 && this.kind === 'pca' && field === 'eigenvalues') return `λ${sub(i + 1)}`;
    return pathText(res);
  }

  /** Square-free parts of a 2×2 covariance's discriminant, so (37 + √565)/2 is shown exactly. */
  private radicands(): number[] {
    const c = (this.result as { covariance?: number[][] }).covariance;
    if (this.kind !== 'pca' || !c || c.length !== 2) return [];
    const D = (c[0][0] - c[1][1]) ** 2 + 4 * c[0][1] ** 2;
    const r = Math.round(D);
    if (Math.abs(D - r) > 1e-9 * Math.max(1, D) || r <= 1 || r > 1e9) return [];
    let free = r;
    for (let p = 2; p * p <= free; p++) while (free % (p * p) === 0) free /= p * p;
    return free > 1 ? [free] : [];
  }

  private adam(): AdamVariants | null {
    if (this.variants === undefined) this.variants = adamVariants(this.input as OptimizeProblemInput | undefined);
    return this.variants;
  }
}

const SIGN_NOTE: Record<string, string> = {
  U: 'Singular vectors are unique only up to sign (flip uᵢ and vᵢ together); we make the last significant entry of each vᵢ positive.',
  V: 'Singular vectors are unique only up to sign (flip uᵢ and vᵢ together); we make the last significant entry of each vᵢ positive.',
  components: 'Eigenvector signs are arbitrary; we make each component’s largest entry positive, as scikit-learn does.',
  projections: 'Eigenvector signs are arbitrary and flipping e₁ flips every score; we make each component’s largest entry positive, as scikit-learn does (the assignment’s e₁ = (0.5574, −0.8303) is −1 × ours).',
};

/**
 * Naming a slip only explains an answer already found wrong, so it may be
 * looser than correctness: a student who works Adam by hand drops ε, and one
 * who normalises a rounded eigenvector carries its rounding.
 */
function loose(near: Near): Near {
  return (v, x) => near(v, x) || Math.abs(v - x) <= Math.max(1e-6, 1e-4 * Math.abs(x));
}

/** Decimal places in a plain decimal literal ("30.3849" → 4); 0 for integers and exact forms. */
export function decimalsWritten(text: string): number {
  const m = /^\s*[+\-−]?\d*\.(\d+)\s*$/.exec(text);
  return m ? m[1].length : 0;
}

/** "√3 ≈ 1.7320508" when a closed form is recognised, else the number to 8 significant digits. */
export function show(x: number, radicands: number[] = []): string {
  const decimal = minus(shortNumber(x, 8));
  // A value with a short decimal (0.5, −11, 8.5) is clearest as that decimal.
  if (Number(x.toPrecision(8)) === Number(x.toPrecision(7))) return decimal;
  const exact = recognize(x, { radicands });
  const text = exact ? toText(exact) : null;
  return text && text !== decimal ? `${text} ≈ ${decimal}` : decimal;
}

/** Typographic minus, as the exact forms print it. */
const minus = (s: string) => s.replace(/^-/, '−');

function vectorText(v: number[]): string {
  return `(${v.map((x) => minus(shortNumber(x, 5))).join(', ')})`;
}

function valueAt(o: unknown, path: ResultPath): unknown {
  return path.reduce<unknown>((v, p) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined), o);
}

/** "final.theta[1]". */
function pathText(res: ResultPath): string {
  return res.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 || String(p).startsWith('[') ? p : `.${p}`)).join('');
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v && typeof v === 'object' ? 'an object' : typeof v === 'number' ? `the number ${shortNumber(v, 6)}` : String(v);
}

const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
