/**
 * Piecewise activations: ReLU and its relatives, ELU/SELU, the hard
 * functions and the identity. At a kink the derivative is undefined
 * mathematically; `df` returns what PyTorch's backward pass uses there,
 * and each spec says which value that is.
 */
import { interval } from './interval';
import type { ActivationParams, ActivationSpec } from './types';

/** SELU's constants as PyTorch defines them (Klambauer et al., 2017). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_LAMBDA = 1.0507009873554804934193349852946;

const alphaOf = (p: ActivationParams | undefined, fallback: number) => p?.alpha ?? fallback;
const hardBounds = (p?: ActivationParams) => [p?.minVal ?? -1, p?.maxVal ?? 1] as const;

const eluF = (x: number, a: number) => (x > 0 ? x : a * Math.expm1(x));
// PyTorch's elu_backward takes the negative branch at 0, so f′(0) = α.
const eluDf = (x: number, a: number) => (x > 0 ? 1 : a * Math.exp(x));

export const piecewiseActivations: ActivationSpec[] = [
  {
    name: 'relu',
    label: 'ReLU',
    aliases: [],
    params: [],
    f: (x) => (x > 0 ? x : 0),
    df: (x) => (x > 0 ? 1 : 0),
    tex: {
      f: String.raw`\operatorname{ReLU}(x) = \max(0, x)`,
      df: String.raw`\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}\qquad(\text{undefined at } x = 0\text{; frameworks use } 0)`,
    },
    plain: { f: 'ReLU(x) = max(0, x)', df: "ReLU′(x) = 1 for x > 0, 0 for x < 0; undefined at 0 mathematically, frameworks use ReLU′(0) = 0" },
    properties: () => ({
      ...interval(0, Infinity, true, false),
      monotonic: true,
      zeroCentred: false,
      smooth: false,
      lipschitz: { value: 1, exact: '1 (slope 1 for x > 0)' },
      saturates: 'left',
      canDie: true,
    }),
    kinks: () => [0],
    breakpoints: () => [0],
    kinkConvention: 'ReLU′(0) = 0, as PyTorch, TensorFlow and JAX use; undefined at 0 mathematically (the subdifferential there is [0, 1]).',
    usedFor: 'The default for hidden layers of CNNs and MLPs: cheap, and it does not saturate for x > 0.',
    notes: ['Dying ReLU: a unit whose pre-activation stays negative gets gradient 0 and never recovers.'],
  },
  {
    name: 'relu6',
    label: 'ReLU6',
    aliases: [],
    params: [],
    f: (x) => Math.min(Math.max(x, 0), 6),
    df: (x) => (x > 0 && x < 6 ? 1 : 0),
    tex: { f: String.raw`\operatorname{ReLU6}(x) = \min\bigl(\max(0, x), 6\bigr)`, df: String.raw`\operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & x < 0 \text{ or } x > 6 \end{cases}` },
    plain: { f: 'ReLU6(x) = min(max(0, x), 6)', df: 'ReLU6′(x) = 1 for 0 < x < 6, else 0 (undefined at 0 and 6; frameworks use 0)' },
    properties: () => ({
      ...interval(0, 6, true, true),
      monotonic: true,
      zeroCentred: false,
      smooth: false,
      lipschitz: { value: 1, exact: '1' },
      saturates: 'both',
      canDie: true,
    }),
    kinks: () => [0, 6],
    breakpoints: () => [0, 6],
    kinkConvention: 'ReLU6′ = 0 at both corners 0 and 6 (PyTorch passes the gradient only strictly inside (0, 6)); undefined there mathematically.',
    usedFor: 'Mobile networks (MobileNet): the cap at 6 keeps activations in a range that low-precision arithmetic represents well.',
    notes: [],
  },
  {
    name: 'leaky_relu',
    label: 'Leaky ReLU',
    aliases: [],
    params: [{ key: 'alpha', label: 'α (negative slope)', default: 0.01, min: 0, description: "Slope for x < 0; PyTorch's default 0.01 (Keras layers use 0.3, tf.nn 0.2)." }],
    f: (x, p) => (x > 0 ? x : alphaOf(p, 0.01) * x),
    df: (x, p) => (x > 0 ? 1 : alphaOf(p, 0.01)),
    tex: { f: String.raw`\operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}`, df: String.raw`\operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x < 0 \end{cases}\qquad(\text{frameworks use } \alpha \text{ at } 0)` },
    plain: { f: 'LeakyReLU(x) = x for x > 0, αx otherwise (the PyTorch default is α = 0.01)', df: 'LeakyReLU′(x) = 1 for x > 0, α for x < 0; undefined at 0, PyTorch uses α' },
    properties: (p) => {
      const a = alphaOf(p, 0.01);
      return {
        ...(a > 0 ? interval(-Infinity, Infinity, false, false) : interval(0, Infinity, true, false)),
        monotonic: a >= 0,
        zeroCentred: false,
        smooth: false,
        lipschitz: { value: Math.max(1, Math.abs(a)), exact: 'max(1, |α|)' },
        saturates: a === 0 ? 'left' : 'none',
        canDie: a === 0,
      };
    },
    kinks: (p) => (alphaOf(p, 0.01) === 1 ? [] : [0]),
    breakpoints: (p) => (alphaOf(p, 0.01) === 1 ? [] : [0]),
    kinkConvention: "LeakyReLU′(0) = α, as PyTorch's backward uses the negative branch at 0; undefined there mathematically.",
    usedFor: 'Hidden layers where dying ReLUs are a problem; GAN discriminators (often α = 0.2).',
    notes: ['The small slope α for x < 0 keeps a gradient flowing, so units cannot die.'],
  },
  {
    name: 'elu',
    label: 'ELU',
    aliases: [],
    params: [{ key: 'alpha', label: 'α', default: 1, min: 0, description: 'Saturation value −α for x → −∞.' }],
    f: (x, p) => eluF(x, alphaOf(p, 1)),
    df: (x, p) => eluDf(x, alphaOf(p, 1)),
    tex: { f: String.raw`\operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}`, df: String.raw`\operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} = \operatorname{ELU}(x) + \alpha & x \le 0 \end{cases}` },
    plain: { f: 'ELU(x) = x for x > 0, α(eˣ − 1) otherwise (α = 1)', df: 'ELU′(x) = 1 for x > 0, αeˣ = ELU(x) + α otherwise' },
    properties: (p) => {
      const a = alphaOf(p, 1);
      return {
        ...interval(a > 0 ? -a : 0, Infinity, a === 0, false),
        monotonic: true,
        zeroCentred: false,
        smooth: false,
        lipschitz: { value: Math.max(1, a), exact: 'max(1, α): slope 1 for x > 0, αeˣ ≤ α for x ≤ 0' },
        saturates: 'left',
        canDie: a === 0,
      };
    },
    kinks: (p) => (alphaOf(p, 1) === 1 ? [] : [0]),
    breakpoints: () => [0], // even with α = 1, f″ jumps from α to 0 at 0
    kinkConvention: 'At 0 PyTorch uses the negative branch, ELU′(0) = α. With α = 1 both branches give 1 and ELU is differentiable once; otherwise ELU′(0) is undefined mathematically.',
    usedFor: 'Hidden layers: negative outputs pull the mean activation towards 0, which speeds up learning compared with ReLU.',
    notes: ['ELU is x for x > 0 and α(eˣ − 1) otherwise, saturating at −α.'],
  },
  {
    name: 'selu',
    label: 'SELU',
    aliases: [],
    params: [],
    f: (x) => SELU_LAMBDA * eluF(x, SELU_ALPHA),
    df: (x) => SELU_LAMBDA * eluDf(x, SELU_ALPHA),
    tex: {
      f: String.raw`\operatorname{SELU}(x) = \lambda\begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases},\ \ \lambda \approx 1.0507,\ \alpha \approx 1.6733`,
      df: String.raw`\operatorname{SELU}'(x) = \lambda\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}`,
    },
    plain: { f: 'SELU(x) = λ·(x for x > 0, α(eˣ − 1) otherwise), λ = 1.0507009873554805, α = 1.6732632423543772', df: 'SELU′(x) = λ for x > 0, λαeˣ otherwise' },
    properties: () => ({
      ...interval(-SELU_LAMBDA * SELU_ALPHA, Infinity, false, false),
      monotonic: true,
      zeroCentred: false,
      smooth: false,
      lipschitz: { value: SELU_LAMBDA * SELU_ALPHA, exact: `λα ≈ ${(SELU_LAMBDA * SELU_ALPHA).toFixed(4)}: the slope just left of 0 (λ ≈ 1.0507 on the right)` },
      saturates: 'left',
      canDie: false,
    }),
    kinks: () => [0],
    breakpoints: () => [0],
    kinkConvention: 'The slope jumps from λα ≈ 1.7581 to λ ≈ 1.0507 at 0, so SELU′(0) is undefined; PyTorch uses the negative branch, λα.',
    usedFor: 'Self-normalising networks: with LeCun-normal weights, activations keep mean 0 and variance 1 through many layers.',
    notes: ['λ and α are chosen so that mean 0, variance 1 is a fixed point of the layer map.'],
  },
  {
    name: 'hardtanh',
    label: 'Hardtanh',
    aliases: [],
    params: [
      { key: 'minVal', label: 'min', default: -1, description: 'Lower clamp value.' },
      { key: 'maxVal', label: 'max', default: 1, description: 'Upper clamp value.' },
    ],
    f: (x, p) => {
      const [lo, hi] = hardBounds(p);
      return Math.min(Math.max(x, lo), hi);
    },
    df: (x, p) => {
      const [lo, hi] = hardBounds(p);
      return x > lo && x < hi ? 1 : 0;
    },
    tex: { f: String.raw`\operatorname{hardtanh}(x) = \min\bigl(\max(x, -1), 1\bigr)`, df: String.raw`\operatorname{hardtanh}'(x) = \begin{cases} 1 & -1 < x < 1 \\ 0 & |x| > 1 \end{cases}` },
    plain: { f: 'hardtanh(x) = clamp(x, −1, 1)', df: 'hardtanh′(x) = 1 inside (−1, 1), 0 outside (undefined at ±1; frameworks use 0)' },
    properties: (p) => {
      const [lo, hi] = hardBounds(p);
      return {
        ...interval(lo, hi, true, true),
        monotonic: true,
        zeroCentred: lo === -hi,
        smooth: false,
        lipschitz: { value: 1, exact: '1' },
        saturates: 'both',
        canDie: true,
      };
    },
    kinks: (p) => [...hardBounds(p)],
    breakpoints: (p) => [...hardBounds(p)],
    kinkConvention: "0 at both corners: PyTorch's hardtanh backward passes the gradient only strictly inside (min, max); undefined there mathematically.",
    usedFor: 'A cheap piecewise-linear tanh, e.g. in quantised or low-power networks.',
    notes: [],
  },
  {
    name: 'hard_sigmoid',
    label: 'Hard sigmoid',
    aliases: ['hardsigmoid'],
    params: [],
    f: (x) => Math.min(Math.max(x + 3, 0), 6) / 6,
    df: (x) => (x > -3 && x < 3 ? 1 / 6 : 0),
    tex: { f: String.raw`\operatorname{hardsigmoid}(x) = \frac{\operatorname{ReLU6}(x + 3)}{6}`, df: String.raw`\operatorname{hardsigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & |x| > 3 \end{cases}` },
    plain: { f: 'hardsigmoid(x) = ReLU6(x + 3)/6 (PyTorch)', df: 'hardsigmoid′(x) = 1/6 for −3 < x < 3, else 0 (undefined at ±3; frameworks use 0)' },
    properties: () => ({
      ...interval(0, 1, true, true),
      monotonic: true,
      zeroCentred: false,
      smooth: false,
      lipschitz: { value: 1 / 6, exact: '1/6' },
      saturates: 'both',
      canDie: true,
    }),
    kinks: () => [-3, 3],
    breakpoints: () => [-3, 3],
    kinkConvention: "0 at x = ±3, as PyTorch's hardsigmoid backward; undefined there mathematically.",
    usedFor: 'Gates in mobile networks (MobileNetV3 squeeze-and-excite, hard-swish): no exponential.',
    notes: ['Keras 2 defined hard_sigmoid as clip(0.2x + 0.5, 0, 1), a different slope; this is PyTorch’s (and Keras 3’s) ReLU6(x + 3)/6.'],
  },
  {
    name: 'linear',
    label: 'Linear (identity)',
    aliases: ['identity'],
    params: [],
    f: (x) => x,
    df: () => 1,
    tex: { f: String.raw`f(x) = x`, df: String.raw`f'(x) = 1` },
    plain: { f: 'f(x) = x', df: 'f′(x) = 1' },
    properties: () => ({
      ...interval(-Infinity, Infinity, false, false),
      monotonic: true,
      zeroCentred: true,
      smooth: true,
      lipschitz: { value: 1, exact: '1' },
      saturates: 'none',
      canDie: false,
    }),
    kinks: () => [],
    breakpoints: () => [],
    usedFor: 'Regression outputs. In hidden layers it adds nothing: a stack of linear layers is one linear layer.',
    notes: [],
  },
];
