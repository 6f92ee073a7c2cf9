/**
 * Question 9's cost argument: operation counts for the forward and backward
 * pass of Swish and ReLU per element, and a host-side timing of both.
 *
 * Counting convention: each +, −, ×, ÷ and comparison is one operation; a
 * select (choose a or b by a mask) is data movement and counts 0; exp is
 * shown twice, as 1 operation and as ≈ 20 FLOPs, an estimate for a libm or
 * SIMD exp (range reduction plus a degree ~10–13 polynomial in Horner form),
 * not a measurement. The backward pass includes the multiplication by the
 * upstream gradient g.
 */
import type { TableSpec } from '../derivation';

export const EXP_FLOPS = 20;

export interface FlopRow {
  pass: string;
  formula: string;
  /** Arithmetic and comparisons, exp excluded. */
  basic: number;
  exps: number;
  note: string;
}

export const FLOP_ROWS: FlopRow[] = [
  { pass: 'ReLU forward', formula: 'max(0, x)', basic: 1, exps: 0, note: '1 comparison (+ select)' },
  { pass: 'ReLU backward', formula: 'g · [x > 0]', basic: 1, exps: 0, note: '1 comparison (+ select of g or 0); no multiply needed' },
  { pass: 'Swish forward', formula: 'x · 1/(1 + e^(−x))', basic: 4, exps: 1, note: 'negate, exp, add, divide, multiply' },
  { pass: 'Swish backward (recompute σ, as PyTorch)', formula: 'g · σ · (1 + x(1 − σ))', basic: 8, exps: 1, note: 'σ again (3 + exp), then 1 − σ, ×x, +1, ×σ, ×g' },
  { pass: 'Swish backward (f and σ cached)', formula: 'g · (f + σ(1 − f))', basic: 4, exps: 0, note: '1 − f, ×σ, +f, ×g; costs memory for σ (or f) per element' },
];

export function flopTable(): TableSpec {
  return {
    caption: `Operations per element. Convention: +, −, ×, ÷ and comparisons count 1, selects 0; exp counted as 1 op and as ≈${EXP_FLOPS} FLOPs (a libm estimate). Backward includes × the upstream gradient g.`,
    columns: ['pass', 'formula', 'ops (exp = 1)', `FLOPs (exp ≈ ${EXP_FLOPS})`, 'what is counted'],
    rows: FLOP_ROWS.map((r) => [r.pass, r.formula, r.basic + r.exps, r.basic + EXP_FLOPS * r.exps, r.note]),
  };
}

export interface NsPerElement {
  relu: { forward: number; backward: number };
  swish: { forward: number; backward: number };
  elements: number;
}

/**
 * Times forward and backward of ReLU and Swish over `n` Float64 elements
 * (median of `repeats` after a warm-up pass) and returns ns per element.
 * Host-side JavaScript: the ratio is indicative, absolute numbers are not a GPU's.
 */
export function measureNsPerElement(n = 1_000_000, repeats = 7): NsPerElement {
  const x = new Float64Array(n);
  const g = new Float64Array(n);
  const out = new Float64Array(n);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    x[i] = 10 * rand() - 5;
    g[i] = rand() - 0.5;
  }
  const kernels = {
    reluForward: () => {
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
    },
    reluBackward: () => {
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : 0;
    },
    swishForward: () => {
      for (let i = 0; i < n; i++) out[i] = x[i] / (1 + Math.exp(-x[i]));
    },
    swishBackward: () => {
      for (let i = 0; i < n; i++) {
        const s = 1 / (1 + Math.exp(-x[i]));
        out[i] = g[i] * s * (1 + x[i] * (1 - s));
      }
    },
  };
  const ns = (kernel: () => void) => {
    kernel(); // warm-up: lets the JIT compile the loop
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      kernel();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    if (Number.isNaN(out[n >> 1])) throw new Error('kernel produced NaN'); // also keeps `out` observably used
    return (times[times.length >> 1] * 1e6) / n;
  };
  return {
    relu: { forward: ns(kernels.reluForward), backward: ns(kernels.reluBackward) },
    swish: { forward: ns(kernels.swishForward), backward: ns(kernels.swishBackward) },
    elements: n,
  };
}
