/**
 * `mdl`: the same engine as the extension, for the terminal, CI and TAs.
 *   mdl svd "<matrix>" [--format json|md|text] [--file PATH] [--precision N] [--no-exact]
 *   mdl pca "<data>" [--components k] [--denominator n-1|n] [...]
 *   mdl activation NAME [--format json|md]
 *   mdl run FILE.mdl.json [--problem ID] [--format json|md|text]
 *   mdl check FILE.mdl.json      (exit 1 when an answer is wrong, file:line:col diagnostics)
 *   mdl image FILE [--rank k] [--mode gray|rgb] [--out FILE.png] [--format json|text]
 * Text comes from the argument, from --file, or from stdin.
 * Exit codes: 0 success, 1 bad input (message says where), 2 bad usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { isMdlError } from './core/errors';
import { derivationToMarkdown, derivationToText } from './core/render/markdown';
import { deriveActivation } from './core/activations/derivations';
import { findActivationAt } from './core/activations/recognize';
import { CANONICAL_NAMES, canonicalName, getActivation } from './core/activations/table';
import type { Derivation } from './core/derivation';
import { imageCommand } from './core/image';
import { checkFile, formatDiagnostic, loadProblemFile, runFile, runProblem } from './core/problems';
import { pcaFromInput, svdFromText, type TopicOptions } from './core/topics';
import { parseArgs, UsageError, type Format, type ParsedArgs as Parsed } from './cliArgs';

export { parseArgs, UsageError } from './cliArgs';

const USAGE = `Usage:
  mdl svd "<matrix>"  [--format json|md|text] [--file PATH] [--precision N] [--no-exact]
  mdl pca "<data>"    [--components k] [--denominator n-1|n] [--transpose] [options as for svd]
  mdl activation NAME [--format json|md|text]
  mdl run FILE.mdl.json [--problem ID] [--format json|md|text]
  mdl check FILE.mdl.json
  mdl image FILE.png|jpg [--rank k] [--mode gray|rgb] [--out FILE.png] [--format json|text]

svd reads a matrix (JSON/Python lists, NumPy, MATLAB, Mathematica, LaTeX, CSV/TSV or a
Markdown table); pca reads a dataset (a table with a header, as in the assignment,
JSON columns or rows, or a plain matrix with one sample per row). The text comes from
the argument, from --file PATH, or from standard input. The step-by-step derivation
is printed.

  --format json   the result as JSON (default: text)
  --format md     a Markdown derivation with $$ blocks, ready to paste
  --precision N   decimal places for numbers without an exact form (default 4)
  --no-exact      decimals only; do not recognise closed forms such as √3
  --components k  pca: components to keep (default 1)
  --denominator   pca: covariance denominator, n-1 (default) or n
  --transpose     pca: flip the detected orientation (features as rows ↔ samples as rows)
  --problem ID    run: only the problem with this id
  --rank k        image: keep k singular values per channel (default 20)
  --mode          image: gray (default) or rgb (each channel compressed separately)
  --out FILE.png  image: also write the rank-k picture
  -h, --help      show this help`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string | undefined;
  readFile: (path: string) => string;
  readBytes: (path: string) => Uint8Array;
  writeBytes: (path: string, bytes: Uint8Array) => void;
  exists: (path: string) => boolean;
}

export function runCli(argv: string[], io: CliIo): number {
  let parsed: Parsed | 'help';
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`mdl: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (parsed.command === 'image') return imageCli(parsed, io);
  let text: string | undefined;
  try {
    text = parsed.text ?? (parsed.file !== undefined ? io.readFile(parsed.file) : io.readStdin());
  } catch (e) {
    io.stderr(`mdl: cannot read ${parsed.file}: ${(e as Error).message}\n`);
    return 1;
  }
  if (text === undefined) {
    io.stderr(`mdl: no matrix given (pass it as an argument, with --file, or on standard input)\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.command === 'activation') return activationCommand(text.trim(), parsed.format, io);
  try {
    if (parsed.command === 'run') return runCommand(text, parsed, io);
    if (parsed.command === 'check') return checkCommand(text, parsed.file ?? '<stdin>', parsed.options, io);
    const { derivation, json } =
      parsed.command === 'svd'
        ? svdFromText(text, parsed.options)
        : pcaFromInput({ text, components: parsed.components, transpose: parsed.transpose, edits: [] }, parsed.options);
    // Caveats (ill-conditioning, scaling) join the JSON only when there are some, so clean results keep their shape.
    const out = derivation.warnings.length ? { ...json, warnings: derivation.warnings } : json;
    if (parsed.format === 'json') io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    else if (parsed.format === 'md') io.stdout(derivationToMarkdown(derivation));
    else io.stdout(derivationToText(derivation));
    return 0;
  } catch (e) {
    if (isMdlError(e)) {
      const where = parsed.file ? `${parsed.file}: ` : '';
      io.stderr(`mdl: ${where}${e.describe()}\n`);
      return 1;
    }
    io.stderr(`mdl: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 70;
  }
}

/** `mdl activation NAME`: the function, its derivative and its properties; unknown names list the known ones. */
function activationCommand(name: string, format: Format, io: CliIo): number {
  // Plain names first, then library spellings such as nn.SiLU or F.gelu.
  const canonical = canonicalName(name) ?? findActivationAt(name, Math.max(0, name.length - 1), 'python')?.name ?? null;
  if (!canonical) {
    io.stderr(`mdl: unknown activation "${name}". Known: ${CANONICAL_NAMES.join(', ')} (and spellings such as logistic, swish, SiLU, LeakyReLU, identity).\n`);
    return 1;
  }
  const spec = getActivation(canonical);
  const { derivation, json } = deriveActivation(canonical);
  if (format === 'json') {
    const out = { name: spec.name, formula: spec.tex.f, derivative: spec.tex.df, range: json.properties.range, properties: json.properties, params: json.params };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else io.stdout(format === 'md' ? derivationToMarkdown(derivation as Derivation) : derivationToText(derivation as Derivation));
  return 0;
}

/** `mdl run`: every problem (or one) through the same engine; JSON `{"problems":[{id,kind,result,steps}]}`. */
function runCommand(text: string, parsed: Parsed, io: CliIo): number {
  const fileName = parsed.file ?? '<stdin>';
  const out = runFile(text, { ...parsed.options, problem: parsed.problem });
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  for (const d of out.diagnostics) io.stderr(`${formatDiagnostic(fileName, d)}\n`);
  if (parsed.format === 'json') {
    const problems = out.problems.map(({ id, kind, result, steps, error }) => (error ? { id, kind, error } : { id, kind, result, steps }));
    io.stdout(`${JSON.stringify({ problems }, null, 2)}\n`);
  } else {
    for (const p of out.problems) {
      const loaded = loadProblemFile(text).problems.find((q) => q.id === p.id);
      if (p.error || !loaded) {
        io.stdout(`## ${p.id}: ${p.error ?? 'not run'}\n\n`);
        continue;
      }
      const { derivation } = runProblem(loaded, parsed.options);
      const d = { ...derivation, title: `${p.id} · ${derivation.title}` } as Derivation;
      io.stdout(parsed.format === 'md' ? derivationToMarkdown(d) : derivationToText(d));
      io.stdout('\n');
    }
  }
  return errors.length || out.problems.some((p) => p.error) ? 1 : 0;
}

/** `mdl check`: file:line:col diagnostics as a TA's CI wants them; exit 1 when anything is wrong. */
function checkCommand(text: string, fileName: string, options: TopicOptions, io: CliIo): number {
  const { diagnostics, failed } = checkFile(text, options);
  for (const d of diagnostics) io.stdout(`${formatDiagnostic(fileName, d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  io.stdout(failed ? `${errors} problem${errors === 1 ? '' : 's'} found\n` : 'All answers check out.\n');
  return failed ? 1 : 0;
}

/** `mdl image`: compress a PNG/JPEG with a truncated SVD; --out writes the rank-k picture (never over an existing file). */
function imageCli(parsed: Parsed, io: CliIo): number {
  const file = parsed.file!;
  let bytes: Uint8Array;
  try {
    bytes = io.readBytes(file);
  } catch (e) {
    io.stderr(`mdl: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  if (parsed.out && io.exists(parsed.out)) {
    io.stderr(`mdl: ${parsed.out} already exists; choose another --out (nothing was written)\n`);
    return 1;
  }
  try {
    const result = imageCommand(bytes, file, { rank: parsed.rank, mode: parsed.mode, format: parsed.format === 'json' ? 'json' : 'text', png: parsed.out !== undefined, inflate: inflateSync });
    io.stdout(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    if (parsed.out && result.png) io.writeBytes(parsed.out, result.png);
    return 0;
  } catch (e) {
    if (isMdlError(e)) {
      io.stderr(`mdl: ${file}: ${e.describe()}\n`);
      return 1;
    }
    throw e;
  }
}

function readStdin(): string | undefined {
  if (process.stdin.isTTY) return undefined;
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  // `mdl … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    readFile: (p) => readFileSync(p, 'utf8'),
    readBytes: (p) => new Uint8Array(readFileSync(p)),
    writeBytes: (p, bytes) => writeFileSync(p, bytes, { flag: 'wx' }),
    exists: (p) => existsSync(p),
  });
}
