/**
 * The eigen-analysis of the Gram matrix in exact arithmetic when A is
 * rational: the characteristic polynomial over Q, its roots as closed forms
 * (rational or (a ± b√d)/c), and each null space by exact row reduction over
 * Q or Q(√d). Roots without a closed form (irreducible cubics and beyond) and
 * irrational inputs take the numeric route with the same steps.
 */
import type { NumberDisplay } from '../display';
import {
  QuadNumber,
  Rational,
  characteristicPolynomial,
  matrixMultiply,
  polynomialToTex,
  polynomialToText,
  rrefExact,
  solvePolynomialExact,
  subtractScalar,
  toRationalMatrix,
  toTex,
  toText,
  transpose,
  type ExactValue,
  type RationalLike,
} from '../exact';
import { analyseGramNumeric, shiftedTex, type Eigenvalue, type GramAnalysis, type NullSpaceWorking } from './eigenSteps';
import { matMul, transposeRows } from './vectors';

const GRAM_TEX = { right: 'A^{\\mathsf T}A', left: 'AA^{\\mathsf T}' } as const;

export function analyseGram(A: number[][], rational: RationalLike[][] | null, side: 'right' | 'left', display: NumberDisplay): GramAnalysis {
  const At = transposeRows(A);
  const G = side === 'right' ? matMul(At, A) : matMul(A, At);
  let Gq: Rational[][] | null = null;
  if (rational) {
    const Aq = toRationalMatrix(rational);
    Gq = side === 'right' ? matrixMultiply(transpose(Aq), Aq) : matrixMultiply(Aq, transpose(Aq));
  }
  return analyseSymmetric(G, Gq, GRAM_TEX[side], display);
}

/**
 * Eigen-analysis of any symmetric matrix shown as `nameTex` (AᵀA, a
 * covariance matrix C, …): exact when `exact` is given, numeric otherwise.
 */
export function analyseSymmetric(G: number[][], exact: Rational[][] | null, nameTex: string, display: NumberDisplay): GramAnalysis {
  const numeric = analyseGramNumeric(G, nameTex, display);
  if (!exact) return numeric;
  try {
    return analyseExact(exact, nameTex, display, numeric);
  } catch {
    // Exact arithmetic is a nicety: any surprise (huge denominators, degree limits) falls back to decimals.
    return numeric;
  }
}

type Root = { value: number; exact: ExactValue | null; multiplicity: number };

function analyseExact(Gq: Rational[][], gramTex: string, display: NumberDisplay, numeric: GramAnalysis): GramAnalysis {
  const n = Gq.length;
  const coeffs = characteristicPolynomial(Gq);
  const solution = solvePolynomialExact(coeffs);
  const roots: Root[] = solution.roots.map((r) => ({ ...r, value: Math.max(0, r.value) }));
  if (roots.reduce((s, r) => s + r.multiplicity, 0) !== n) return numeric;

  const polyTex = polynomialToTex(coeffs);
  const G = Gq.map((row) => row.map((x) => x.toNumber()));
  const charPolyLines = [`\\det(${gramTex} - \\lambda I) = ${shiftedTex(G, display, 'vmatrix')}`];
  if (n === 2) {
    const [[a, b], [c, d]] = Gq;
    charPolyLines.push(`= (${a.toTex()} - \\lambda)(${d.toTex()} - \\lambda) - (${b.toTex()})(${c.toTex()})`);
  }
  charPolyLines.push(`= ${n % 2 === 0 ? polyTex : `-(${polyTex})`}`);

  const radicands = roots.flatMap((r) => (r.exact?.kind === 'quadratic' ? [Number(r.exact.quad.d)] : []));
  const eigenvalues: Eigenvalue[] = roots.map((r) => ({
    value: r.value,
    multiplicity: r.multiplicity,
    tex: r.exact ? toTex(r.exact) : display.decimal(r.value, 'tex'),
    text: r.exact ? toText(r.exact) : display.decimal(r.value),
  }));

  const factored = solution.factoredTex && solution.factoredTex !== polyTex ? ` = ${solution.factoredTex}` : '';
  const rootsLines = [`${polyTex}${factored} = 0`];
  if (n === 2 && radicands.length) {
    const [, b, c] = coeffs;
    const disc = b.mul(b).sub(c.mul(4));
    const bSquared = b.sign() < 0 || !b.isInteger() ? `\\left(${b.toTex()}\\right)^2` : `${b.toTex()}^2`;
    rootsLines.push(`\\lambda = \\frac{${b.neg().toTex()} \\pm \\sqrt{${bSquared} - 4 \\cdot ${c.toTex()}}}{2} = \\frac{${b.neg().toTex()} \\pm \\sqrt{${disc.toTex()}}}{2}`);
  }
  rootsLines.push(
    eigenvalues
      .map((e, i) => `\\lambda_{${i + 1}} = ${e.tex}${roots[i].exact && roots[i].exact!.kind !== 'rational' ? ` \\approx ${display.decimal(e.value, 'tex')}` : ''}`)
      .join(',\\quad '),
  );

  return {
    charPolyLines,
    charPolyText: `Setting it to zero gives the characteristic polynomial ${polynomialToText(coeffs)} = 0 (exact arithmetic: the entries are rational).`,
    rootsLines,
    eigenvalues,
    radicands,
    exact: true,
    nullSpace(index) {
      const root = roots[index];
      const working = root.exact ? exactNullSpace(Gq, root, eigenvalues[index], gramTex) : null;
      return working && working.basis.length === root.multiplicity ? working : numeric.nullSpace(numericIndex(numeric, root.value));
    },
  };
}

function exactNullSpace(Gq: Rational[][], root: Root, ev: Eigenvalue, gramTex: string): NullSpaceWorking | null {
  const e = root.exact!;
  const lambda = e.kind === 'rational' ? e.rational : e.kind === 'quadratic' ? e.quad : null;
  if (!lambda) return null;
  const shifted = lambda instanceof QuadNumber ? subtractScalar(Gq, lambda) : Gq.map((row, i) => row.map((x, j) => (i === j ? x.sub(lambda) : x)));
  const result = rrefExact(shifted as Array<Array<Rational | QuadNumber>>);
  const matTex = (M: Array<Array<{ toTex(): string }>>) => `\\begin{bmatrix} ${M.map((r) => r.map((x) => x.toTex()).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
  const basis = result.nullSpace.map((v) => v.map((x) => x.toNumber()));
  const ops = result.operations.map((op) => op.text);
  const free = result.nullSpace.length;
  return {
    lines: [
      `(${gramTex} - ${scalarTimesI(ev.tex)})\\,w = ${matTex(shifted)} w = 0`,
      `\\xrightarrow{\\text{RREF}} ${matTex(result.rref)} w = 0`,
      `\\Rightarrow w = ${result.nullSpace.map((v) => matTex(v.map((x) => [x]))).join(',\\ ')}`,
    ],
    text:
      (ops.length ? `Row-reduce exactly (${ops.slice(0, 6).join(', ')}${ops.length > 6 ? ', …' : ''}). ` : '') +
      `The reduced matrix has ${result.rank} pivot${result.rank === 1 ? '' : 's'}, so ${free} free variable${free === 1 ? '' : 's'}; setting ${free === 1 ? 'it' : 'each in turn'} to 1 gives the null-space basis w.`,
    basis,
  };
}

/** λI with λ in parentheses when it is a sum: (15 + √221)I; plain I for λ = 1. */
function scalarTimesI(tex: string): string {
  if (tex === '1') return 'I';
  return /.[+-]/.test(tex.replace(/\\frac\{[^}]*\}\{[^}]*\}/g, 'F')) ? `\\left(${tex}\\right) I` : `${tex}\\,I`;
}

/** Index of the numeric route's eigenvalue closest to `value`. */
function numericIndex(numeric: GramAnalysis, value: number): number {
  let best = 0;
  numeric.eigenvalues.forEach((e, i) => {
    if (Math.abs(e.value - value) < Math.abs(numeric.eigenvalues[best].value - value)) best = i;
  });
  return best;
}
