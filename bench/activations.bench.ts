/**
 * Activation hovers and Question 9 costs: one hover rendered (TeX → SVG for
 * f and f′ plus the plot) after MathJax's warm-up, cached and uncached; the
 * symbolic derivative; and Swish vs ReLU forward/backward in ns per element.
 */
import { deriveExpression } from '../src/core/activations/derivative';
import { measureNsPerElement } from '../src/core/activations/flops';
import { renderActivationHover, texToSvg } from '../src/core/activations/render';
import { ACTIVATIONS } from '../src/core/activations/table';
import { time, type BenchRow } from './timing';

const colors = { f: '#1f77b4', df: '#ff7f0e', axis: '#888888', text: '#222222' };

export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(await time('MathJax set-up + first formula (cold)', () => texToSvg('x', { color: '#000', cache: false }), { runs: 1, warmup: 0, note: 'lazy: paid once per extension host' }));
  // Warm every formula once so the JIT and MathJax's internal tables are settled.
  for (const spec of ACTIVATIONS) renderActivationHover(spec.name, {}, colors, { cache: false });
  for (const name of ['silu', 'gelu', 'relu'] as const) {
    rows.push(await time(`hover ${name}: f, f′ TeX + plot, uncached`, () => renderActivationHover(name, {}, colors, { cache: false }), { runs: 21, warmup: 3 }));
  }
  rows.push(await time('hover silu: cached TeX + fresh plot', () => renderActivationHover('silu', {}, colors), { runs: 21, warmup: 3 }));
  rows.push(await time('derivative, first call (loads mathjs unless already loaded)', () => deriveExpression('x * sigmoid(x)'), { runs: 1, warmup: 0 }));
  rows.push(await time('derivative of x * sigmoid(x) (rules + mathjs simplify and check)', () => deriveExpression('x * sigmoid(x)'), { runs: 11, warmup: 2 }));
  rows.push(await time('derivative of x * sigmoid(x) (rules only)', () => deriveExpression('x * sigmoid(x)', { mathjs: false }), { runs: 21, warmup: 3 }));
  const m = measureNsPerElement();
  // measureNsPerElement reports medians only; min and max repeat the median rather than print NaN.
  const perElement = (name: string, ns: number): BenchRow => {
    const ms = (ns * m.elements) / 1e6;
    return { name, medianMs: ms, minMs: ms, maxMs: ms, runs: 7, note: `${ns.toFixed(2)} ns/element (median of 7) over ${m.elements} Float64` };
  };
  rows.push(perElement('ReLU forward (1e6 elements)', m.relu.forward), perElement('ReLU backward (1e6 elements)', m.relu.backward));
  rows.push(perElement('Swish forward (1e6 elements)', m.swish.forward), perElement('Swish backward (1e6 elements)', m.swish.backward));
  return rows;
}
