/**
 * Derivation → Markdown with `$$` blocks, for "Export as Markdown" and
 * `mdl … --format md`: something a student can paste into an assignment.
 * User-controlled strings reach Markdown only as text; TeX was escaped when
 * the derivation was built.
 */
import type { Derivation, Step, TableSpec } from '../derivation';

export function derivationToMarkdown(d: Derivation): string {
  const out: string[] = [`# ${escapeMd(d.title)}`, ''];
  for (const w of d.warnings) out.push(`> **Note:** ${escapeMd(w)}`, '');
  d.steps.forEach((step, i) => out.push(...stepToMarkdown(step, i + 1)));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function stepToMarkdown(step: Step, index: number): string[] {
  const lines = [`## ${index}. ${escapeMd(step.title)}`, '', '$$', step.tex, '$$', '', escapeMd(step.text), ''];
  if (step.table) lines.push(...tableToMarkdown(step.table), '');
  return lines;
}

export function tableToMarkdown(t: TableSpec): string[] {
  const cell = (c: string | number) => escapeMd(String(c)).replace(/\|/g, '\\|');
  return [
    ...(t.caption ? [`*${escapeMd(t.caption)}*`, ''] : []),
    `| ${t.columns.map(cell).join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** Plain text of the derivation, for `--format text`. */
export function derivationToText(d: Derivation): string {
  const out: string[] = [d.title, '='.repeat(d.title.length), ''];
  for (const w of d.warnings) out.push(`Note: ${w}`, '');
  d.steps.forEach((s, i) => {
    out.push(`${i + 1}. ${s.title}`, '', wrap(s.text, 78), '');
    if (s.table) {
      const widths = s.table.columns.map((c, j) => Math.max(c.length, ...s.table!.rows.map((r) => String(r[j]).length)));
      const fmt = (r: Array<string | number>) => r.map((c, j) => String(c).padStart(widths[j])).join('  ');
      out.push(fmt(s.table.columns), ...s.table.rows.map(fmt), '');
    }
  });
  return out.join('\n').trimEnd() + '\n';
}

function wrap(text: string, width: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => `   ${l}`).join('\n');
}

/** Neutralise Markdown/HTML syntax in plain text so it renders as written. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
