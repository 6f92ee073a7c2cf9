/**
 * Command factories: each takes the context and returns the handler, so the
 * registration list in `extension.ts` reads as a table of contents.
 */
import * as vscode from 'vscode';
import type { PcaJson } from '../core/pca/derive';
import type { TopicOutcome } from '../core/topics';
import type { PanelInput } from '../protocol';
import { Cancelled, TaskError } from './compute';
import { imageSettings, reusePanel, topicOptions } from './config';
import { pickImage } from './imageFiles';
import { computeOutcome, type PanelOutcome } from './outcome';
import type { Ctx } from './ctx';
import { DerivationPanel } from './panel';
import { toDiagnostic, type ProblemFiles } from './problemFiles';
import { notificationText } from './notificationText';
import { describeFailure, documentRange, readSource, type SourceText } from './selection';

/** The result's error when the student cancelled (a function: l10n.t must run after activation). */
const CANCELLED = () => vscode.l10n.t('Cancelled.');

/** What the topic commands resolve to; the tests read it. */
export type CommandResult = { ok: true; title: string; steps: number } | { ok: false; error: string };

export function decomposeSvd(ctx: Ctx) {
  return () => fromSelection(ctx, async (source) => ({ kind: 'svd', text: source.text, source: sourceLabel(source) }));
}

/**
 * PCA: derive once with one component; with more than two features, ask how
 * many to keep (each choice labelled with the variance it explains), then
 * derive again. With two features the assignment's 2 → 1 needs no question.
 */
export function reducePca(ctx: Ctx) {
  return (options?: { components?: number }) =>
    fromSelection(ctx, async (source, first) => {
      const base: PanelInput = { kind: 'pca', text: source.text, source: sourceLabel(source), components: 1, transpose: false, edits: [] };
      if (options?.components) return { ...base, components: options.components };
      const probe = await first(base);
      const json = probe.json as PcaJson;
      if (json.features <= 2) return probe;
      const k = await pickComponents(json);
      return k === undefined ? undefined : { ...base, components: k };
    });
}

/** "examples/svd.md, line 11" for the panel's subtitle. */
function sourceLabel(source: SourceText): string {
  const where = source.document.isUntitled ? source.document.uri.path : vscode.workspace.asRelativePath(source.document.uri);
  return vscode.l10n.t('{0}, line {1}', where, source.range.start.line + 1);
}

async function pickComponents(json: PcaJson): Promise<number | undefined> {
  const total = json.eigenvalues.reduce((a, b) => a + b, 0) || 1;
  let cumulative = 0;
  const items = json.eigenvalues.slice(0, json.features - 1).map((lambda, i) => {
    cumulative += lambda;
    return { label: `${i + 1}`, description: vscode.l10n.t('{0}% of the variance', ((cumulative / total) * 100).toFixed(1)), k: i + 1 };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Reduce {0} features to how many components?', json.features),
    placeHolder: vscode.l10n.t('Each choice shows the share of the variance the kept components explain'),
  });
  return picked?.k;
}

type InputBuilder = (
  source: SourceText,
  derive: (input: PanelInput) => Promise<TopicOutcome & { input: PanelInput }>,
) => Promise<PanelInput | (TopicOutcome & { input: PanelInput }) | undefined>;

/** Documents longer than this are searched for the matrix around the cursor in the worker. */
const SEARCH_ON_HOST_UP_TO = 64 * 1024;

/**
 * `readSource`, except that with nothing selected in a large document the
 * search for the matrix around the cursor (a scan of the whole text: hundreds
 * of milliseconds for a few megabytes) runs in the worker, not on the host.
 */
async function readSourceOffHost(ctx: Ctx, editor: vscode.TextEditor | undefined): Promise<ReturnType<typeof readSource>> {
  if (!editor || !editor.selection.isEmpty) return readSource(editor);
  const { document, selection } = editor;
  const last = document.lineAt(document.lineCount - 1).range.end;
  if (document.offsetAt(last) <= SEARCH_ON_HOST_UP_TO) return readSource(editor);
  const span = await ctx.compute.run({ task: 'findMatrix', text: document.getText(), offset: document.offsetAt(selection.active) }, vscode.l10n.t('MDL: finding the matrix around the cursor'));
  return readSource(editor, span);
}

/** Read the selection, compute (in the worker) before opening anything, then show the result in a panel. */
async function fromSelection(ctx: Ctx, build: InputBuilder): Promise<CommandResult> {
  let read: ReturnType<typeof readSource>;
  try {
    read = await readSourceOffHost(ctx, vscode.window.activeTextEditor);
  } catch (e) {
    if (e instanceof Cancelled) return { ok: false, error: CANCELLED() };
    throw e;
  }
  if (!read.ok) {
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('MDL: {0}', read.error)));
    return { ok: false, error: read.error };
  }
  const { source } = read;
  const derive = async (input: PanelInput) => ({ ...(await computeOutcome(ctx, input)), input });
  try {
    const built = await build(source, derive);
    if (!built) return { ok: false, error: CANCELLED() };
    // A bad selection fails here, before any panel opens, so no empty panel is left behind.
    const { input, ...outcome } = 'derivation' in built ? built : await derive(built);
    return showInPanel(ctx, input, outcome);
  } catch (e) {
    return reportFailure(ctx, e, source);
  }
}

/** Show a computed outcome: in the current panel when the setting says reuse, else in a new one. */
function showInPanel(ctx: Ctx, input: PanelInput, outcome: PanelOutcome): CommandResult {
  let panel = reusePanel() ? ctx.panels.current() : undefined;
  if (panel) {
    panel.present(input, outcome);
    panel.reveal();
  } else {
    panel = DerivationPanel.create(ctx, input, outcome);
  }
  return { ok: true, title: panel.title, steps: panel.stepCount };
}

function reportFailure(ctx: Ctx, e: unknown, source: SourceText): CommandResult {
  if (e instanceof Cancelled) return { ok: false, error: CANCELLED() };
  if (e instanceof TaskError) {
    const message = describeFailure(source, e.failure);
    const range = documentRange(source, e.failure);
    const goTo = vscode.l10n.t('Go to problem');
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('MDL: {0}', message)), ...(range ? [goTo] : [])).then(async (choice) => {
      if (choice === goTo && range) {
        const editor = await vscode.window.showTextDocument(source.document);
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range);
      }
    });
    if (!e.failure.expected) ctx.log(`unexpected failure: ${e.message}`);
    return { ok: false, error: message };
  }
  ctx.log(`unexpected failure: ${String(e)}`);
  void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('MDL: something went wrong ({0}). Details are in the "MDL Steps" output.', String(e))));
  return { ok: false, error: String(e) };
}

/** Open a panel on an input that needs no selection (activations, losses, …). */
async function openTopic(ctx: Ctx, input: PanelInput): Promise<CommandResult> {
  // An image takes most of a second to decode and factorise: open its (new) panel at once
  // so the webview boots meanwhile. Other topics are quick and open when computed.
  const early = input.kind === 'image' && !(reusePanel() && ctx.panels.current()) ? DerivationPanel.pending(ctx, input) : undefined;
  try {
    const outcome = await computeOutcome(ctx, input);
    if (!early) return showInPanel(ctx, input, outcome);
    // Closing the "Computing…" panel is the student saying "never mind".
    if (early.isDisposed) return { ok: false, error: CANCELLED() };
    early.present(input, outcome);
    return { ok: true, title: early.title, steps: early.stepCount };
  } catch (e) {
    early?.dispose(); // a failed or cancelled run leaves no panel behind, as for the other topics
    if (e instanceof Cancelled) return { ok: false, error: CANCELLED() };
    const message = e instanceof TaskError ? e.message : String(e);
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('MDL: {0}', message)));
    return { ok: false, error: message };
  }
}

export function openActivationExplorer(ctx: Ctx) {
  return (arg?: { name?: string; params?: Record<string, number | string> }) =>
    openTopic(ctx, { kind: 'activation', name: typeof arg?.name === 'string' ? arg.name : 'silu', params: arg?.params as never });
}

export function crossEntropy(ctx: Ctx) {
  return () => openTopic(ctx, { kind: 'cross-entropy' });
}

export function sigmoidZigzag(ctx: Ctx) {
  return () => openTopic(ctx, { kind: 'sigmoid-zigzag' });
}

/** Question 9: differentiate an activation expression (the selection, or one typed in). */
export function differentiate(ctx: Ctx) {
  return async (arg?: { expression?: string }) => {
    const selected = vscode.window.activeTextEditor?.selection.isEmpty === false ? vscode.window.activeTextEditor.document.getText(vscode.window.activeTextEditor.selection) : undefined;
    const expression =
      arg?.expression ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Differentiate an activation'),
        prompt: vscode.l10n.t('A 1-D expression in x, using + − * / ^, exp, log, sqrt, tanh, sigmoid'),
        value: selected && selected.length < 200 ? selected : 'x * sigmoid(x)',
      }));
    if (expression === undefined) return { ok: false, error: CANCELLED() } as CommandResult;
    return openTopic(ctx, { kind: 'derivative', expression });
  };
}

/** CodeLens target: run one problem of a `.mdl.json` file ("Step through", "Run Adam here", "Check answer", …). */
export function runProblem(ctx: Ctx, diagnostics: ProblemFiles) {
  return async (arg?: { uri?: string; id?: string; action?: string }): Promise<CommandResult> => {
    if (!arg?.uri || !arg.id) return { ok: false, error: vscode.l10n.t('Use the CodeLens above a problem in a .mdl.json file.') };
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
    const text = doc.getText();
    const check = arg.action === 'check';
    if (check) {
      try {
        const found = await ctx.compute.run({ task: 'checkProblem', text, problemId: arg.id, options: topicOptions() }, vscode.l10n.t('MDL: checking the answer'));
        diagnostics.setAnswers(doc, found.map(toDiagnostic));
      } catch (e) {
        if (!(e instanceof Cancelled)) ctx.log(`check failed: ${String(e)}`);
      }
    }
    return openTopic(ctx, {
      kind: 'problem',
      text,
      id: arg.id,
      source: `${vscode.workspace.asRelativePath(doc.uri)} · ${arg.id}`,
      optimizer: arg.action === 'adam' ? 'adam' : undefined,
      check,
    });
  };
}

/** "Compress image with SVD": explorer context menu, editor title on an image, or the palette with a file picker. */
export function compressImage(ctx: Ctx) {
  return async (arg?: unknown): Promise<CommandResult> => {
    const uri = await pickImage(arg, (m) => ctx.log(m));
    if (!uri) return { ok: false, error: CANCELLED() };
    const { mode, kMax } = imageSettings();
    const fileName = uri.path.split('/').pop() ?? 'image';
    return openTopic(ctx, { kind: 'image', uri: uri.toString(), fileName, mode, k: Math.min(20, kMax), kMax, source: vscode.workspace.asRelativePath(uri) });
  };
}

export function navigate(ctx: Ctx, to: 'next' | 'previous' | 'first' | 'last') {
  return () => ctx.panels.current()?.navigate(to);
}

export function exportMarkdown(ctx: Ctx) {
  return async () => {
    const panel = ctx.panels.current();
    if (!panel) {
      void vscode.window.showInformationMessage(vscode.l10n.t('MDL: open a derivation first (for example with "Decompose selection (SVD)").'));
      return;
    }
    await panel.exportMarkdown();
  };
}
