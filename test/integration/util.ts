import * as vscode from 'vscode';

export const EXTENSION_ID = 'mdl-steps.mdl-steps';
export const PANEL_VIEW_TYPE = 'mdlSteps.derivation';

/** What `mdlSteps.decomposeSvd` resolves to. */
export type DecomposeResult = { ok: true; title: string; steps: number } | { ok: false; error: string };

export interface PanelInfo {
  title: string;
  view: { step: number; mode: 'step' | 'all' };
  ready: boolean;
  stepCount: number;
}

/** The API `activate()` returns. */
export interface MdlApi {
  testing: {
    panels(): PanelInfo[];
    simulateReload(): Promise<void>;
    cancelAll(): void;
    tasksInFlight(): number;
    breakPanelPages(count: number, waitsMs: number[]): void;
  };
}

/** Polls `fn` until it returns something truthy; the UI state reaches the host asynchronously. */
export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000, pollMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** The open tabs that show a derivation webview. */
export function derivationTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(PANEL_VIEW_TYPE));
}

/** Selects the first occurrence of `text` in the editor. */
export function select(editor: vscode.TextEditor, text: string): vscode.Selection {
  const offset = editor.document.getText().indexOf(text);
  if (offset < 0) throw new Error(`"${text}" is not in the document`);
  const start = editor.document.positionAt(offset);
  const end = editor.document.positionAt(offset + text.length);
  editor.selection = new vscode.Selection(start, end);
  return editor.selection;
}
