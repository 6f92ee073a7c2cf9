/**
 * Large selections stay out of the webview. A panel's input travels to the
 * webview with every `show` and is persisted there for "Reload Window"; a
 * 6 MB dataset would cost the host two JSON serialisations of 6 MB per
 * message (tens of milliseconds of blocked event loop) and bloat the saved
 * state. Instead the text is written once to the extension's storage and the
 * webview gets a short reference in its place, which the host resolves when
 * the panel is restored.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PanelInput } from '../protocol';
import { TaskError } from './compute';
import { encodeInSlices } from './packedText';

/** Texts up to this many characters travel as they are. */
export const STASH_OVER = 64 * 1024;
const PREFIX = '\u0000mdl-stash:';
/** Stashes kept on disk; older ones are removed (their panels then ask for the command to be run again). */
const KEEP = 30;

export class InputStash {
  private last: { text: string; ref: string } | undefined;

  constructor(private readonly dir: vscode.Uri) {}

  /** The input as the webview should see it: a large text replaced by a reference that is being written to disk. */
  forWebview(input: PanelInput): PanelInput {
    if (!('text' in input) || input.text.length <= STASH_OVER || input.text.startsWith(PREFIX)) return input;
    if (this.last?.text !== input.text) {
      const ref = `${PREFIX}${randomBytes(12).toString('hex')}`;
      this.last = { text: input.text, ref };
      void this.write(ref, input.text).catch(() => undefined); // a failed write only costs the restore
    }
    return { ...input, text: this.last.ref };
  }

  /** The input with a stashed text read back; throws a readable error when the stash is gone. */
  async resolve(input: PanelInput): Promise<PanelInput> {
    if (!('text' in input) || !input.text.startsWith(PREFIX)) return input;
    try {
      const bytes = await vscode.workspace.fs.readFile(this.file(input.text));
      return { ...input, text: new TextDecoder().decode(bytes) };
    } catch {
      throw new TaskError({ message: 'The selection this panel showed is no longer stored; run the command on it again.', expected: true });
    }
  }

  private file(ref: string): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, `${ref.slice(PREFIX.length).replace(/[^0-9a-f]/g, '')}.txt`);
  }

  private async write(ref: string, text: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(this.file(ref), await encodeInSlices(text));
    await this.prune();
  }

  private async prune(): Promise<void> {
    const entries = await vscode.workspace.fs.readDirectory(this.dir);
    const files = await Promise.all(
      entries.filter(([name]) => name.endsWith('.txt')).map(async ([name]) => ({ name, mtime: (await vscode.workspace.fs.stat(vscode.Uri.joinPath(this.dir, name))).mtime })),
    );
    files.sort((a, b) => b.mtime - a.mtime);
    for (const old of files.slice(KEEP)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.dir, old.name)).then(undefined, () => undefined);
  }
}
