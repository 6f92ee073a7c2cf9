/**
 * The `mdl` command line's arguments → what to do. Pure: no I/O, no process,
 * so it can be unit-tested and fuzzed in-process. Bad usage is a UsageError
 * that names the offending argument by its index in argv (argv.length when
 * something is missing at the end), so callers and tests can point at it.
 */
import { defaultTopicOptions, type TopicOptions } from './core/topics';

export type Format = 'json' | 'md' | 'text';

export class UsageError extends Error {
  /** Index in argv of the argument at fault; argv.length when the fault is something missing. */
  constructor(
    message: string,
    readonly argument: number,
  ) {
    super(message);
  }
}

export const COMMANDS = ['svd', 'pca', 'activation', 'run', 'check', 'image'] as const;
export type Command = (typeof COMMANDS)[number];

export interface ParsedArgs {
  command: Command;
  text?: string;
  file?: string;
  format: Format;
  options: TopicOptions;
  components: number;
  transpose: boolean;
  problem?: string;
  rank?: number;
  mode?: 'gray' | 'rgb';
  out?: string;
}

/** 'help' for -h/--help; throws UsageError for anything else it cannot accept. */
export function parseArgs(argv: readonly string[]): ParsedArgs | 'help' {
  const options = { ...defaultTopicOptions };
  let format: Format = 'text';
  let formatAt = -1;
  let file: string | undefined;
  let fileAt = -1;
  let components = 1;
  let transpose = false;
  let problem: string | undefined;
  let rank: number | undefined;
  let mode: 'gray' | 'rgb' | undefined;
  let out: string | undefined;
  const positional: Array<{ arg: string; at: number }> = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`, argv.length);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--format' || arg === '-f') {
      const f = value();
      if (f !== 'json' && f !== 'md' && f !== 'text') throw new UsageError(`--format must be json, md or text, not "${f}"`, i);
      format = f;
      formatAt = i;
    } else if (arg === '--file') {
      file = value();
      fileAt = i;
    } else if (arg === '--precision') {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 1 || p > 15) throw new UsageError('--precision must be a whole number from 1 to 15', i);
      options.precision = p;
    } else if (arg === '--no-exact') options.exactForms = false;
    else if (arg === '--components' || arg === '-k') {
      const k = Number(value());
      if (!Number.isInteger(k) || k < 1) throw new UsageError('--components must be a whole number of at least 1', i);
      components = k;
    } else if (arg === '--denominator') {
      const d = value();
      if (d !== 'n-1' && d !== 'n') throw new UsageError(`--denominator must be n-1 or n, not "${d}"`, i);
      options.denominator = d;
    } else if (arg === '--transpose') transpose = true;
    else if (arg === '--problem') problem = value();
    else if (arg === '--rank') {
      const k = Number(value());
      if (!Number.isInteger(k) || k < 1) throw new UsageError('--rank must be a whole number of at least 1', i);
      rank = k;
    } else if (arg === '--mode') {
      const m = value();
      if (m !== 'gray' && m !== 'rgb') throw new UsageError(`--mode must be gray or rgb, not "${m}"`, i);
      mode = m;
    } else if (arg === '--out') out = value();
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`, i);
    else positional.push({ arg, at: i });
  }
  const [commandArg, textArg, ...extra] = positional;
  const command = commandArg?.arg;
  const text = textArg?.arg;
  if (command === undefined) throw new UsageError('missing command', argv.length);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}" (known: ${COMMANDS.join(', ')})`, commandArg.at);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0].arg}" (quote the matrix as one argument)`, extra[0].at);
  if (text !== undefined && file !== undefined) throw new UsageError('give the matrix either as an argument or with --file, not both', fileAt);
  if (command === 'image') {
    const path = text ?? file;
    if (path === undefined) throw new UsageError('mdl image needs an image file', argv.length);
    if (format === 'md') throw new UsageError('mdl image writes json or text', formatAt);
    return { command, file: path, format, options, components, transpose, rank, mode, out };
  }
  if ((command === 'run' || command === 'check') && text !== undefined) {
    if (file !== undefined) throw new UsageError('give the problem file once', fileAt);
    return { command, file: text, format, options, components, transpose, problem };
  }
  return { command: command as Command, text, file, format, options, components, transpose, problem };
}
