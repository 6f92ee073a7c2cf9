/**
 * "The training loop": the loop as pseudo-code with the lines the current
 * step explains highlighted, and the same loop as a runnable Python or
 * TypeScript program to copy. The programs come from the host; copying uses
 * the webview's clipboard (allowed on a click) and, if that is refused,
 * selects the program so the student can copy it by hand.
 */
import type { LoopCode } from '../src/core/optim/types';
import { h } from './dom';

const LANGUAGES = { python: 'Python', typescript: 'TypeScript' } as const;
type Language = keyof typeof LANGUAGES;
const COPIED_MS = 1600;

/** The protocol guard checks only the tag; check everything drawn from. */
export function isUsableLoopCode(spec: LoopCode): boolean {
  const lines = Array.isArray(spec.pseudocode) && spec.pseudocode.every((l) => typeof l === 'string') ? spec.pseudocode.length : -1;
  const map = spec.stepLines;
  return (
    lines > 0 &&
    typeof map === 'object' && map !== null && !Array.isArray(map) &&
    Object.values(map).every((ls) => Array.isArray(ls) && ls.every((i) => Number.isInteger(i) && i >= 0 && i < lines)) &&
    typeof spec.python === 'string' && typeof spec.typescript === 'string'
  );
}

/** "lines 3–6", "lines 3, 4 and 8": 1-based, runs collapsed. */
function describeLines(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b).map((i) => i + 1);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) runs.push(`${sorted[i]}–${sorted[j]}`);
    else runs.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  const list = runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}` : runs[0];
  return `${sorted.length === 1 ? 'line' : 'lines'} ${list}`;
}

export class LoopCodePanel {
  readonly element: HTMLElement;
  private readonly lines: HTMLElement[];
  private readonly current = h('p', { class: 'loop-current' });
  private readonly status = h('span', { class: 'copy-status', attrs: { role: 'status' } });
  private readonly source = h('pre', { class: 'loop-source', attrs: { tabindex: '0', hidden: '', 'aria-label': 'Program to copy' } });
  private readonly buttons: Record<Language, HTMLElement>;
  private restoreTimer: number | undefined;

  constructor(private readonly spec: LoopCode) {
    const width = String(spec.pseudocode.length).length;
    this.lines = spec.pseudocode.map((text, i) =>
      h('span', { class: 'code-line', attrs: { 'data-line': String(i) } }, h('span', { class: 'line-number', text: String(i + 1).padStart(width), attrs: { 'aria-hidden': 'true' } }), text),
    );
    const button = (lang: Language) => {
      const b = h('vscode-button', { id: `copy-${lang}`, text: `Copy as ${LANGUAGES[lang]}`, attrs: { secondary: '', 'aria-label': `Copy the loop as a ${LANGUAGES[lang]} program` } });
      b.addEventListener('click', () => void this.copy(lang));
      return b;
    };
    this.buttons = { python: button('python'), typescript: button('typescript') };
    this.element = h(
      'section',
      { class: 'explorer loop-code', attrs: { 'aria-labelledby': 'loop-heading' } },
      h('h2', { id: 'loop-heading', class: 'explorer-heading', text: 'The training loop' }),
      h('p', { class: 'explorer-intro', text: 'The loop this derivation runs, in pseudo-code. The lines the current step explains are highlighted; the programs run the same loop on the same data.' }),
      // One block span per line (a highlight spans the full width); copying by hand still gives one line each.
      h('pre', { class: 'loop-pseudocode', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Pseudo-code of the training loop' } }, h('code', {}, ...this.lines)),
      this.current,
      h('div', { class: 'loop-actions' }, this.buttons.python, this.buttons.typescript, this.status),
      this.source,
    );
  }

  /** Highlights the lines step `id` explains (called whenever the current step changes). */
  showStep(id: string | undefined, title = ''): void {
    const marked = new Set(id !== undefined ? (this.spec.stepLines[id] ?? []) : []);
    this.lines.forEach((line, i) => line.classList.toggle('is-current', marked.has(i)));
    this.current.textContent = marked.size
      ? `${title ? `“${title}”` : 'This step'} explains ${describeLines([...marked])} (highlighted).`
      : `${title ? `“${title}”` : 'This step'} is not about a particular line of the loop.`;
  }

  private async copy(lang: Language): Promise<void> {
    const code = this.spec[lang];
    try {
      // Absent outside a secure context, and refused without a user gesture or permission: both land below.
      await navigator.clipboard.writeText(code);
      this.source.hidden = true;
      this.flashCopied(lang);
      this.status.textContent = `${LANGUAGES[lang]} program copied.`;
    } catch {
      this.source.textContent = code;
      this.source.hidden = false;
      const range = document.createRange();
      range.selectNodeContents(this.source);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      this.source.focus({ preventScroll: true });
      this.source.scrollIntoView({ block: 'nearest' });
      this.status.textContent = `The clipboard is not available here. The ${LANGUAGES[lang]} program is selected below: press Ctrl+C (⌘C on a Mac) to copy it.`;
    }
  }

  private flashCopied(lang: Language): void {
    window.clearTimeout(this.restoreTimer);
    for (const l of Object.keys(LANGUAGES) as Language[]) {
      this.buttons[l].textContent = l === lang ? 'Copied ✓' : `Copy as ${LANGUAGES[l]}`;
      this.buttons[l].classList.toggle('is-copied', l === lang);
    }
    this.restoreTimer = window.setTimeout(() => {
      this.buttons[lang].textContent = `Copy as ${LANGUAGES[lang]}`;
      this.buttons[lang].classList.remove('is-copied');
    }, COPIED_MS);
  }
}
