/**
 * Derivations for the activation explorer ('activation') and for the
 * symbolic derivative of Question 9 ('derivative'), in the shape the panel,
 * the CLI and the Markdown export already understand.
 */
import type { Step } from '../derivation';
import { formatNumber } from '../exact/format';
import { checkActivation, DEFAULT_STEP } from './check';
import { deriveExpression, evaluate, parseExpression, type DerivativeResult } from './derivative';
import { GENEROUS_LIMITS } from './expr';
import { flopTable, type NsPerElement } from './flops';
import { samplePlot } from './samples';
import { ACTIVATIONS, getActivation, resolveParams } from './table';
import type { ActivationParams, ActivationProperties, CanonicalName, MdlDerivation } from './types';

const fmt = (x: number) => formatNumber(x, 4);

/** Extra identities worth a step of their own, by function. */
const IDENTITIES: Partial<Record<CanonicalName, { tex: string; text: string }>> = {
  sigmoid: { tex: String.raw`\max_x \sigma'(x) = \sigma'(0) = \tfrac12\bigl(1 - \tfrac12\bigr) = \tfrac14`, text: 'σ′ peaks at 0.25, at x = 0: each sigmoid layer multiplies a back-propagated gradient by at most 1/4.' },
  tanh: { tex: String.raw`\tanh x = 2\sigma(2x) - 1,\qquad \tanh'(x) = 4\sigma'(2x),\qquad \tanh'(0) = 1`, text: 'tanh is a sigmoid scaled to (−1, 1) and compressed in x by 2, so its slope at 0 is 1, four times σ′(0).' },
  softplus: { tex: String.raw`\frac{d}{dx}\log\bigl(1 + e^{x}\bigr) = \frac{e^{x}}{1 + e^{x}} = \sigma(x)`, text: 'Softplus′ = σ.' },
  elu: { tex: String.raw`x \le 0:\quad \operatorname{ELU}'(x) = \alpha e^{x} = \operatorname{ELU}(x) + \alpha`, text: 'For x ≤ 0 the derivative is the output plus α, so the backward pass can reuse the output.' },
  silu: { tex: String.raw`f' = \sigma + x\sigma(1 - \sigma) = \sigma + f(1 - \sigma) = f + \sigma(1 - f)`, text: 'Since xσ(x) = f(x), the derivative needs only f and σ.' },
  softmax: {
    tex: String.raw`J = \operatorname{diag}(\mathbf s) - \mathbf s\mathbf s^{\mathsf T},\qquad \text{slice } \mathbf z = (x, 0):\ s_1 = \sigma(x),\ J_{11} = s_1(1 - s_1)`,
    text: 'The plot shows the two-class slice: component 1 of softmax(x, 0), which is σ(x), and the diagonal Jacobian entry ∂s₁/∂z₁. A slice keeps the curve a function of one variable; with more classes the value would depend on the other logits.',
  },
  log_softmax: { tex: String.raw`J = I - \mathbf 1\mathbf s^{\mathsf T},\qquad \text{slice } \mathbf z = (x, 0):\ \log s_1 = \log\sigma(x),\ \frac{\partial \log s_1}{\partial z_1} = 1 - s_1`, text: 'Plotted as the two-class slice, like softmax.' },
};

function propertyRows(p: ActivationProperties): Array<[string, string]> {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return [
    ['range', p.range],
    ['monotonic', yes(p.monotonic)],
    ['zero-centred', yes(p.zeroCentred)],
    ['smooth (C^∞)', yes(p.smooth)],
    ['Lipschitz constant', lipschitzText(p)],
    ['saturates', p.saturates],
    ['can die (gradient exactly 0 on a half-line)', yes(p.canDie)],
  ];
}

export function deriveActivation(name: string, given: ActivationParams = {}): { derivation: MdlDerivation; json: { name: CanonicalName; params: ActivationParams; properties: ActivationProperties; maxFiniteDifferenceError: number } } {
  const spec = getActivation(name);
  const params = resolveParams(spec.name, given);
  const properties = spec.properties(params);
  const domain: [number, number] = [-5, 5];
  const samples = samplePlot(spec.name, params, domain, 201);
  const check = checkActivation(spec.name, params);
  const kinks = spec.kinks(params);
  const paramText = spec.params.length ? ` Parameters: ${spec.params.map((ps) => `${ps.label} = ${params[ps.key]}`).join(', ')}.` : '';

  const steps: Step[] = [
    { id: 'definition', title: spec.label, tex: spec.tex.f, text: `${spec.plain.f}.${paramText} Used for: ${spec.usedFor}` },
    // The kink convention is told with the plot, where the jump is visible; a C¹ join (ELU with α = 1) is told here.
    { id: 'derivative', title: 'Derivative', tex: spec.tex.df, text: kinks.length === 0 && spec.kinkConvention ? `${spec.plain.df}. ${spec.kinkConvention}` : spec.plain.df },
  ];
  const identity = IDENTITIES[spec.name];
  if (identity) steps.push({ id: 'identity', title: 'Worth knowing', tex: identity.tex, text: [identity.text, ...spec.notes].join(' ') });
  steps.push(
    { id: 'properties', title: 'Properties', tex: String.raw`\text{range: } ${rangeTex(properties)}`, text: identity ? '' : spec.notes.join(' '), table: { columns: ['property', 'value'], rows: propertyRows(properties) } },
    {
      id: 'plot',
      title: `f and f′ on [${fmt(domain[0])}, ${fmt(domain[1])}]`,
      tex: spec.tex.f,
      text: kinks.length ? `f′ jumps at ${kinks.map(fmt).join(', ')}. ${spec.kinkConvention ?? ''}` : 'Both curves are continuous.',
      plot: { type: 'line', title: spec.label, xLabel: 'x', yLabel: 'value', series: [{ name: 'f', x: samples.x, y: samples.f }, { name: 'f′', x: samples.x, y: samples.df }] },
    },
    {
      id: 'check',
      title: 'Finite-difference check',
      tex: String.raw`\max_x \bigl|f'(x) - \tfrac{4D_{h/2} - D_h}{3}\bigr| = ${formatNumber(check.maxError, 2, { notation: 'tex' })},\quad D_h = \frac{f(x + h) - f(x - h)}{2h},\ h = 10^{-3}`,
      text: `Richardson-extrapolated central differences at ${check.checked} points on [−10, 10] and ±15, ±30${check.excluded.length ? `, skipping within ${2 * DEFAULT_STEP} of ${check.excluded.map(fmt).join(', ')}` : ''}. The largest difference is ${check.maxError.toExponential(1)}.`,
    },
  );

  const derivation: MdlDerivation = {
    kind: 'activation',
    title: `Activation: ${spec.label}`,
    steps,
    warnings: [],
    interactive: {
      type: 'activation-explorer',
      name: spec.name,
      params,
      paramSpecs: spec.params,
      choices: ACTIVATIONS.map((a) => ({ name: a.name, label: a.label })),
      domain,
      x: samples.x,
      f: samples.f,
      df: samples.df,
      kinks,
    },
  };
  return { derivation, json: { name: spec.name, params, properties, maxFiniteDifferenceError: check.maxError } };
}

function lipschitzText(p: ActivationProperties): string {
  const value = typeof p.lipschitz.value === 'number' ? fmt(p.lipschitz.value) : '∞';
  return p.lipschitz.exact.startsWith(value) ? p.lipschitz.exact : `${value} (${p.lipschitz.exact})`;
}

function rangeTex(p: ActivationProperties): string {
  const end = (v: number) => (v === Infinity ? '\\infty' : v === -Infinity ? '-\\infty' : formatNumber(v, 4, { notation: 'tex' }));
  const { lower, upper, lowerAttained, upperAttained } = p.bounds;
  return `${lowerAttained ? '[' : '('}${end(lower)}, ${end(upper)}${upperAttained ? ']' : ')'}`;
}

/** Question 9 as a derivation: the rule steps, a plot of f and f′, and for Swish the cost table (and timings if measured). */
export function deriveDerivative(text: string, timing?: NsPerElement): { derivation: MdlDerivation; json: DerivativeResult } {
  const result = deriveExpression(text);
  const steps: Step[] = result.steps.map((s, i) => ({ id: `rule-${i + 1}`, title: s.rule.charAt(0).toUpperCase() + s.rule.slice(1), tex: s.tex, text: s.text }));
  const f = parseExpression(result.expression, GENEROUS_LIMITS);
  const df = parseExpression(result.derivative, GENEROUS_LIMITS);
  const xs = Array.from({ length: 201 }, (_, i) => -5 + i * 0.05);
  const finite = xs.filter((x) => Number.isFinite(evaluate(f, x)) && Number.isFinite(evaluate(df, x)));
  if (finite.length >= 2) {
    steps.push({
      id: 'plot',
      title: 'f and f′',
      tex: `f'(x) = ${result.derivativeTex}`,
      text: finite.length < xs.length ? 'Points where f or f′ is undefined are left out.' : '',
      plot: { type: 'line', title: 'f and f′', xLabel: 'x', yLabel: 'value', series: [{ name: 'f', x: finite, y: finite.map((x) => evaluate(f, x)) }, { name: 'f′', x: finite, y: finite.map((x) => evaluate(df, x)) }] },
    });
  }
  if (result.inTermsOfFAndSigma) {
    const measured = timing
      ? ` Measured here (JavaScript, ${timing.elements.toLocaleString('en')} Float64 elements, ns/element): ReLU ${fmt(timing.relu.forward)} forward, ${fmt(timing.relu.backward)} backward; Swish ${fmt(timing.swish.forward)} forward, ${fmt(timing.swish.backward)} backward.`
      : '';
    steps.push({
      id: 'cost',
      title: 'Why Swish’s backward pass costs more than ReLU’s',
      tex: String.raw`\text{ReLU: } g\cdot[x > 0] \qquad \text{Swish: } g\cdot\bigl(f + \sigma(1 - f)\bigr),\ \ \sigma = \frac{1}{1 + e^{-x}}`,
      text: `ReLU's backward pass is one comparison and a select per element. Swish's needs σ (an exponential, or memory to keep σ from the forward pass) plus several multiplies and adds.${measured} On GPUs both are usually limited by memory traffic, so the time ratio is smaller than the FLOP ratio.`,
      table: flopTable(),
    });
  }
  const derivation: MdlDerivation = {
    kind: 'derivative',
    title: `d/dx of ${result.expression}`,
    steps,
    warnings: result.mathjsCheck === 'disagrees' ? ['mathjs’s independent derivative disagrees with this one at the probe points.'] : [],
  };
  return { derivation, json: result };
}
