/**
 * The sigmoid family and the other activations whose formulas involve
 * exponentials: sigmoid, tanh, softplus, softsign, GELU, SiLU/Swish, Mish,
 * and the 1-D slices of softmax and log-softmax.
 *
 * Softmax and log-softmax are vector functions. For the 1-D plots we use the
 * two-class slice z = (x, 0) and component 1: the curve is then a genuine
 * function of one variable (softmax₁ = σ(x)), and the plotted derivative is
 * exactly the diagonal Jacobian entry ∂s₁/∂z₁ = s₁(1 − s₁). The "component
 * view" with n > 2 logits would depend on the other logits, which a 1-D
 * plot would have to hide. The vector forms are in `vector.ts`.
 */
import { goldenMax, logSigmoid, normalCdf, normalPdf, sech2, sigmoid, sigmoidPrime, softplus } from './math';
import { interval } from './interval';
import type { ActivationParams, ActivationSpec } from './types';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

function gelu(x: number, p?: ActivationParams): number {
  if (p?.approximate === 'tanh') return x * sigmoid(2 * geluInner(x)); // ½x(1 + tanh u) = x·σ(2u), no cancellation as x → −∞
  return x * normalCdf(x);
}

function geluPrime(x: number, p?: ActivationParams): number {
  if (p?.approximate === 'tanh') {
    const u = geluInner(x);
    return sigmoid(2 * u) + 2 * x * sigmoidPrime(2 * u) * SQRT_2_OVER_PI * (1 + 3 * GELU_C * x * x);
  }
  return normalCdf(x) + x * normalPdf(x);
}

function geluInner(x: number): number {
  return SQRT_2_OVER_PI * (x + GELU_C * x * x * x);
}

const silu = (x: number) => x * sigmoid(x);
const siluPrime = (x: number) => sigmoid(x) + x * sigmoidPrime(x);
const mish = (x: number) => x * Math.tanh(softplus(x));
const mishPrime = (x: number) => {
  const sp = softplus(x);
  return Math.tanh(sp) + x * sech2(sp) * sigmoid(x);
};

/** Minimum value and largest |slope| of the non-monotonic smooth functions, found numerically once. */
function shape(f: (x: number) => number, df: (x: number) => number) {
  const min = goldenMax((x) => -f(x), -4, 0);
  const maxSlope = goldenMax(df, 0, 6);
  const minSlope = goldenMax((x) => -df(x), -6, 0);
  return { min: -min.value, argmin: min.x, lipschitz: Math.max(maxSlope.value, minSlope.value), at: maxSlope.x };
}
const cache = new Map<string, ReturnType<typeof shape>>();
function cachedShape(key: string, f: (x: number) => number, df: (x: number) => number) {
  if (!cache.has(key)) cache.set(key, shape(f, df));
  return cache.get(key)!;
}

const softplusSwitch = (p?: ActivationParams) => (p?.threshold ?? 20) / (p?.beta ?? 1);

export const smoothActivations: ActivationSpec[] = [
  {
    name: 'sigmoid',
    label: 'Sigmoid (logistic)',
    aliases: ['logistic', 'expit'],
    params: [],
    f: sigmoid,
    df: sigmoidPrime,
    tex: { f: String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`, df: String.raw`\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)` },
    plain: { f: 'σ(x) = 1/(1 + e^(−x))', df: 'σ′(x) = σ(x)(1 − σ(x)), largest at x = 0 where it is 1/4' },
    properties: () => ({
      ...interval(0, 1, false, false),
      monotonic: true,
      zeroCentred: false,
      smooth: true,
      lipschitz: { value: 0.25, exact: '1/4 = σ′(0), the peak of σ′' },
      saturates: 'both',
      canDie: false,
    }),
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Binary-classification outputs (a probability), gates in LSTMs and GRUs. Rarely in hidden layers: it saturates and its outputs are all positive.',
    notes: ['σ′ peaks at 1/4, at x = 0, so each sigmoid layer scales gradients by at most 1/4.', 'Computed as 1/(1 + e^{−|x|}) or e^{−|x|}/(1 + e^{−|x|}) so e^{−x} never overflows.'],
  },
  {
    name: 'tanh',
    label: 'Tanh',
    aliases: [],
    params: [],
    f: Math.tanh,
    df: sech2,
    tex: { f: String.raw`\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1`, df: String.raw`\tanh'(x) = 1 - \tanh^2 x` },
    plain: { f: 'tanh(x) = (eˣ − e^(−x))/(eˣ + e^(−x)) = 2σ(2x) − 1', df: 'tanh′(x) = 1 − tanh²(x)' },
    properties: () => ({
      ...interval(-1, 1, false, false),
      monotonic: true,
      zeroCentred: true,
      smooth: true,
      lipschitz: { value: 1, exact: '1 = tanh′(0)' },
      saturates: 'both',
      canDie: false,
    }),
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Hidden layers of small networks and RNN cell states: zero-centred, so the next layer sees inputs of both signs.',
    notes: ['tanh(x) = 2σ(2x) − 1: a sigmoid stretched to (−1, 1) and steepened fourfold at 0.'],
  },
  {
    name: 'softplus',
    label: 'Softplus',
    aliases: [],
    params: [
      { key: 'beta', label: 'β', default: 1, min: 1e-6, description: 'Sharpness: softplus(βx)/β tends to ReLU as β grows.' },
      { key: 'threshold', label: 'threshold', default: 20, min: 0, description: 'Above βx = threshold the identity is returned, as in PyTorch.' },
    ],
    f: (x, p) => {
      const b = p?.beta ?? 1;
      return b * x > (p?.threshold ?? 20) ? x : softplus(b * x) / b;
    },
    df: (x, p) => {
      const b = p?.beta ?? 1;
      return b * x > (p?.threshold ?? 20) ? 1 : sigmoid(b * x);
    },
    tex: { f: String.raw`\operatorname{softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)`, df: String.raw`\operatorname{softplus}'(x) = \sigma(\beta x)` },
    plain: { f: 'softplus(x) = log(1 + e^(βx))/β (β = 1 by default)', df: 'softplus′(x) = σ(βx)' },
    properties: () => ({
      ...interval(0, Infinity, false, false),
      monotonic: true,
      zeroCentred: false,
      smooth: true,
      lipschitz: { value: 1, exact: '1 = sup σ (approached as x → ∞, never reached)' },
      saturates: 'left',
      canDie: false,
    }),
    kinks: () => [],
    // PyTorch's switch to the identity leaves a jump of about e^{−threshold}/β there.
    breakpoints: (p) => [softplusSwitch(p)],
    usedFor: 'A smooth ReLU; also to keep a predicted scale or variance positive.',
    notes: ['Softplus′ = σ: the derivative of softplus is the sigmoid.', 'For βx > threshold (20) PyTorch returns x itself; the true value differs by less than e^{−20}/β ≈ 2×10⁻⁹/β.'],
  },
  {
    name: 'softsign',
    label: 'Softsign',
    aliases: [],
    params: [],
    f: (x) => x / (1 + Math.abs(x)),
    df: (x) => 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))),
    tex: { f: String.raw`\operatorname{softsign}(x) = \frac{x}{1 + |x|}`, df: String.raw`\operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^2}` },
    plain: { f: 'softsign(x) = x/(1 + |x|)', df: 'softsign′(x) = 1/(1 + |x|)²' },
    properties: () => ({
      ...interval(-1, 1, false, false),
      monotonic: true,
      zeroCentred: true,
      smooth: false,
      lipschitz: { value: 1, exact: '1 = softsign′(0)' },
      saturates: 'both',
      canDie: false,
    }),
    kinks: () => [],
    breakpoints: () => [0], // f″ jumps from +2 to −2 at 0
    usedFor: 'An alternative to tanh that saturates polynomially (like 1/|x|) rather than exponentially.',
    notes: ['Differentiable once at 0 (f′(0) = 1) but not twice: f″ jumps from 2 to −2.'],
  },
  {
    name: 'gelu',
    label: 'GELU',
    aliases: [],
    params: [{ key: 'approximate', label: 'approximation', default: 'none', choices: ['none', 'tanh'], description: "'none' is the exact erf form (PyTorch's default); 'tanh' the tanh approximation." }],
    f: gelu,
    df: geluPrime,
    tex: {
      f: String.raw`\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \operatorname{erf}\frac{x}{\sqrt 2}\Bigr) \approx \frac{x}{2}\Bigl(1 + \tanh\Bigl(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\Bigr)\Bigr)`,
      df: String.raw`\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x),\quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}`,
    },
    plain: { f: 'GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)); tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³)))', df: 'GELU′(x) = Φ(x) + x·φ(x)' },
    properties: (p) => {
      const s = p?.approximate === 'tanh' ? cachedShape('gelu-tanh', (x) => gelu(x, p), (x) => geluPrime(x, p)) : cachedShape('gelu', gelu, geluPrime);
      const exact = p?.approximate === 'tanh' ? `≈ ${s.lipschitz.toFixed(4)}, the largest slope (at x ≈ ${s.at.toFixed(4)})` : 'Φ(√2) + 1/(e√π) ≈ 1.1289: the slope at x = √2, where GELU″ = φ(x)(2 − x²) vanishes';
      return {
        ...interval(s.min, Infinity, true, false),
        monotonic: false,
        zeroCentred: false,
        smooth: true,
        lipschitz: { value: s.lipschitz, exact },
        saturates: 'left',
        canDie: false,
      };
    },
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Transformers (BERT, GPT): a smooth ReLU that weights x by the probability Φ(x) that a standard normal falls below it.',
    notes: ['Not monotonic: dips to about −0.17 near x ≈ −0.75.', "JAX's jax.nn.gelu uses the tanh approximation by default; PyTorch and TensorFlow use the exact form."],
  },
  {
    name: 'silu',
    label: 'SiLU / Swish',
    aliases: ['swish'],
    params: [],
    f: silu,
    df: siluPrime,
    tex: { f: String.raw`\operatorname{Swish}(x) = x\,\sigma(x)`, df: String.raw`\operatorname{Swish}'(x) = \sigma(x) + x\,\sigma(x)\bigl(1 - \sigma(x)\bigr) = f(x) + \sigma(x)\bigl(1 - f(x)\bigr)` },
    plain: { f: 'Swish(x) = x·σ(x)', df: 'Swish′(x) = σ(x) + x·σ(x)(1 − σ(x)) = f(x) + σ(x)(1 − f(x))' },
    properties: () => {
      const s = cachedShape('silu', silu, siluPrime);
      return {
        ...interval(s.min, Infinity, true, false),
        monotonic: false,
        zeroCentred: false,
        smooth: true,
        lipschitz: { value: s.lipschitz, exact: `≈ ${s.lipschitz.toFixed(4)}: the largest slope, at x ≈ ${s.at.toFixed(4)} (f′(x) + f′(−x) = 1, so the most negative slope is 1 − that)` },
        saturates: 'left',
        canDie: false,
      };
    },
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Deep CNNs (EfficientNet) and LLM feed-forward blocks (SwiGLU): a smooth, self-gated ReLU.',
    notes: ['Not monotonic: its minimum is about −0.2785 at x ≈ −1.2785.', 'f′ = f + σ(1 − f): the backward pass can reuse f and σ from the forward pass.'],
  },
  {
    name: 'mish',
    label: 'Mish',
    aliases: [],
    params: [],
    f: mish,
    df: mishPrime,
    tex: {
      f: String.raw`\operatorname{Mish}(x) = x\,\tanh\bigl(\operatorname{softplus}(x)\bigr)`,
      df: String.raw`\operatorname{Mish}'(x) = \tanh\bigl(\operatorname{softplus}(x)\bigr) + x\,\Bigl(1 - \tanh^2\bigl(\operatorname{softplus}(x)\bigr)\Bigr)\,\sigma(x)`,
    },
    plain: { f: 'Mish(x) = x·tanh(softplus(x))', df: 'Mish′(x) = tanh(sp) + x·(1 − tanh²(sp))·σ(x), sp = softplus(x)' },
    properties: () => {
      const s = cachedShape('mish', mish, mishPrime);
      return {
        ...interval(s.min, Infinity, true, false),
        monotonic: false,
        zeroCentred: false,
        smooth: true,
        lipschitz: { value: s.lipschitz, exact: `≈ ${s.lipschitz.toFixed(4)}: the largest slope, at x ≈ ${s.at.toFixed(4)}` },
        saturates: 'left',
        canDie: false,
      };
    },
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Object detectors (YOLOv4) and other CNNs; close to Swish.',
    notes: ['Not monotonic: its minimum is about −0.3088 near x ≈ −1.19.'],
  },
  {
    name: 'softmax',
    label: 'Softmax',
    aliases: [],
    params: [],
    f: sigmoid,
    df: sigmoidPrime,
    tex: {
      f: String.raw`\operatorname{softmax}(\mathbf z)_i = s_i = \frac{e^{z_i}}{\sum_j e^{z_j}} = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}},\ m = \max_j z_j`,
      df: String.raw`\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j),\qquad J = \operatorname{diag}(\mathbf s) - \mathbf s\,\mathbf s^{\mathsf T}`,
    },
    plain: { f: 'softmax(z)ᵢ = e^(zᵢ)/Σⱼ e^(zⱼ) (computed after subtracting max z); plotted: the 2-class slice z = (x, 0), where s₁ = σ(x)', df: 'Jacobian diag(s) − ssᵀ; plotted: ∂s₁/∂z₁ = s₁(1 − s₁)' },
    properties: () => ({
      ...interval(0, 1, false, false),
      monotonic: true,
      zeroCentred: false,
      smooth: true,
      lipschitz: { value: 0.25, exact: '1/4 for the plotted slice; the full map ℝⁿ → ℝⁿ has 2-norm constant 1/2 (Gershgorin: every eigenvalue of diag(s) − ssᵀ is at most 2sᵢ(1 − sᵢ) ≤ 1/2, reached at s = (½, ½))' },
      saturates: 'both',
      canDie: false,
    }),
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'The output layer of multi-class classifiers (with cross-entropy), attention weights.',
    notes: [
      'Plotted as the two-class slice z = (x, 0), component 1: there softmax₁ = σ(x) and the curve below f is the diagonal Jacobian entry s₁(1 − s₁).',
      'The Jacobian diag(s) − ssᵀ is symmetric and each row sums to 0 (adding a constant to every logit changes nothing).',
    ],
  },
  {
    name: 'log_softmax',
    label: 'Log-softmax',
    aliases: [],
    params: [],
    f: logSigmoid,
    df: (x) => sigmoid(-x),
    tex: {
      f: String.raw`\log\operatorname{softmax}(\mathbf z)_i = z_i - m - \log\sum_j e^{z_j - m},\ m = \max_j z_j`,
      df: String.raw`\frac{\partial \log s_i}{\partial z_j} = \delta_{ij} - s_j,\qquad J = I - \mathbf 1\,\mathbf s^{\mathsf T}`,
    },
    plain: { f: 'log softmax(z)ᵢ = zᵢ − m − log Σⱼ e^(zⱼ − m), m = max z; plotted: the 2-class slice, log σ(x)', df: 'Jacobian I − 1sᵀ; plotted: 1 − s₁ = σ(−x)' },
    properties: () => ({
      ...interval(-Infinity, 0, false, false),
      monotonic: true,
      zeroCentred: false,
      smooth: true,
      lipschitz: { value: 1, exact: '1 for the plotted slice (slope 1 − s₁ < 1); the full map ℝⁿ → ℝⁿ has a 2-norm constant that grows with n (at least √(n − 1), approached as s becomes one-hot)' },
      saturates: 'right',
      canDie: false,
    }),
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Classifier outputs fed to the negative log-likelihood loss: stabler than log(softmax(z)), which underflows to log 0.',
    notes: ['The max-shift m makes every exponent ≤ 0, so nothing overflows and the largest term is exactly 1.'],
  },
];
