/**
 * Finds the activation named at a cursor position in a line of code or
 * prose, for hovers. Three kinds of mention are recognised:
 *
 * - code: an identifier, possibly namespaced (`torch.nn.functional.silu`,
 *   `nn.LeakyReLU(0.2)`, `tf.keras.activations.elu`, `x.sigmoid()`,
 *   `self.relu`), whose segment under the cursor is exactly an activation's
 *   spelling. Any namespace is accepted: library modules, Tensor methods
 *   and module attributes all mean the activation. `self.relu` (an attribute
 *   holding nn.ReLU()) therefore matches; `self.relu_layer`, `relu_count`
 *   and `my_tanh_helper` do not, because `_` and digits are word characters.
 * - string: a literal such as `activation='relu'`, `"hidden_act": "gelu"`,
 *   `Activation('tanh')` or `Dense(64, 'relu')`; only after such a key, so
 *   `print("relu")` does not match.
 * - prose (Markdown, plain text, LaTeX): plain names, case-insensitive,
 *   including two-word forms like "Leaky ReLU".
 *
 * Two spellings are deliberately narrow: `linear`/`Linear` is an affine
 * layer in PyTorch (`nn.Linear`, `F.linear`), so it counts only as a Keras
 * activation (`keras.activations.linear`) or an activation string; `Identity`
 * only as torch's `nn.Identity`. Library defaults that differ from PyTorch's
 * (Keras's LeakyReLU α = 0.3, jax.nn.gelu's tanh approximation) are filled in.
 */
import { canonicalName } from './table';
import type { ActivationParams, CanonicalName } from './types';

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface ActivationMatch {
  name: CanonicalName;
  /** The name under the cursor (0-based columns, end exclusive). */
  range: Span;
  /** The whole mention, e.g. `nn.LeakyReLU(0.2)` or `'relu'`. */
  expression: Span & { text: string };
  /** Literal arguments and library defaults that differ from the table's (PyTorch's). */
  params?: ActivationParams;
  /** A library-specific caveat worth showing in the hover. */
  note?: string;
  via: 'code' | 'string' | 'prose';
}

const PROSE_LANGUAGES = new Set(['markdown', 'plaintext', 'latex', 'tex', 'restructuredtext', 'asciidoc']);

/** Lower-case functional spellings, valid in any namespace. */
const FUNCTIONS: Record<string, CanonicalName> = {
  sigmoid: 'sigmoid', expit: 'sigmoid', tanh: 'tanh', relu: 'relu', relu6: 'relu6', leaky_relu: 'leaky_relu',
  elu: 'elu', selu: 'selu', gelu: 'gelu', silu: 'silu', swish: 'silu', mish: 'mish', softplus: 'softplus',
  softsign: 'softsign', softmax: 'softmax', log_softmax: 'log_softmax', hardtanh: 'hardtanh', hard_tanh: 'hardtanh',
  hardsigmoid: 'hard_sigmoid', hard_sigmoid: 'hard_sigmoid',
};
/** Class spellings (PyTorch modules, Keras layers), case-sensitive. */
const CLASSES: Record<string, CanonicalName> = {
  Sigmoid: 'sigmoid', Tanh: 'tanh', ReLU: 'relu', ReLU6: 'relu6', LeakyReLU: 'leaky_relu', ELU: 'elu', SELU: 'selu',
  GELU: 'gelu', SiLU: 'silu', Mish: 'mish', Softplus: 'softplus', Softsign: 'softsign', Softmax: 'softmax',
  LogSoftmax: 'log_softmax', Hardtanh: 'hardtanh', Hardsigmoid: 'hard_sigmoid',
};
/** Spellings that mean an activation only in one namespace. */
const NAMESPACED: Array<{ name: string; namespace: RegExp; canonical: CanonicalName }> = [
  { name: 'linear', namespace: /(^|\.)activations$/, canonical: 'linear' },
  { name: 'Identity', namespace: /^(|torch\.nn|nn)$/, canonical: 'linear' },
];
/** Strings accepted as activation identifiers (Keras, PyTorch init, scikit-learn, Hugging Face configs). */
const STRINGS: Record<string, { name: CanonicalName; params?: ActivationParams }> = {
  gelu_new: { name: 'gelu', params: { approximate: 'tanh' } },
  gelu_fast: { name: 'gelu', params: { approximate: 'tanh' } },
  gelu_pytorch_tanh: { name: 'gelu', params: { approximate: 'tanh' } },
  leakyrelu: { name: 'leaky_relu' },
};

const WORD = '[A-Za-z0-9_]';
const CHAIN = new RegExp(`(?<!${WORD})[A-Za-z_]${WORD}*(?:\\.[A-Za-z_]${WORD}*)*`, 'g');
const STRING_LITERAL = /(["'])([^"'\\\n]{1,40})\1/g;
/** What may precede an activation string: a key, or a known call's argument slot. */
const STRING_CONTEXTS = [
  new RegExp(`(?<!${WORD})(?:${WORD}*_)?(?:activation|act|act_fn|activation_fn|activation_function|nonlinearity)["']?\\s*[:=]\\s*$`, 'i'),
  /\bActivation\(\s*$/,
  /\bDense\(\s*[^,()]+,\s*$/,
  /\b(?:ACT2FN|ACT2CLS)\[\s*$/,
  /\bget_activation\(\s*$/,
];

const PROSE: Array<[string, CanonicalName]> = [
  ['leaky[ _-]?relus?', 'leaky_relu'],
  ['log[ _-]?softmax(?:es)?', 'log_softmax'],
  ['hard[ _-]?sigmoids?', 'hard_sigmoid'],
  ['hard[ _-]?tanh', 'hardtanh'],
  ['relu6', 'relu6'],
  ['relus?', 'relu'],
  ['sigmoids?', 'sigmoid'],
  ['logistic(?= (?:function|sigmoid|activation))', 'sigmoid'],
  ['tanh', 'tanh'],
  ['gelus?', 'gelu'],
  ['silus?', 'silu'],
  ['swish', 'silu'],
  ['mish', 'mish'],
  ['selus?', 'selu'],
  ['elus?', 'elu'],
  ['softplus', 'softplus'],
  ['softsign', 'softsign'],
  ['softmax(?:es)?', 'softmax'],
  ['(?:linear|identity)(?= activation)', 'linear'],
];
const PROSE_PATTERNS = PROSE.map(([src, name]) => ({ re: new RegExp(`(?<!${WORD})${src}(?!${WORD})`, 'gi'), name }));

export function findActivationAt(lineText: string, character: number, languageId: string): ActivationMatch | null {
  const prose = PROSE_LANGUAGES.has(languageId);
  return fromString(lineText, character) ?? fromCode(lineText, character, prose) ?? (prose ? fromProse(lineText, character) : null);
}

const inside = (c: number, start: number, end: number) => c >= start && c <= end;

function fromCode(line: string, c: number, prose: boolean): ActivationMatch | null {
  const strings = prose ? [] : stringSpans(line);
  for (const m of line.matchAll(CHAIN)) {
    const chainStart = m.index!;
    if (!inside(c, chainStart, chainStart + m[0].length)) continue;
    // Inside a string only the keyed forms count (handled by fromString): print("relu") is not a mention.
    if (strings.some((s) => chainStart > s.start && chainStart < s.end)) return null;
    const segments = m[0].split('.');
    let offset = chainStart;
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k];
      const start = offset;
      offset += seg.length + 1;
      if (!inside(c, start, start + seg.length)) continue;
      const namespace = segments.slice(0, k).join('.');
      const afterDot = k > 0 || line[chainStart - 1] === '.';
      // In prose, bare words are left to the prose patterns (so "Identity matrices" is not nn.Identity).
      if (prose && !afterDot) return null;
      const keyed = !afterDot && STRING_CONTEXTS[0].test(line.slice(0, start));
      const name = codeName(seg, namespace, afterDot, keyed);
      if (!name) continue;
      const end = start + seg.length;
      const args = callArguments(line, end);
      const exprEnd = args ? args.end : end;
      const { params, note } = libraryParams(name, seg, namespace, args?.list ?? []);
      return { name, range: { start, end }, expression: { start: chainStart, end: exprEnd, text: line.slice(chainStart, exprEnd) }, params, note, via: 'code' };
    }
  }
  return null;
}

function codeName(seg: string, namespace: string, afterDot: boolean, keyed: boolean): CanonicalName | null {
  if (keyed) return stringName(seg)?.name ?? null; // YAML/TOML `activation: relu`
  if (Object.hasOwn(CLASSES, seg)) return CLASSES[seg];
  const fn = seg.endsWith('_') && afterDot ? seg.slice(0, -1) : seg; // torch's in-place relu_, sigmoid_
  if (Object.hasOwn(FUNCTIONS, fn)) return FUNCTIONS[fn];
  const special = NAMESPACED.find((n) => n.name === seg && n.namespace.test(namespace));
  return special ? special.canonical : null;
}

function stringName(text: string): { name: CanonicalName; params?: ActivationParams } | null {
  const key = text.trim().toLowerCase();
  if (Object.hasOwn(STRINGS, key)) return STRINGS[key];
  const name = canonicalName(key) ?? (Object.hasOwn(FUNCTIONS, key) ? FUNCTIONS[key] : null);
  return name ? { name } : null;
}

function fromString(line: string, c: number): ActivationMatch | null {
  for (const m of line.matchAll(STRING_LITERAL)) {
    const start = m.index! + 1;
    const end = start + m[2].length;
    if (!inside(c, start - 1, end + 1)) continue;
    const before = line.slice(0, m.index!);
    if (!STRING_CONTEXTS.some((re) => re.test(before))) continue;
    const found = stringName(m[2]);
    if (!found) continue;
    return {
      name: found.name,
      range: { start, end },
      expression: { start: m.index!, end: end + 1, text: m[0] },
      params: found.params,
      note: found.params?.approximate === 'tanh' ? `"${m[2]}" is the tanh approximation of GELU.` : undefined,
      via: 'string',
    };
  }
  return null;
}

function fromProse(line: string, c: number): ActivationMatch | null {
  for (const { re, name } of PROSE_PATTERNS) {
    for (const m of line.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (inside(c, start, end)) return { name, range: { start, end }, expression: { start, end, text: m[0] }, via: 'prose' };
    }
  }
  return null;
}

/** Quoted spans of a code line, up to a `#` or `//` comment (apostrophes in comments are not quotes). */
function stringSpans(line: string): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '#' || (ch === '/' && line[i + 1] === '/')) break;
    if (ch !== '"' && ch !== "'") continue;
    let j = i + 1;
    while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
    spans.push({ start: i, end: j });
    i = j;
  }
  return spans;
}

/** The top-level arguments of a call starting at `from` (after optional spaces), on this line only. */
function callArguments(line: string, from: number): { list: string[]; end: number } | null {
  let i = from;
  while (line[i] === ' ') i++;
  if (line[i] !== '(') return null;
  const list: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let j = i + 1; j < line.length; j++) {
    const ch = line[j];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) {
        if (current.trim()) list.push(current.trim());
        return { list, end: j + 1 };
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      list.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  return null;
}

/** Which argument slots hold which parameter: constructors take them first, functions after the input x. */
const SLOTS: Partial<Record<CanonicalName, Array<{ keys: string[]; param: keyof ActivationParams }>>> = {
  leaky_relu: [{ keys: ['negative_slope', 'alpha'], param: 'alpha' }],
  elu: [{ keys: ['alpha'], param: 'alpha' }],
  softplus: [
    { keys: ['beta'], param: 'beta' },
    { keys: ['threshold'], param: 'threshold' },
  ],
  hardtanh: [
    { keys: ['min_val'], param: 'minVal' },
    { keys: ['max_val'], param: 'maxVal' },
  ],
  gelu: [{ keys: ['approximate'], param: 'approximate' }],
};

function libraryParams(name: CanonicalName, seg: string, namespace: string, args: string[]): { params?: ActivationParams; note?: string } {
  const params: ActivationParams = {};
  let note: string | undefined;
  const keras = /(^|\.)keras(\.|$)|^layers$|(^|\.)activations$/.test(namespace);
  if (name === 'leaky_relu') {
    if (/(^|\.)layers$/.test(namespace) && keras) params.alpha = 0.3;
    else if (keras || /^tf\.nn$/.test(namespace)) params.alpha = 0.2;
    else if (!namespace && seg === 'LeakyReLU') note = "PyTorch's nn.LeakyReLU defaults to α = 0.01; Keras's LeakyReLU layer to 0.3.";
  }
  // jax.nn.gelu (re-exported as flax.linen.gelu, often imported as nn) defaults to approximate=True.
  if (name === 'gelu' && seg === 'gelu' && /(^|\.)jax\.nn$|(^|\.)linen$|^nn$/.test(namespace)) {
    params.approximate = 'tanh';
    note = 'jax.nn.gelu uses the tanh approximation unless approximate=False.';
  }
  if (name === 'hard_sigmoid' && keras) note = 'Keras 2 defined hard_sigmoid as clip(0.2x + 0.5, 0, 1); Keras 3 uses ReLU6(x + 3)/6 like PyTorch.';

  const isClass = /^[A-Z]/.test(seg);
  const slots = SLOTS[name] ?? [];
  const positional = args.filter((a) => !/^[A-Za-z_]\w*\s*=[^=]/.test(a)).slice(isClass ? 0 : 1);
  slots.forEach((slot, i) => {
    const keyed = args.find((a) => slot.keys.some((k) => new RegExp(`^${k}\\s*=[^=]`).test(a)));
    const raw = keyed ? keyed.slice(keyed.indexOf('=') + 1).trim() : positional[i];
    const value = raw === undefined ? undefined : literal(raw, slot.param);
    if (value !== undefined) (params as Record<string, unknown>)[slot.param] = value;
  });
  return { params: Object.keys(params).length ? params : undefined, note };
}

function literal(raw: string, param: keyof ActivationParams): number | string | undefined {
  if (param === 'approximate') {
    const s = raw.replace(/^(['"])(.*)\1$/, '$2');
    if (s === 'tanh' || s === 'True' || s === 'true') return 'tanh';
    if (s === 'none' || s === 'False' || s === 'false') return 'none';
    return undefined;
  }
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw)) return undefined;
  const v = Number(raw);
  return Number.isFinite(v) ? v : undefined;
}
