/**
 * Hostile text, shared by every fuzz target: random garbage, pathological
 * nesting, extreme numbers, the many spellings of NaN and infinity, awkward
 * Unicode, megabyte lines, and mutations (truncations, deletions,
 * duplications, swaps, insertions) of valid inputs that each target supplies.
 */
import fc from 'fast-check';

/** Numbers at and past the edges of doubles, and literal syntaxes some languages have and we do not. */
export const EXTREME_NUMBERS = [
  '1e308', '1.7976931348623157e308', '1.8e308', '1e309', '-1e999', '1e-320', '5e-324', '1e-400', '2.2250738585072014e-308', '-0', '-0.0', '0e0',
  '0x1F', '0xFF', '0b101', '0o17', '1_000', '1_000.5', '1e', '1e+', '.5', '5.', '1..2', '1.2.3', '00012', '9007199254740993', '123456789012345678901234567890',
  '1e1000000000', '1e-1000000000', '10^308', '10^309', '2^1024', '2**-1075', '1/3', '1/0', '0/0', '-1/0', '1e308*10', '(1e308)^2', 'sqrt(-1)', 'log(0)', '*^',
];

/** NaN and infinity as Python, NumPy, MATLAB, JavaScript, Mathematica, Excel and TeX spell them. */
export const NON_FINITE = [
  'nan', 'NaN', 'NAN', '-nan', 'inf', 'Inf', 'INF', '-inf', '+inf', 'infinity', 'Infinity', '-Infinity', '+Infinity', 'np.nan', 'np.inf', '-np.inf', 'numpy.nan',
  'math.inf', 'math.nan', "float('inf')", 'float("nan")', "float('-inf')", 'Double.NaN', 'Number.POSITIVE_INFINITY', '∞', '-∞', '+∞', '\\infty', '-\\infty',
  'Indeterminate', 'ComplexInfinity', 'DirectedInfinity[1]', '#NUM!', '#DIV/0!', 'NA', 'None', 'null', 'undefined', 'nil', '1.#INF', '1.#QNAN',
];

/** Characters that break naive scanners: combining marks, bidi controls, emoji, NUL, lone surrogates, look-alike digits and minus signs. */
export const UNICODE = [
  '\u0301', '\u0338', 'e\u0301', '\u200e', '\u200f', '\u202e', '\u2066', '\u2069', '\ufeff', '\u200b', '\u00a0', '\u2009', '\u3000', '\u2028', '\u2029',
  '😀', '👩‍👩‍👧', '🇫🇷', '\u0000', '\u0007', '\u001b[31m', '\ud800', '\udfff', '\udc00\ud800', '１２３', '٣', '۴', '५', '𝟙', '−', '–', '—', '‐', '﹣', '－',
  '½', '⅓', '²', '√', 'π', '∑', 'ß', 'İ', 'ﬁ', 'Å', '\r', '\r\n', '\v', '\f', '\t',
];

export const NASTY_TOKENS = [...EXTREME_NUMBERS, ...NON_FINITE, ...UNICODE];

/** One UTF-16 unit anywhere in the BMP (lone surrogates included), or one of the nasty tokens. */
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom(...UNICODE) },
);

/** Random garbage: arbitrary code units, printable ASCII, and full code points. */
export function garbage(maxLength = 120): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: anyUnit, maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength: Math.ceil(maxLength / 4) }),
  );
}

/** A random sequence of a target's syntax, interleaved with nasty tokens. */
export function tokenSoup(tokens: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  const token = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_TOKENS) });
  return fc.array(token, { maxLength }).map((parts) => parts.join(''));
}

type Mutation = (s: string) => string;

/** A position in `s` from a fraction in [0, 1), so one mutation applies to inputs of any length. */
const at = (s: string, f: number) => Math.min(s.length, Math.floor(f * (s.length + 1)));
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map((f): Mutation => (s) => s.slice(0, at(s, f))), // truncate
  fraction.map((f): Mutation => (s) => s.slice(at(s, f))), // drop a prefix
  fc.tuple(fraction, fc.integer({ min: 1, max: 8 })).map(([f, n]): Mutation => (s) => s.slice(0, at(s, f)) + s.slice(at(s, f) + n)), // delete
  fc.tuple(fraction, fc.integer({ min: 1, max: 16 })).map(([f, n]): Mutation => (s) => {
    const i = at(s, f);
    return s.slice(0, i + n) + s.slice(i, i + n) + s.slice(i + n); // duplicate a span
  }),
  fraction.map((f): Mutation => (s) => {
    const i = Math.min(at(s, f), Math.max(0, s.length - 2));
    return s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2); // swap neighbours
  }),
  fc.tuple(fraction, fc.constantFrom(...NASTY_TOKENS, '[', ']', '{', '}', '(', ')', ',', ';', '"', ':', '\n', '\\', '|', '&', ' ')).map(
    ([f, t]): Mutation => (s) => s.slice(0, at(s, f)) + t + s.slice(at(s, f)), // insert
  ),
  fc.tuple(fraction, fc.constantFrom(...NASTY_TOKENS)).map(([f, t]): Mutation => (s) => s.slice(0, at(s, f)) + t + s.slice(at(s, f) + 1)), // replace one unit
);

/** Valid inputs, then up to `max` mutations applied in turn. */
export function mutated(seeds: fc.Arbitrary<string>, max = 6): fc.Arbitrary<string> {
  return fc.tuple(seeds, fc.array(mutation, { minLength: 1, maxLength: max })).map(([seed, ms]) => ms.reduce((s, m) => m(s), seed));
}

/** `open` n times, a core, `close` n times: nesting far past any recursion limit. */
export function nested(open: string, core: string, close: string, maxDepth = 100_000): fc.Arbitrary<string> {
  return fc.integer({ min: 1000, max: maxDepth }).map((n) => open.repeat(n) + core + close.repeat(n));
}

export const HUGE = 1_000_000;

/** A unit repeated to about a million characters, optionally framed: one enormous line (or many lines). */
export function huge(units: readonly string[], frames: ReadonlyArray<[string, string]> = [['', '']]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...units), fc.constantFrom(...frames), fc.integer({ min: HUGE / 2, max: HUGE })).map(
    ([unit, [before, after], length]) => before + unit.repeat(Math.max(1, Math.floor(length / unit.length))) + after,
  );
}

/** Units for megabyte inputs common to every text target. */
export const HUGE_UNITS = [
  '1,', '1 ', '1\t', '1\n', '-', '- ', '9', '0', 'a', ' ', '\n', '(', '[', '{', '√', '2^', '1e', '.', '"', '\\', '&', '|', '−', '😀', '\u0301', '\ud800', '\u0000',
];
