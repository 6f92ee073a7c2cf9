/**
 * The fuzz targets: for each entry point that reads user input, an
 * arbitrary of hostile inputs and a `run` that calls it and applies the
 * oracle. `npm run fuzz` (run.ts) runs them at 100,000+ cases each in a
 * watchdog worker; the unit suite (test/unit/fuzz) runs the same targets a
 * few hundred times.
 */
import fc from 'fast-check';
import { type ErrorCode } from '../../src/core/errors';
import { parseMatrix } from '../../src/core/parse';
import { parseDataset } from '../../src/core/parse/dataset';
import { loadProblemFile } from '../../src/core/problems';
import { compileExpression, customObjective, FUNCTION_ARITY, parseExpression } from '../../src/core/optim';
import { runCli, type CliIo } from '../../src/cli';
import { COMMANDS, parseArgs, UsageError } from '../../src/cliArgs';
import { garbage, huge, HUGE_UNITS, mutated, NASTY_TOKENS, nested, tokenSoup } from './inputs';
import { checkDataset, checkLoadResult, checkMatrix, checkMdlError, checkMessage, describeThrown, expect, FuzzFailure } from './oracles';
import { CLI_WORDS, DATASET_SEEDS, EXPRESSION_SEEDS, matrixText, MATRIX_SEEDS, PROBLEM_FILE_SEEDS, PROBLEM_KEYS, PROBLEM_VALUES } from './seeds';

export interface Target<T> {
  name: string;
  /** Ordinary cases; megabyte inputs come from `huge`, mixed in at a low rate. */
  arbitrary: fc.Arbitrary<T>;
  huge: fc.Arbitrary<T>;
  /** Calls the entry point; throws FuzzFailure (or anything) when the oracle is not met. */
  run(input: T): void;
  /** The input as text, to report and to reproduce a failure. */
  show(input: T): string;
}

/** One megabyte case in this many: enough to hit every huge shape thousands of times in 100,000 cases, few enough to keep a run to minutes. */
export const HUGE_RATE = 200;

/** The arbitrary a run draws from: ordinary cases, with `huge` ones one time in HUGE_RATE. */
export function mixed<T>(t: Target<T>, hugeRate = HUGE_RATE): fc.Arbitrary<T> {
  return fc.oneof({ weight: hugeRate - 1, arbitrary: t.arbitrary }, { weight: 1, arbitrary: t.huge });
}

/** Errors about the whole input (empty, over the size limit) have no position to point at, by contract. */
const WHOLE_INPUT: ReadonlySet<ErrorCode> = new Set(['empty', 'too-large']);

const MATRIX_TOKENS = [
  '[', ']', '{', '}', '(', ')', ',', ';', '&', '\\\\', '|', '|---|', '-', '+', '*', '/', '^', '**', '.', '...', ' ', '\n', '\t', '"', "'", '#', '%', '$$', '=',
  'A = ', '0', '1', '2.5', '-3', '1e-3', 'e', 'pi', 'π', '√', 'sqrt(', 'Sqrt[', 'x', 'np.array(', 'dtype=float', '\\frac', '\\frac12', '{1}', '\\sqrt', '\\pi',
  '\\begin{bmatrix}', '\\end{bmatrix}', '\\begin{array}{cc}', '\\end{array}', '\\hline', '\\left(', '\\right)', '\\cdot', '```', '>>>', '\\phantom{-}', 'j',
];

/** Pathological shapes of a megabyte, in the syntaxes the readers know. */
const HUGE_TEXT = fc.oneof(
  huge(HUGE_UNITS),
  huge(['1, ', '[1, 2], ', '1 2; ', '1 & 2 \\\\ ', '| 1 | 2 |\n', '"a": [1], ', '{"x": 1}, ', 'sqrt(2)+', '(1+', '\\frac{1}{'], [
    ['', ''], ['[', ']'], ['[[', ']]'], ['{', '}'], ['np.array([', '])'], ['\\begin{bmatrix}', '\\end{bmatrix}'], ['[{', '}]'],
  ]),
  nested('[', '1', ']'),
  nested('[', '', ''),
  nested('(', '1', ')'),
  nested('{', '1', '}'),
  nested('{"a":', '1', '}'),
  nested('\\frac{', '1}{2', '}'),
  nested('sqrt(', '2', ')'),
  nested('-', '1', ''),
  nested('2^', '2', ''),
  fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => '1' + '0'.repeat(n)),
  fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => '0.' + '0'.repeat(n) + '1'),
  fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => '1e' + '9'.repeat(n)),
  fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => `[[1, ${'9'.repeat(n)}], [3, 4]]`),
);

/* ---------- parseMatrix ---------- */

const MAX_ENTRIES = 250_000;

export const matrixTarget: Target<string> = {
  name: 'matrix',
  arbitrary: fc.oneof(
    { weight: 2, arbitrary: garbage() },
    { weight: 3, arbitrary: tokenSoup(MATRIX_TOKENS) },
    { weight: 3, arbitrary: matrixText },
    { weight: 4, arbitrary: mutated(fc.oneof(fc.constantFrom(...MATRIX_SEEDS), matrixText)) },
  ),
  huge: HUGE_TEXT,
  run(text) {
    let m;
    try {
      m = parseMatrix(text, { maxEntries: MAX_ENTRIES });
    } catch (e) {
      checkMdlError(e, text, WHOLE_INPUT);
      return;
    }
    checkMatrix(m, MAX_ENTRIES);
  },
  show: (text) => text,
};

/* ---------- parseDataset ---------- */

const DATASET_TOKENS = [...MATRIX_TOKENS, ':', '"X1"', "'a'", 'NA', 'NaN', 'None', '?', 'Feature', 'Example 1', '$X_1$', '\t', '\n', 'pd.DataFrame(', 'orient='];

export const datasetTarget: Target<{ text: string; transpose: boolean }> = {
  name: 'dataset',
  arbitrary: fc.record({
    text: fc.oneof(
      { weight: 2, arbitrary: garbage() },
      { weight: 3, arbitrary: tokenSoup(DATASET_TOKENS) },
      { weight: 2, arbitrary: matrixText },
      { weight: 4, arbitrary: mutated(fc.oneof(fc.constantFrom(...DATASET_SEEDS), matrixText)) },
    ),
    transpose: fc.boolean(),
  }),
  huge: fc.record({ text: HUGE_TEXT, transpose: fc.boolean() }),
  run({ text, transpose }) {
    let d;
    try {
      d = parseDataset(text, { maxEntries: MAX_ENTRIES, transpose });
    } catch (e) {
      checkMdlError(e, text, WHOLE_INPUT);
      return;
    }
    checkDataset(d, MAX_ENTRIES);
  },
  show: ({ text, transpose }) => (transpose ? `/* transpose */\n${text}` : text),
};

/* ---------- loadProblemFile (.mdl.json) ---------- */

/** A JSON-ish value: problem vocabulary, nasty literals written raw (1e999, NaN), nesting. */
const jsonish: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...PROBLEM_VALUES).map((s) => JSON.stringify(s)),
    fc.tuple(fc.constantFrom(...NASTY_TOKENS), fc.boolean()).map(([s, raw]) => (raw ? s : JSON.stringify(s))),
    fc.constantFrom('0', '1', '-1', '0.5', '1e999', '-1e999', '1e-320', '1e308', 'true', 'false', 'null', 'NaN', 'Infinity', '.5', '+1', '0x10', '01'),
    fc.double().map((x) => String(x)),
    fc.array(tie('value'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom(...PROBLEM_KEYS), tie('value')), { maxLength: 5 }).map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`),
  ),
})).value;

/** A problem object with a known kind and a few fields from the vocabulary. */
const problemish = fc
  .tuple(fc.constantFrom(...PROBLEM_VALUES.slice(0, 9)), fc.array(fc.tuple(fc.constantFrom(...PROBLEM_KEYS), jsonish), { maxLength: 6 }))
  .map(([kind, fields]) => `{"id": "p", "kind": ${JSON.stringify(kind)}${fields.map(([k, v]) => `, ${JSON.stringify(k)}: ${v}`).join('')}}`);
const problemFile = fc.array(problemish, { minLength: 1, maxLength: 3 }).map((ps) => `{"title": "fuzz", "problems": [${ps.join(',\n')}]}`);

const JSON_TOKENS = ['{', '}', '[', ']', ':', ',', '"', '"id"', '"kind"', '"problems"', '"svd"', '"matrix"', '1', '-', 'e', 'true', 'null', '//', '/*', '*/', '\\', '\\u', ' ', '\n'];

export const loaderTarget: Target<string> = {
  name: 'mdl.json loader',
  arbitrary: fc.oneof(
    { weight: 1, arbitrary: garbage() },
    { weight: 2, arbitrary: tokenSoup(JSON_TOKENS) },
    { weight: 3, arbitrary: problemFile },
    { weight: 4, arbitrary: mutated(fc.oneof(fc.constantFrom(...PROBLEM_FILE_SEEDS), problemFile)) },
  ),
  huge: fc.oneof(
    nested('{"a":', '1', '}'),
    nested('[', '1', ']'),
    nested('{"problems": [', '1', ']}', 20_000),
    huge(['1, ', '{}, ', '"x", ', '// c\n', '/*', ' ', '"\\u00e9'], [['{"problems": [', ']}'], ['{"problems": [{"id": "q", "kind": "svd", "matrix": [[', ']]}]}'], ['', '']]),
    fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => `{"problems": [{"id": "q", "kind": "optimize", "objective": "${'x+'.repeat(n / 2)}x"}]}`),
  ),
  run(text) {
    let r;
    try {
      r = loadProblemFile(text);
    } catch (e) {
      throw new FuzzFailure(`loadProblemFile threw (it must never throw): ${describeThrown(e)}`);
    }
    checkLoadResult(r, text);
  },
  show: (text) => text,
};

/* ---------- objective expressions ---------- */

const EXPRESSION_TOKENS = [
  'x', 'y', 'θ', 'w_1', 'b', ' ', '+', '-', '*', '/', '^', '**', '(', ')', ',', '.', '2', '0.5', '1e-3', 'e', 'pi', 'sin(', 'cos(', 'tan(', 'exp(', 'log(',
  'sqrt(', 'abs(', 'tanh(', 'sigmoid(', 'sign(', 'pow(', 'max(', 'import(', 'constructor', '__proto__', 'Infinity', '=', '==', '[', ']', '"', "'", '!', '%', '\n', '\t',
];

const THETAS = [[0], [1], [-1.5], [1e308], [-1e-320], [NaN]];

export const objectiveTarget: Target<string> = {
  name: 'objective expression',
  arbitrary: fc.oneof(
    { weight: 2, arbitrary: garbage(80) },
    { weight: 4, arbitrary: tokenSoup(EXPRESSION_TOKENS, 30) },
    { weight: 4, arbitrary: mutated(fc.constantFrom(...EXPRESSION_SEEDS)) },
  ),
  huge: fc.oneof(HUGE_TEXT, nested('(', 'x', ')', 2000), huge(['x+', 'x^', 'sin(', '-'], [['', 'x']])),
  run(text) {
    let parsed;
    try {
      parsed = parseExpression(text);
    } catch (e) {
      checkMdlError(e, text, WHOLE_INPUT);
      return;
    }
    const vars = parsed.variables;
    expect(vars.every((v, i) => i === 0 || vars[i - 1] < v), `variables not sorted and unique: ${vars.join(', ')}`);
    expect(vars.every((v) => /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(v) && !Object.hasOwn(FUNCTION_ARITY, v) && v !== 'pi' && v !== 'e'), `bad variable name in ${vars.join(', ')}`);
    let f;
    try {
      f = compileExpression(text, vars);
    } catch (e) {
      throw new FuzzFailure(`compileExpression failed on a parsed expression: ${describeThrown(e)}`);
    }
    for (const t of THETAS) {
      const v = f(vars.map((_, i) => t[0] * (i + 1)));
      expect(typeof v === 'number', `evaluated to ${typeof v}`);
    }
    // Symbolic differentiation costs milliseconds; only short expressions of few variables, as objectives are.
    if (text.length > 80 || vars.length > 3 || vars.length === 0) return;
    let objective;
    try {
      objective = customObjective(text);
    } catch (e) {
      checkMdlError(e, text, new Set(['too-large', 'unsupported']));
      return;
    }
    expect(objective.variables.join() === vars.join(), 'customObjective variables differ from parseExpression');
    const g = objective.gradient(vars.map(() => 0.5));
    expect(g.length === vars.length && typeof objective.value(vars.map(() => 0.5)) === 'number', 'gradient or value malformed');
  },
  show: (text) => text,
};

/* ---------- the command line ---------- */

const argument = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CLI_WORDS) },
  { weight: 1, arbitrary: garbage(20) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_TOKENS) },
  { weight: 1, arbitrary: mutated(fc.constantFrom(...CLI_WORDS)) },
);

/** A fake terminal: no files but a.txt, no standard input. */
function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const missing = (p: string) => {
    throw new Error(`ENOENT: no such file or directory, open '${p}'`);
  };
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: () => undefined,
    readFile: (p) => (p === 'a.txt' ? '[[1, 2], [3, 4]]' : missing(p)),
    readBytes: (p) => missing(p),
    writeBytes: () => undefined,
    exists: () => false,
  };
  return { io, out: () => out, err: () => err };
}

export const cliTarget: Target<string[]> = {
  name: 'cli arguments',
  arbitrary: fc.array(argument, { maxLength: 10 }),
  huge: fc.oneof(
    fc.integer({ min: 10_000, max: 100_000 }).map((n) => ['svd', ...Array.from({ length: n }, () => '--no-exact')]),
    fc.tuple(fc.constantFrom('svd', 'pca', 'activation', 'run'), HUGE_TEXT).map(([c, t]) => [c, t, '--format', 'json']),
  ),
  run(argv) {
    let parsed: ReturnType<typeof parseArgs> | null = null;
    let usage: UsageError | null = null;
    try {
      parsed = parseArgs(argv);
    } catch (e) {
      if (!(e instanceof UsageError)) throw new FuzzFailure(`parseArgs threw something other than UsageError: ${describeThrown(e)}`);
      checkMessage(e.message, 'UsageError', argv.join(' '));
      expect(Number.isInteger(e.argument) && e.argument >= 0 && e.argument <= argv.length, `UsageError points at argument ${e.argument} of ${argv.length}`);
      usage = e;
    }
    if (parsed === 'help') expect(argv.includes('-h') || argv.includes('--help'), "'help' without -h or --help");
    else if (parsed) {
      const p = parsed;
      expect((COMMANDS as readonly string[]).includes(p.command) && argv.includes(p.command), `bad command ${p.command}`);
      expect(['json', 'md', 'text'].includes(p.format), `bad format ${p.format}`);
      expect(Number.isInteger(p.options.precision) && p.options.precision >= 1 && p.options.precision <= 15, `bad precision ${p.options.precision}`);
      expect(Number.isInteger(p.components) && p.components >= 1, `bad components ${p.components}`);
      expect(p.rank === undefined || (Number.isInteger(p.rank) && p.rank >= 1), `bad rank ${p.rank}`);
      expect(p.mode === undefined || p.mode === 'gray' || p.mode === 'rgb', `bad mode ${p.mode}`);
      expect(p.text === undefined || p.file === undefined, 'both a text and a file');
      expect([p.text, p.file, p.problem, p.out].every((s) => s === undefined || argv.includes(s)), 'a value that is not one of the arguments');
    }
    // The command as the terminal sees it, with no files and no standard input: exit 0, 1 or 2 and a message,
    // never an exception or "internal error". svd and pca on a matrix are the derivations, not argument
    // handling (the matrix and dataset targets fuzz their parsers), so only a usage error is run for them.
    if (parsed && parsed !== 'help' && (parsed.command === 'svd' || parsed.command === 'pca')) return;
    const { io, out, err } = fakeIo();
    let code: number;
    try {
      code = runCli(argv, io);
    } catch (e) {
      throw new FuzzFailure(`runCli threw: ${describeThrown(e)}`);
    }
    expect(code === 0 || code === 1 || code === 2, `exit code ${code}: ${err().slice(0, 300)}`);
    if (usage) expect(code === 2 && err().startsWith(`mdl: ${usage.message}\n`), 'a usage error must exit 2 with its message');
    if (parsed === 'help') expect(code === 0 && out().startsWith('Usage:'), 'help must print the usage');
    if (code !== 0) expect(err().trim().length > 0 || out().trim().length > 0, `exit ${code} with nothing said`);
  },
  show: (argv) => JSON.stringify(argv),
};

export const TARGETS: ReadonlyArray<Target<any>> = [matrixTarget, datasetTarget, loaderTarget, objectiveTarget, cliTarget];

/** Not a real target: hangs on one input in ten, to show the watchdog works (FUZZ_TARGETS=watchdog-selftest). */
export const watchdogSelfTest: Target<number> = {
  name: 'watchdog-selftest',
  arbitrary: fc.nat(99),
  huge: fc.nat(99),
  run(n) {
    if (n % 10 !== 7) return;
    for (;;); // eslint-disable-line no-empty
  },
  show: (n) => `hang on ${n}`,
};
