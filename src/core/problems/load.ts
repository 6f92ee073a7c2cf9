/**
 * Reads a `*.mdl.json` problem file with jsonc-parser (comments and trailing
 * commas allowed), keeps the range of every value, and checks what a JSON
 * schema cannot: kinds and fields with "did you mean", then each kind's
 * semantic rules (validate.ts) and the student's `expect` block. Never
 * throws: everything wrong becomes a diagnostic on the offending text.
 */
// The ES module build: the package's default UMD build hides its internal requires from esbuild, and the bundle then fails at runtime.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main';
import { ProblemContext } from './context';
import { validateExpect } from './expect-fields';
import { COMMON_FIELDS, KIND_FIELDS, type FieldSpec, type FieldType } from './fields';
import { LineIndex, pointer } from './source';
import { article, closest, didYouMean, listOr } from './suggest';
import { PROBLEM_KINDS, type JsonPath, type LoadedProblem, type LoadResult, type ProblemDiagnostic, type ProblemKind, type SourceRange } from './types';
import { validateProblem } from './validate';

const ROOT_FIELDS = ['$schema', 'title', 'problems'];
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** A problem file needs a handful of levels; jsonc-parser and the readers recurse, so far deeper nesting would overflow the stack. */
export const MAX_NESTING = 256;
/** Far more than any assignment; bounds the work (and the editor's diagnostics) for a pathological file. */
export const MAX_PROBLEMS = 1000;
/** Every value costs a range, a pointer and a check; past this a file would take seconds to validate on each keystroke. */
export const MAX_VALUES = 20_000;

export function loadProblemFile(text: string): LoadResult {
  const lines = new LineIndex(text);
  const diagnostics: ProblemDiagnostic[] = [];
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep >= 0) {
    const message = `JSON syntax: arrays and objects nest more than ${MAX_NESTING} deep here; a problem file needs only a few levels.`;
    return { problems: [], diagnostics: [{ range: lines.range(tooDeep, 1), severity: 'error', code: 'json-syntax', message }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) diagnostics.push(syntaxDiagnostic(text, lines, e));

  const whole = lines.range(0, text.length);
  const count = root ? countValues(root, MAX_VALUES) : 0;
  if (count > MAX_VALUES) {
    const message = `The file holds more than ${MAX_VALUES.toLocaleString('en-US')} values; a problem file is for problems, not data sets: use "generate" or keep the data short.`;
    return { problems: [], diagnostics: [...diagnostics, { range: whole, severity: 'error', code: 'out-of-range', message }] };
  }
  if (!root || root.type !== 'object') {
    if (!errors.length) diagnostics.push({ range: root ? lines.range(root.offset, root.length) : whole, severity: 'error', code: 'not-an-object', message: 'A problem file is one JSON object: { "title": "…", "problems": [ … ] }.' });
    return { problems: [], diagnostics };
  }

  let title: string | undefined;
  let problemsNode: Node | undefined;
  for (const prop of root.children ?? []) {
    const [key, value] = prop.children ?? [];
    const name = String(key.value);
    if (name === 'title' && value?.type === 'string') title = value.value;
    else if (name === 'title' && value) diagnostics.push(at(lines, value, 'wrong-type', '"title" must be a string.'));
    else if (name === 'problems') problemsNode = value;
    else if (!ROOT_FIELDS.includes(name)) {
      diagnostics.push(at(lines, key, 'unknown-field', `Unknown top-level field "${name}": a problem file holds "title" and "problems".${didYouMean(name, ROOT_FIELDS)}`));
    }
  }
  const problems: LoadedProblem[] = [];
  if (!problemsNode || problemsNode.type !== 'array') {
    // After a syntax error a missing array is usually its consequence; do not pile on.
    if (errors.length && !problemsNode) return { file: { title, problems, range: whole }, problems, diagnostics };
    const where = problemsNode ?? root;
    diagnostics.push(at(lines, where, problemsNode ? 'wrong-type' : 'no-problems', problemsNode ? '"problems" must be an array of problem objects: "problems": [ { "id": "q1", "kind": "svd", … } ].' : 'The file has no "problems" array: add "problems": [ { "id": "q1", "kind": "svd", "matrix": [[1, 1], [1, 0], [0, 1]] } ].'));
    return { file: { title, problems, range: whole }, problems, diagnostics };
  }
  if (!problemsNode.children?.length) diagnostics.push(at(lines, problemsNode, 'no-problems', 'The "problems" array is empty: add a problem such as { "id": "q1", "kind": "svd", "matrix": [[1, 1], [1, 0], [0, 1]] }.'));

  const firstById = new Map<string, LoadedProblem>();
  const nodes = problemsNode.children ?? [];
  if (nodes.length > MAX_PROBLEMS) {
    diagnostics.push(at(lines, nodes[MAX_PROBLEMS], 'out-of-range', `The file has ${nodes.length} problems; only the first ${MAX_PROBLEMS} are read. Split it into several files.`));
  }
  nodes.slice(0, MAX_PROBLEMS).forEach((node, index) => {
    if (node.type !== 'object') {
      diagnostics.push(at(lines, node, 'wrong-type', `Problem ${index + 1} must be an object such as { "id": "q${index + 1}", "kind": "svd", … }.`));
      return;
    }
    const own: ProblemDiagnostic[] = [];
    const problem = readProblem(text, lines, node, index);
    // A problem the parser had to repair would get diagnostics about the repair (a "ragged" row cut off by a
    // missing bracket); its syntax error says all there is to say until it is fixed.
    if (errors.some((e) => e.offset >= node.offset && e.offset <= node.offset + node.length)) {
      problem.hasErrors = true;
      problems.push(problem);
      return;
    }
    const ctx = new ProblemContext(lines, problem, own);
    checkStructure(ctx, node);
    const previous = problem.id ? firstById.get(problem.id) : undefined;
    if (previous) {
      ctx.error(['id'], 'duplicate-id', `Duplicate id "${problem.id}": problem ${previous.index + 1} (line ${previous.range.start.line + 1}) already uses it. Ids must be unique; rename this one, e.g. "${problem.id}b".`);
    } else if (problem.id) firstById.set(problem.id, problem);
    // The readers only use values of the right type, so they run even when a field's type is wrong.
    if (problem.kind) {
      validateProblem(ctx, problem.kind);
      validateExpect(ctx, problem.kind);
    }
    problem.hasErrors = own.some((d) => d.severity === 'error');
    for (const d of own) diagnostics.push(d); // not push(...own): a huge spread overflows the stack
    problems.push(problem);
  });
  return { file: { title, problems, range: whole }, problems, diagnostics };
}

/** The problem's values, ranges, property-name ranges and raw literals, by JSON pointer. */
function readProblem(text: string, lines: LineIndex, node: Node, index: number): LoadedProblem {
  const ranges: Record<string, SourceRange> = {};
  const keyRanges: Record<string, SourceRange> = {};
  const raw: Record<string, string> = {};
  const walk = (n: Node, path: JsonPath) => {
    const p = pointer(path);
    ranges[p] = lines.range(n.offset, n.length);
    if (n.type === 'number') raw[p] = text.slice(n.offset, n.offset + n.length);
    if (n.type === 'object') {
      for (const prop of n.children ?? []) {
        const [key, value] = prop.children ?? [];
        const child = [...path, String(key.value)];
        keyRanges[pointer(child)] = lines.range(key.offset, key.length);
        if (value) walk(value, child);
      }
    } else if (n.type === 'array') (n.children ?? []).forEach((c, i) => walk(c, [...path, i]));
  };
  walk(node, []);
  const spec = (jsonValue(node) ?? {}) as Record<string, unknown>;
  const id = typeof spec.id === 'string' ? spec.id : '';
  const kind = typeof spec.kind === 'string' && (PROBLEM_KINDS as readonly string[]).includes(spec.kind) ? (spec.kind as ProblemKind) : null;
  return { id, kind, index, range: lines.range(node.offset, node.length), spec, ranges, keyRanges, raw, hasErrors: false };
}

/** id, kind, unknown and duplicate fields, JSON types and closed value sets. */
function checkStructure(ctx: ProblemContext, node: Node): void {
  const { spec } = ctx;
  const n = ctx.problem.index + 1;
  if (!('id' in spec)) ctx.error([], 'missing-field', `Problem ${n} has no "id": add "id": "q${n}" (the name shown above it and used by \`mdl run --problem\`).`);
  else if (typeof spec.id !== 'string' || !ID_PATTERN.test(spec.id)) {
    ctx.error(['id'], 'invalid-id', 'An id is a short name of letters, digits, "_", "-" or "." (at most 64), e.g. "q1" or "svd-example".');
  }
  if (!('kind' in spec)) {
    ctx.error([], 'missing-field', `Problem ${n} has no "kind": add "kind": one of ${listOr(PROBLEM_KINDS)}.`);
    return;
  }
  if (typeof spec.kind !== 'string' || !ctx.problem.kind) {
    const written = shown(spec.kind);
    ctx.error(['kind'], 'unknown-kind', `Unknown kind "${written}".${didYouMean(written, PROBLEM_KINDS)} The kinds are ${listOr(PROBLEM_KINDS)}.`);
    return;
  }
  const kind = ctx.problem.kind;
  const fields: Record<string, FieldSpec> = { ...COMMON_FIELDS, ...KIND_FIELDS[kind] };
  const seen = new Set<string>();
  const suggested = new Set<string>();
  for (const prop of node.children ?? []) {
    const key = String(prop.children?.[0].value);
    if (seen.has(key)) ctx.warning(ctx.keyRange([key]), 'duplicate-field', `"${key}" appears twice in this problem; only the last one counts. Remove one.`);
    seen.add(key);
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!field) {
      const known = Object.keys(fields);
      suggested.add(closest(key, known) ?? '');
      ctx.error(ctx.keyRange([key]), 'unknown-field', `${article(kind)} ${kind} problem has no field "${key}".${didYouMean(key, known)} Its fields are ${Object.keys(KIND_FIELDS[kind]).join(', ')} (plus id, kind, title, expect, tolerance).`);
      continue;
    }
    checkType(ctx, key, field);
  }
  for (const [key, field] of Object.entries(KIND_FIELDS[kind])) {
    // A misspelt required field is reported once, as the misspelling.
    if (field.required && !(key in spec) && !suggested.has(key)) ctx.error(['kind'], 'missing-field', `${article(kind)} ${kind} problem needs "${key}"${example(kind, key)}`);
  }
}

/**
 * The node's value as plain JSON, like jsonc-parser's getNodeValue but with every key an own
 * property: a key "__proto__" must not set the prototype, nor "constructor" read an inherited one.
 */
function jsonValue(node: Node): unknown {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map(jsonValue);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) Object.defineProperty(out, String(key.value), { value: jsonValue(value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return node.value;
  }
}

/** The number of values in the tree, counted up to just past `limit`. */
function countValues(root: Node, limit: number): number {
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length > 0 && count <= limit) {
    const n = stack.pop()!;
    if (n.type === 'property') {
      if (n.children?.[1]) stack.push(n.children[1]); // the value, not the key
      continue;
    }
    count++;
    for (const c of n.children ?? []) stack.push(c);
  }
  return count;
}

/** Offset of the first `[` or `{` deeper than `max`, or -1; strings and comments are skipped as jsonc-parser scans them. */
function nestingBeyond(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
    else if (c === 34 /* " */) {
      // A string ends at its quote or, unterminated, at the end of the line.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    }
  }
  return -1;
}

function checkType(ctx: ProblemContext, key: string, field: FieldSpec): void {
  const value = ctx.spec[key];
  const types = Array.isArray(field.type) ? field.type : [field.type];
  if (!types.some((t) => hasType(value, t))) {
    const quotedNumber = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) && types.some((t) => t === 'number' || t === 'integer');
    const hint = quotedNumber ? ` Write ${value.trim()} without quotes.` : '';
    const what = types.map((t) => (t === 'integer' ? 'a whole number' : t === 'array' ? 'an array' : t === 'object' ? 'an object' : `a ${t}`)).join(' or ');
    ctx.error([key], 'wrong-type', `"${key}" must be ${what}, not ${describe(value)}.${hint}`);
    return;
  }
  if (!field.values) return;
  const values: Array<[unknown, JsonPath]> = Array.isArray(value) ? value.map((v, i) => [v, [key, i]]) : [[value, [key]]];
  for (const [v, path] of values) {
    if (typeof v === 'string' && field.values.includes(v)) continue;
    const written = shown(v);
    ctx.error(path, 'unknown-value', `Unknown ${key === 'compare' ? 'optimizer' : key} "${written}".${didYouMean(written, field.values)} Choose ${listOr(field.values)}.`);
  }
}

/** A value as a student wrote it, for a message: String() would throw on {"toString": 1} and print [object Object]. */
function shown(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  const json = JSON.stringify(v);
  return json.length > 40 ? json.slice(0, 39) + '…' : json;
}

function hasType(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string "${v.length > 20 ? v.slice(0, 19) + '…' : v}"`;
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v);
  return `${typeof v === 'number' ? '' : 'the ' + typeof v + ' '}${String(v)}`;
}

const EXAMPLES: Record<string, string> = {
  matrix: ', e.g. "matrix": [[1, 1], [1, 0], [0, 1]].',
  data: ', e.g. "data": { "x": [1, 2, 3], "y": [2, 4, 6] } or { "generate": { "n": 200 } }.',
  objective: ', e.g. "objective": "rosenbrock" or "x^2 + 10*y^2".',
  name: ', e.g. "name": "relu".',
  expression: ', e.g. "expression": "x * sigmoid(x)".',
};

function example(kind: ProblemKind, key: string): string {
  if (kind === 'pca' && key === 'data') return ', e.g. "data": { "X1": [4, 8, 13, 7], "X2": [11, 4, 5, 14] }.';
  return EXAMPLES[key] ?? '.';
}

function at(lines: LineIndex, node: Node, code: ProblemDiagnostic['code'], message: string): ProblemDiagnostic {
  return { range: lines.range(node.offset, node.length), severity: 'error', code, message };
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected text here: JSON values are numbers, "strings", true, false, null, [arrays] and {objects}.',
  InvalidNumberFormat: 'This is not a JSON number: write 0.5 rather than .5 or 0.5., and no leading +.',
  PropertyNameExpected: 'Expected a property name in double quotes, e.g. "id".',
  ValueExpected: 'Expected a value here (a number, "string", array or object).',
  ColonExpected: 'Expected a colon (:) between the property name and its value.',
  CommaExpected: 'Expected a comma (,) before this value.',
  CloseBraceExpected: 'This object is never closed: add a }.',
  CloseBracketExpected: 'This array is never closed: add a ].',
  EndOfFileExpected: 'The file holds one JSON object; remove the text after its closing }.',
  InvalidCommentToken: 'This comment is not valid: use // to the end of the line or /* … */.',
  UnexpectedEndOfComment: 'This comment is never closed: add */.',
  UnexpectedEndOfString: 'This string is never closed: add a closing ".',
  UnexpectedEndOfNumber: 'This number is incomplete, e.g. 1e needs its exponent: 1e-3.',
  InvalidUnicode: 'A \\u escape needs four hex digits, e.g. \\u00b2.',
  InvalidEscapeCharacter: 'JSON strings allow only the escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\.',
  InvalidCharacter: 'A JSON string cannot hold a raw line break or tab: write \\n or \\t, or keep the string on one line.',
};

function syntaxDiagnostic(text: string, lines: LineIndex, e: ParseError): ProblemDiagnostic {
  const name = printParseErrorCode(e.error);
  let message = SYNTAX_MESSAGES[name] ?? `JSON syntax error (${name}).`;
  if (name === 'InvalidSymbol' && text[e.offset] === "'") message = "JSON strings use double quotes: write \"…\" instead of '…'.";
  // A zero-length error at the end of a line is invisible in the editor; widen it to one character.
  const length = Math.max(1, e.length);
  const offset = e.offset >= text.length ? Math.max(0, text.length - 1) : e.offset;
  return { range: lines.range(offset, length), severity: 'error', code: 'json-syntax', message: `JSON syntax: ${message}` };
}
