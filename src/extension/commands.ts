/**
 * Command factories: each takes the context and returns the handler, so the
 * registration list in `extension.ts` reads as a table of contents.
 */
import * as vscode from 'vscode';
import { Cancelled, TaskError } from './compute';
import { reusePanel, topicOptions } from './config';
import type { Ctx } from './ctx';
import { DerivationPanel } from './panel';
import { describeFailure, documentRange, readSource } from './selection';

/** What `executeCommand('mdlSteps.decomposeSvd')` resolves to; the tests read it. */
export type CommandResult = { ok: true; title: string; steps: number } | { ok: false; error: string };

export function decomposeSvd(ctx: Ctx) {
  return async (): Promise<CommandResult> => {
    const read = readSource(vscode.window.activeTextEditor);
    if (!read.ok) {
      void vscode.window.showErrorMessage(read.error);
      return { ok: false, error: read.error };
    }
    const { source } = read;
    const input = { kind: 'svd' as const, text: source.text, source: source.document.uri.toString() };
    // Compute before opening anything, so a bad selection never leaves an empty panel behind.
    let outcome;
    try {
      outcome = await ctx.compute.run({ task: 'svd', text: input.text, options: topicOptions() }, 'MDL: computing the SVD');
    } catch (e) {
      return reportFailure(e, source);
    }
    let panel = reusePanel() ? ctx.panels.current() : undefined;
    if (panel) {
      panel.present(input, outcome);
      panel.reveal();
    } else {
      panel = DerivationPanel.create(ctx, input, outcome);
    }
    return { ok: true, title: panel.title, steps: panel.stepCount };
  };

  function reportFailure(e: unknown, source: Parameters<typeof describeFailure>[0]): CommandResult {
    if (e instanceof Cancelled) return { ok: false, error: 'Cancelled.' };
    if (e instanceof TaskError) {
      const message = describeFailure(source, e.failure);
      const range = documentRange(source, e.failure);
      void vscode.window.showErrorMessage(`MDL: ${message}`, ...(range ? ['Go to problem'] : [])).then(async (choice) => {
        if (choice && range) {
          const editor = await vscode.window.showTextDocument(source.document);
          editor.selection = new vscode.Selection(range.start, range.end);
          editor.revealRange(range);
        }
      });
      if (!e.failure.expected) ctx.log(`unexpected failure: ${e.message}`);
      return { ok: false, error: message };
    }
    ctx.log(`unexpected failure: ${String(e)}`);
    void vscode.window.showErrorMessage(`MDL: something went wrong (${String(e)}). Details are in the "MDL Steps" output.`);
    return { ok: false, error: String(e) };
  }
}

export function navigate(ctx: Ctx, to: 'next' | 'previous' | 'first' | 'last') {
  return () => ctx.panels.current()?.navigate(to);
}

export function exportMarkdown(ctx: Ctx) {
  return async () => {
    const panel = ctx.panels.current();
    if (!panel) {
      void vscode.window.showInformationMessage('MDL: open a derivation first (for example with "Decompose selection (SVD)").');
      return;
    }
    await panel.exportMarkdown();
  };
}
