/**
 * The hand derivation for B = A/10ᵏ, framed by two steps: factor out the
 * scale, and scale the singular values back. Inside, the steps say B, so the
 * student never sees A's name on B's numbers.
 */
import type { Step } from '../derivation';
import type { NumberDisplay } from '../display';
import { gathered } from '../tex';
import { renameMatrix, superscript } from './scaling';
import { sub_ } from './vectors';

export function scaledSteps(book: Step[], k: number, reason: string, B: number[][], sigmaB: number[], sigmaA: number[], display: NumberDisplay): Step[] {
  const renamed = book.map((st) => ({
    ...st,
    title: renameMatrix(st.title, 'B'),
    tex: renameMatrix(st.tex, 'B'),
    text: renameMatrix(st.text, 'B'),
    highlights: st.highlights?.map((h) => ({ ...h, matrix: renameMatrix(h.matrix, 'B') })),
  }));
  const scale = `10^{${k}}`;
  const first: Step = {
    id: 'scale',
    title: `Factor out the scale: A = 10${superscript(k)}·B`,
    tex: `A = ${scale}\\,B,\\qquad B = ${display.matrixTex(B)}`,
    text: `${reason} The steps that follow derive the SVD of B by hand.`,
  };
  const last: Step = {
    id: 'rescale',
    title: `Scale back: σᵢ(A) = 10${superscript(k)}·σᵢ(B)`,
    tex: gathered([
      `A = ${scale}\\,B = U\\,(${scale}\\,\\Sigma_B)\\,V^{\\mathsf T}`,
      sigmaA.map((x, i) => `\\sigma_{${i + 1}} = ${scale}\\cdot ${display.scalar(sigmaB[i], sigmaB[0]).tex} = ${display.decimal(x, 'tex')}`).join(',\\quad '),
    ]),
    text:
      `Multiplying B by 10${superscript(k)} multiplies every singular value by 10${superscript(k)} and leaves U and V unchanged: ` +
      sigmaA.map((x, i) => `σ${sub_(i + 1)} = ${display.decimal(x)}`).join(', ') +
      '. The check below is on A itself.',
  };
  return [first, ...renamed, last];
}
