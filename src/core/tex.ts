/** Multi-line TeX layouts shared by the derivations (MathJax ignores a bare top-level \\). */

/** Lines aligned at their start, for a chain of equalities. */
export function aligned(lines: string[]): string {
  if (lines.length === 1) return lines[0];
  return `\\begin{aligned} ${lines.map((l) => `& ${l}`).join(' \\\\ ')} \\end{aligned}`;
}

/** Independent lines, centred. */
export function gathered(lines: string[]): string {
  const kept = lines.filter(Boolean);
  if (kept.length === 1) return kept[0];
  return `\\begin{gathered} ${kept.join(' \\\\ ')} \\end{gathered}`;
}
