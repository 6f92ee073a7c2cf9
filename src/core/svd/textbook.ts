/**
 * The SVD the way a careful student writes it by hand, for small matrices:
 * Gram matrix → characteristic polynomial → eigenvalues → σ = √λ → null
 * spaces → partner vectors → Gram–Schmidt completion → assemble → verify.
 *
 * Sign convention (documented in the README): each vᵢ is scaled so that its
 * last significant entry is positive, uᵢ = Avᵢ/σᵢ follows from it, and the
 * completion vectors (null-space columns) have their last significant entry
 * positive too. For A = [[1,1],[1,0],[0,1]] this gives exactly the errata's
 * v₁ = (1,1)/√2, v₂ = (−1,1)/√2, u₃ = (−1,1,1)/√3.
 */
import type { Step } from '../derivation';
import type { NumberDisplay } from '../display';
import type { GramAnalysis } from './eigenSteps';
import { aligned, gathered } from '../tex';
import { canonical, dot, lastSignificantSign, matMul, matVec, norm, scale, sub, sub_, transposeRows, unit } from './vectors';

export type GramSide = 'right' | 'left';

export interface TextbookInput {
  A: number[][];
  display: NumberDisplay;
  analysis: GramAnalysis;
  side: GramSide;
  /**
   * The numerical rank from the accurate SVD (numpy's tolerance max(m, n)·ε·σ₁). Given, it decides
   * which σᵢ count as zero, so the derivation and the reported rank agree.
   */
  rank?: number;
}

export interface TextbookOutput {
  steps: Step[];
  /** m×m and n×n, as columns-in-rows matrices (U[i][j] = entry i of uⱼ). */
  U: number[][];
  V: number[][];
  sigma: number[];
  rank: number;
}

const T = '^{\\mathsf T}';

export function textbookSvd({ A, display, analysis, side, rank: knownRank }: TextbookInput): TextbookOutput {
  const m = A.length;
  const n = A[0].length;
  const p = Math.min(m, n);
  const At = transposeRows(A);
  // The Gram side's eigenvectors are "e" vectors; the partners are "o" vectors.
  const e = side === 'right' ? 'v' : 'u';
  const o = side === 'right' ? 'u' : 'v';
  const gramTex = side === 'right' ? `A${T}A` : `AA${T}`;
  const gramText = side === 'right' ? 'AᵀA' : 'AAᵀ';
  const G = side === 'right' ? matMul(At, A) : matMul(A, At);
  const toOther = side === 'right' ? A : At; // o = (toOther · e)/σ
  const scaleA = Math.max(...A.flat().map(Math.abs), 0);
  const steps: Step[] = [];

  // --- 1. Shapes -----------------------------------------------------------
  steps.push({
    id: 'setup',
    title: 'The matrix and the shapes of U, Σ, V',
    tex: gathered([
      `A = ${display.matrixTex(A)} \\in \\mathbb{R}^{${m}\\times ${n}}`,
      `U \\in \\mathbb{R}^{${m}\\times ${m}},\\quad \\Sigma \\in \\mathbb{R}^{${m}\\times ${n}},\\quad V \\in \\mathbb{R}^{${n}\\times ${n}}`,
    ]),
    text:
      `A has m = ${m} rows and n = ${n} columns. In A = UΣVᵀ, U is ${m}×${m} and orthogonal, Σ is ${m}×${n} with the singular values on its diagonal, and V is ${n}×${n} and orthogonal. ` +
      `We take the eigenvalues of ${gramText} (${G.length}×${G.length}), the smaller of AᵀA and AAᵀ: the two have the same non-zero eigenvalues, and those are the squares of the singular values.`,
  });

  // --- 2. Gram matrix --------------------------------------------------------
  const [left, right] = side === 'right' ? [At, A] : [A, At];
  const example = (i: number, j: number) =>
    left[i].map((x, k) => `${paren(display.scalar(x).text)}·${paren(display.scalar(right[k][j]).text)}`).join(' + ');
  steps.push({
    id: 'gram',
    title: `Form ${gramText}`,
    tex: `${gramTex} = ${display.matrixTex(left)}${display.matrixTex(right)} = ${display.matrixTex(G)}`,
    text:
      `Multiply ${side === 'right' ? 'Aᵀ by A' : 'A by Aᵀ'} (not the identity by A). Entry (i, j) is the dot product of ${side === 'right' ? 'columns' : 'rows'} i and j of A: ` +
      `(${gramText})₁₁ = ${example(0, 0)} = ${display.scalar(G[0][0]).text}` +
      (G.length > 1 ? `, (${gramText})₁₂ = ${example(0, 1)} = ${display.scalar(G[0][1]).text}.` : '.') +
      ` The result is symmetric, as every Gram matrix is.`,
  });

  // --- 3. Characteristic polynomial and eigenvalues ---------------------------
  steps.push({
    id: 'charpoly',
    title: 'Characteristic polynomial',
    tex: aligned(analysis.charPolyLines),
    text: `Subtract λ from the diagonal of ${gramText} and take the determinant. ${analysis.charPolyText}`,
  });
  const lambdas: number[] = [];
  for (const ev of analysis.eigenvalues) for (let k = 0; k < ev.multiplicity; k++) lambdas.push(Math.max(0, ev.value));
  const sigma = lambdas.slice(0, p).map(Math.sqrt);
  const tol = Math.max(m, n) * Number.EPSILON * (sigma[0] ?? 0) * 4;
  const rank = knownRank ?? sigma.filter((s) => s > tol && s > 1e-13 * scaleA).length;
  // Non-zero singular values are shown on their own scale, so a tiny σ below the rank is not printed as 0.
  const own = (i: number) => (i < rank ? sigma[i] : sigma[0]);
  const lambdaList = lambdas.map((l, i) => `λ${sub_(i + 1)} = ${display.scalar(l, lambdas[0]).text}`).join(', ');
  steps.push({
    id: 'eigenvalues',
    title: `Eigenvalues of ${gramText}`,
    tex: aligned(analysis.rootsLines),
    text:
      `The roots, largest first, are the eigenvalues of ${gramText}: ${lambdaList}. ` +
      `These are eigenvalues, not yet singular values. ${gramText} is symmetric positive semi-definite, so none is negative.` +
      (analysis.eigenvalues.some((x) => x.multiplicity > 1) ? ' A repeated eigenvalue means a repeated singular value.' : ''),
  });

  // --- 4. Singular values ----------------------------------------------------
  const sigmaShown = sigma.map((s, i) => display.scalar(s, own(i)));
  const sigmaTex = sigma.map((_, i) => {
    const root = `\\sqrt{${display.scalar(lambdas[i], lambdas[0]).tex}}`;
    return `\\sigma_{${i + 1}} = ${root}${root === sigmaShown[i].tex ? '' : ` = ${sigmaShown[i].tex}`}`;
  });
  steps.push({
    id: 'singular-values',
    title: 'Singular values',
    tex: `\\sigma_i = \\sqrt{\\lambda_i}:\\qquad ${sigmaTex.join(',\\quad ')}`,
    text:
      `Each singular value is the square root of an eigenvalue: ` +
      sigma.map((s, i) => `σ${sub_(i + 1)} = ${display.withDecimal(s, own(i))}`).join(', ') +
      `. They are ordered largest first. The rank of A is the number of non-zero singular values: r = ${rank}.` +
      (rank < p ? ` A is rank-deficient (r = ${rank} < ${p}).` : ''),
    plot: {
      type: 'bar',
      title: 'Singular value spectrum',
      xLabel: 'i',
      yLabel: 'σᵢ',
      labels: sigma.map((_, i) => `σ${sub_(i + 1)}`),
      values: sigma,
    },
  });

  // --- 5. Eigenvectors (one step per distinct eigenvalue) ---------------------
  const eVectors: number[][] = [];
  analysis.eigenvalues.forEach((ev, index) => {
    const working = analysis.nullSpace(index);
    const first = eVectors.length;
    const orthonormal = gramSchmidt(working.basis);
    const vectors = orthonormal.map((v) => canonicalForPair(v, side, toOther));
    eVectors.push(...vectors);
    const names = vectors.map((_, k) => `${e}_{${first + k + 1}}`);
    const namesText = vectors.map((_, k) => `${e}${sub_(first + k + 1)}`).join(' and ');
    const normLines = working.basis.length === 1
      ? [
          `\\|w\\| = ${display.scalar(norm(working.basis[0])).tex},\\qquad ${names[0]} = \\frac{w}{\\|w\\|} = ${display.vectorTex(vectors[0])}`,
        ]
      : [`\\text{Gram–Schmidt: } ${names.map((nm, k) => `${nm} = ${display.vectorTex(vectors[k])}`).join(',\\ ')}`];
    steps.push({
      id: `${e}-${first + 1}`,
      title: `${e === 'v' ? 'Right' : 'Left'} singular vector${vectors.length > 1 ? 's' : ''} ${namesText} (λ = ${ev.text})`,
      tex: aligned([...working.lines, ...normLines]),
      text:
        `Solve (${gramText} − λI)${e} = 0 with λ = ${ev.text} (the eigenvalue itself, not its square root). ${working.text} ` +
        (vectors.length > 1
          ? `λ = ${ev.text} is repeated (multiplicity ${ev.multiplicity}), so its eigenspace has dimension ${vectors.length}: any orthonormal basis of it is valid. We orthonormalise the basis read off the RREF with Gram–Schmidt. `
          : `Normalise to unit length: ${namesText} = ${vectorText(display, vectors[0])}. `) +
        `Signs: we make the last non-zero entry of each ${e}ᵢ positive${side === 'left' ? ' of the matching vᵢ' : ''} (any sign is valid; this convention is deterministic).`,
    });
  });

  // --- 6. Partner vectors -----------------------------------------------------
  const oVectors: number[][] = [];
  for (let i = 0; i < rank; i++) {
    const product = matVec(toOther, eVectors[i]);
    const vec = scale(product, 1 / sigma[i]);
    oVectors.push(vec);
    const mat = side === 'right' ? 'A' : `A${T}`;
    const firstEntry = toOther[0]
      .map((a, k) => `${display.scalar(a).text}·${paren(display.scalar(eVectors[i][k]).text)}`)
      .join(' + ');
    steps.push({
      id: `${o}-${i + 1}`,
      title: `${o === 'u' ? 'Left' : 'Right'} singular vector ${o}${sub_(i + 1)} = ${side === 'right' ? 'A' : 'Aᵀ'}${e}${sub_(i + 1)}/σ${sub_(i + 1)}`,
      tex: aligned([
        `${o}_{${i + 1}} = \\frac{1}{\\sigma_{${i + 1}}} ${mat} ${e}_{${i + 1}} = ${inv(sigmaShown[i].tex)}${display.matrixTex(toOther)} ${display.vectorTex(eVectors[i])}`,
        `= ${inv(sigmaShown[i].tex)}${display.vectorTex(product)} = ${display.vectorTex(vec)}`,
      ]),
      text:
        `Each entry of ${o}${sub_(i + 1)} is a row of ${side === 'right' ? 'A' : 'Aᵀ'} dotted with ${e}${sub_(i + 1)}, divided by σ${sub_(i + 1)}. ` +
        `The first: (${firstEntry}) / ${sigmaShown[i].text} = ${display.scalar(vec[0], 1).text}. ` +
        `So ${o}${sub_(i + 1)} = ${vectorText(display, vec)}, a unit vector because ‖${mat === 'A' ? 'A' : 'Aᵀ'}${e}ᵢ‖ = σᵢ.`,
      highlights: [{ matrix: side === 'right' ? 'A' : 'Aᵀ', cells: toOther[0].map((_, k) => [0, k] as [number, number]), note: `row 1 gives the first entry of ${o}${sub_(i + 1)}` }],
    });
  }

  // --- 7. Complete the partner side with Gram–Schmidt --------------------------
  const oSize = side === 'right' ? m : n;
  if (oVectors.length < oSize) {
    const { added, lines, notes } = completeBasis(oVectors, oSize, o, display);
    oVectors.push(...added);
    const why = rank < p ? `A has rank ${rank}, so only ${rank} of the ${o}ᵢ come from ${side === 'right' ? 'Avᵢ/σᵢ' : 'Aᵀuᵢ/σᵢ'}; ` : '';
    steps.push({
      id: `complete-${o}`,
      title: `Complete ${o.toUpperCase()} to an orthonormal basis (Gram–Schmidt)`,
      tex: aligned(lines),
      text:
        `${why}${o.toUpperCase()} must be ${oSize}×${oSize} and orthogonal, so ${oSize - rank} more unit vector${oSize - rank > 1 ? 's are' : ' is'} needed, orthogonal to the ones we have. ` +
        `They span the null space of ${side === 'right' ? 'Aᵀ' : 'A'}. Gram–Schmidt on the standard basis vectors: subtract the components along the vectors we have, skip any that vanish, normalise. ${notes}`,
    });
  }

  const [Ucols, Vcols] = side === 'right' ? [oVectors, eVectors] : [eVectors, oVectors];
  const U = transposeRows(Ucols);
  const V = transposeRows(Vcols);

  // --- 8. Assemble -------------------------------------------------------------
  const Sigma = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? sigma[i] : 0)));
  steps.push({
    id: 'assemble',
    title: 'Assemble A = UΣVᵀ',
    tex: `A = U\\Sigma V${T} = ${display.matrixTex(U)} ${display.matrixTex(Sigma)} ${display.matrixTex(transposeRows(V))}`,
    text:
      `The columns of U are u₁…u${sub_(m)}, Σ is ${m}×${n} with σ₁ ≥ σ₂ ≥ … on its diagonal and zeros elsewhere, and Vᵀ has the vᵢ as its rows. ` +
      `Geometrically, Vᵀ rotates, Σ stretches each axis by σᵢ, and U rotates again.`,
  });

  return { steps, U, V, sigma, rank };
}

/** Make the sign deterministic: the vᵢ's last significant entry is positive (vᵢ itself, or the vᵢ ∝ Aᵀuᵢ it produces). */
function canonicalForPair(vec: number[], side: GramSide, toOther: number[][]): number[] {
  if (side === 'right') return canonical(vec);
  const partner = matVec(toOther, vec);
  if (norm(partner) < 1e-12 * Math.max(1, norm(vec))) return canonical(vec); // null-space u: its own convention
  return lastSignificantSign(partner) > 0 ? vec : vec.map((x) => -x);
}

/** Classical Gram–Schmidt, applied twice for numerical safety; drops vectors that vanish. */
export function gramSchmidt(basis: number[][]): number[][] {
  const out: number[][] = [];
  for (const b of basis) {
    let w = b.slice();
    for (let pass = 0; pass < 2; pass++) for (const q of out) w = sub(w, scale(q, dot(q, w)));
    const len = norm(w);
    if (len > 1e-10 * Math.max(1, norm(b))) out.push(scale(w, 1 / len));
  }
  return out;
}

/** Extend orthonormal `have` to a basis of ℝᵈ with e₁, e₂, …, showing each Gram–Schmidt step. */
function completeBasis(have: number[][], d: number, name: string, display: NumberDisplay) {
  const basis = have.map((v) => v.slice());
  const added: number[][] = [];
  const lines: string[] = [];
  const skipped: string[] = [];
  for (let j = 0; j < d && basis.length < d; j++) {
    const ej = unit(d, j);
    let w = ej.slice();
    for (let pass = 0; pass < 2; pass++) for (const q of basis) w = sub(w, scale(q, dot(q, w)));
    const len = norm(w);
    const proj = basis.map((_, k) => `(${name}_{${k + 1}}^{\\mathsf T} e_{${j + 1}})\\,${name}_{${k + 1}}`).join(' - ');
    if (len < 1e-8) {
      skipped.push(`e${sub_(j + 1)}`);
      lines.push(`w = e_{${j + 1}} - ${proj} = 0 \\quad(\\text{skip: } e_{${j + 1}} \\text{ is in the span})`);
      continue;
    }
    const unitW = scale(w, 1 / len);
    const signed = canonical(unitW);
    const idx = basis.length + 1;
    lines.push(`w = e_{${j + 1}} - ${proj} = ${display.vectorTex(w)}`);
    lines.push(
      `\\|w\\| = ${display.scalar(len).tex},\\quad ${name}_{${idx}} = ${signed === unitW ? '' : '-'}\\frac{w}{\\|w\\|} = ${display.vectorTex(signed)}`,
    );
    basis.push(signed);
    added.push(signed);
  }
  const notes =
    (skipped.length ? `${skipped.join(', ')} already lay in the span and were skipped. ` : '') +
    `Each new vector's sign is chosen so its last non-zero entry is positive: ` +
    added.map((v, k) => `${name}${sub_(have.length + k + 1)} = ${vectorText(display, v)}`).join(', ') +
    '.';
  return { added, lines, notes };
}

function vectorText(display: NumberDisplay, v: number[]): string {
  return display.vectorText(v);
}

/** "1/σ " in front of a product, or nothing when σ = 1. */
function inv(sigmaTex: string): string {
  return sigmaTex === '1' ? '' : `\\frac{1}{${sigmaTex}} `;
}

/** Parenthesise negative factors in plain-text products: 1·(−1/√2). */
function paren(text: string): string {
  return text.startsWith('−') ? `(${text})` : text;
}
