/**
 * One derivation panel: owns a WebviewPanel, its input and the student's
 * place in it. The host is the source of truth: it computes (through the
 * worker) and sends; the webview only draws and reports navigation.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Derivation } from '../core/derivation';
import type { ImagePayload } from '../core/image/payload';
import { derivationToMarkdown } from '../core/render/markdown';
import {
  isWebviewMessage,
  type HostMessage,
  type PanelInput,
  type PersistedState,
  type ViewState,
  type WebviewMessage,
} from '../protocol';
import { BOOT_WAITS_MS, BootWatchdog } from './bootWatch';
import { Cancelled, TaskError } from './compute';
import { topicOptions } from './config';
import type { Ctx } from './ctx';
import { saveRankK } from './imageFiles';
import { computeOutcome, topicName, type PanelOutcome } from './outcome';
import { InputStash } from './stash';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const VIEW_TYPE = 'mdlSteps.derivation';

/** For the integration suite (through the extension's `testing` API): shorter boot waits, and pages whose script never loads. */
export const panelTestHooks = { bootWaitsMs: BOOT_WAITS_MS as readonly number[], pagesWithoutScript: 0 };

/** One stash of large inputs per extension context (see stash.ts). */
const stashes = new WeakMap<Ctx, InputStash>();
function stashOf(ctx: Ctx): InputStash {
  let stash = stashes.get(ctx);
  if (!stash) stashes.set(ctx, (stash = new InputStash(vscode.Uri.joinPath(ctx.extensionContext.globalStorageUri, 'inputs'))));
  return stash;
}

export class DerivationPanel implements vscode.Disposable {
  private derivation: Derivation | undefined;
  private image: ImagePayload | undefined;
  private view: ViewState = { step: 0, mode: 'step' };
  private ready = false;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last "Computing…" or error shown instead of a derivation (see postStatus). */
  private status: Extract<HostMessage, { type: 'busy' | 'error' }> | undefined;
  /** Loads the page again if it never says `ready` (see bootWatch.ts). */
  private readonly boot: BootWatchdog;
  /** Incremented per input so a slow, superseded computation cannot overwrite a newer one. */
  private generation = 0;

  /** A new panel beside the active editor, showing an already computed outcome. */
  static create(ctx: Ctx, input: PanelInput, outcome: PanelOutcome): DerivationPanel {
    const created = DerivationPanel.beside(ctx, input);
    created.present(input, outcome, { step: 0, mode: 'step' });
    return created;
  }

  /**
   * A new panel that says "Computing…" while the worker still works: its webview
   * boots (about half a second) in parallel, so a slow input (an image) is on
   * screen sooner. The caller fills it with `present` or drops it with `dispose`.
   */
  static pending(ctx: Ctx, input: PanelInput): DerivationPanel {
    const created = DerivationPanel.beside(ctx, input);
    created.postStatus({ type: 'busy', message: vscode.l10n.t('Computing the {0}…', topicName(input)) });
    return created;
  }

  private static beside(ctx: Ctx, input: PanelInput): DerivationPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'MDL Steps',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(ctx.extensionUri),
    );
    return new DerivationPanel(ctx, panel, input, { step: 0, mode: 'step' });
  }

  /** Rebuild a panel VS Code restored after a reload, from the state the webview persisted. */
  static restore(ctx: Ctx, panel: vscode.WebviewPanel, state: PersistedState): DerivationPanel {
    panel.webview.options = webviewOptions(ctx.extensionUri);
    const restored = new DerivationPanel(ctx, panel, state.input, state.view);
    restored.load(state.input, state.view).catch(() => undefined); // the panel shows the error itself
    return restored;
  }

  private constructor(
    private readonly ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
    private input: PanelInput,
    initialView: ViewState,
  ) {
    this.view = initialView;
    this.boot = new BootWatchdog(panel, () => this.loadPage(), (m) => ctx.log(m), panelTestHooks.bootWaitsMs);
    this.subscriptions.push(
      this.boot,
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState(() => ctx.panels.updateContext()),
      panel.onDidDispose(() => this.dispose()),
    );
    this.loadPage();
    this.boot.expectReady();
    ctx.panels.add(this);
  }

  /** Sets the page; a new nonce each time, so setting it again really loads it again. */
  private loadPage(): void {
    const html = webviewHtml(this.panel.webview, this.ctx.extensionUri, nonce(), 'MDL Steps');
    const broken = panelTestHooks.pagesWithoutScript > 0;
    if (broken) panelTestHooks.pagesWithoutScript--;
    this.panel.webview.html = broken ? html.replace(/<script\b[^>]*><\/script>/, '') : html;
  }

  get stepCount(): number {
    return this.derivation?.steps.length ?? 0;
  }

  /** True once the student (or the extension) closed the panel. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  get title(): string {
    return this.panel.title;
  }

  snapshot() {
    return {
      title: this.panel.title,
      view: { ...this.view },
      ready: this.ready && this.derivation !== undefined,
      stepCount: this.derivation?.steps.length ?? 0,
      input: this.input,
    };
  }

  persistedState(): PersistedState {
    return { version: 1, input: this.input, view: this.view };
  }

  /** Show a computed outcome (a new panel, or panel reuse), at `view`. */
  present(input: PanelInput, outcome: PanelOutcome, view: ViewState = { step: 0, mode: this.view.mode }): void {
    this.generation++;
    this.status = undefined;
    this.input = input;
    this.derivation = outcome.derivation;
    this.image = outcome.image;
    this.panel.title = outcome.title;
    this.view = { ...view, step: Math.min(view.step, outcome.derivation.steps.length - 1) };
    this.sendShow();
  }

  /** Compute `input` and show it; used when restoring after a reload. */
  async load(input: PanelInput, view: ViewState): Promise<Derivation | undefined> {
    const generation = ++this.generation;
    this.input = input;
    this.view = view;
    this.postStatus({ type: 'busy', message: vscode.l10n.t('Computing the {0}…', topicName(input)) });
    try {
      // A restored panel may carry a reference to a large selection instead of the text itself.
      input = await stashOf(this.ctx).resolve(input);
      if (generation !== this.generation || this.disposed) return undefined;
      this.input = input;
      const outcome = await computeOutcome(this.ctx, input);
      if (generation !== this.generation || this.disposed) return undefined;
      this.present(input, outcome, view);
      return outcome.derivation;
    } catch (e) {
      if (generation !== this.generation || this.disposed) return undefined;
      const message = e instanceof Cancelled ? vscode.l10n.t('Cancelled.') : e instanceof TaskError ? e.message : vscode.l10n.t('Something went wrong: {0}', String(e));
      this.postStatus({ type: 'error', message });
      if (!(e instanceof Cancelled) && !(e instanceof TaskError && e.failure.expected)) this.ctx.log(`panel load failed: ${String(e)}`);
      throw e;
    }
  }

  navigate(to: 'next' | 'previous' | 'first' | 'last'): void {
    this.post({ type: 'navigate', to });
  }

  async exportMarkdown(): Promise<void> {
    if (!this.derivation) return;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: derivationToMarkdown(this.derivation) });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ctx.panels.remove(this);
    this.subscriptions.forEach((s) => s.dispose());
    this.panel.dispose();
  }

  private sendShow(): void {
    if (!this.ready || !this.derivation) return;
    this.post({ type: 'show', input: stashOf(this.ctx).forWebview(this.input), derivation: this.derivation, view: this.view, precision: topicOptions().precision });
    if (this.image) this.post({ type: 'image', payload: this.image });
  }

  /**
   * "Computing…" or an error while the panel has no derivation yet. Kept, and sent again
   * when the page says ready: a message posted while the page is still loading can be
   * lost (seen on a webview's first start: it showed its placeholder text instead).
   */
  private postStatus(message: Extract<HostMessage, { type: 'busy' | 'error' }>): void {
    this.status = message;
    this.post(message);
  }

  private post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) {
      this.ctx.log(`ignored a malformed message from the webview: ${safeJson(raw)}`);
      return;
    }
    const message: WebviewMessage = raw;
    switch (message.type) {
      case 'ready':
        this.boot.gotReady();
        this.ready = true;
        if (this.status && !this.derivation) this.post(this.status);
        this.sendShow();
        return;
      case 'viewChanged':
        this.view = message.view;
        return;
      case 'requestTruncation':
        return this.sendTruncation(message.k);
      case 'copyTex': {
        const step = this.derivation?.steps[message.step];
        if (!step) return;
        await vscode.env.clipboard.writeText(step.tex);
        void vscode.window.setStatusBarMessage(vscode.l10n.t('MDL: copied the LaTeX of “{0}”', step.title), 3000);
        return;
      }
      case 'exportMarkdown':
        return this.exportMarkdown();
      case 'transpose':
        if (this.input.kind !== 'pca') return;
        return this.recompute({ ...this.input, transpose: !this.input.transpose, edits: [] }, 'show');
      case 'editPoint':
        if (this.input.kind !== 'pca') return;
        return this.recompute({ ...this.input, edits: [...this.input.edits.filter((e) => e.index !== message.index), { index: message.index, point: message.point }] }, 'update');
      case 'resetEdits':
        if (this.input.kind !== 'pca') return;
        return this.recompute({ ...this.input, edits: [] }, 'update');
      case 'saveImage':
        if (this.input.kind === 'image') await saveRankK(this.ctx, this.input, message.k);
        return;
      case 'moreComponents':
        if (this.input.kind !== 'image') return;
        return this.recompute({ ...this.input, kMax: this.input.kMax * 2 }, 'show');
      case 'explorerChange':
        if (this.input.kind !== 'activation') return;
        return this.recompute({ kind: 'activation', name: message.name, params: message.params as never, compare: message.compare }, 'update');
    }
  }

  /**
   * Recompute after the student changed the input from inside the panel
   * (transpose, a dragged point). `update` redraws in place and keeps the
   * view; `show` starts the derivation again. The document is never touched.
   */
  private async recompute(input: PanelInput, how: 'show' | 'update'): Promise<void> {
    const generation = ++this.generation;
    try {
      const outcome = await computeOutcome(this.ctx, input);
      if (generation !== this.generation || this.disposed) return;
      if (how === 'show') {
        this.present(input, outcome, { step: 0, mode: this.view.mode });
      } else {
        this.input = input;
        this.derivation = outcome.derivation;
        this.panel.title = outcome.title;
        this.post({ type: 'update', input: stashOf(this.ctx).forWebview(input), derivation: outcome.derivation });
      }
    } catch (e) {
      if (generation !== this.generation || this.disposed) return;
      // Cancelled too gets a message: the webview must re-enable whatever control asked (e.g. "Compute more").
      const message =
        e instanceof Cancelled
          ? vscode.l10n.t('Cancelled: the panel still shows the earlier result.')
          : e instanceof TaskError
            ? e.message
            : vscode.l10n.t('Something went wrong: {0}', String(e));
      this.post({ type: 'error', message });
    }
  }

  private async sendTruncation(k: number): Promise<void> {
    if (this.input.kind !== 'svd') return;
    try {
      const matrix = await this.ctx.compute.run({ task: 'truncate', text: this.input.text, k, options: topicOptions() }, vscode.l10n.t('MDL: truncating'));
      this.post({ type: 'truncation', k, matrix });
    } catch (e) {
      if (!(e instanceof Cancelled)) this.ctx.log(`truncation failed: ${String(e)}`);
    }
  }
}

/** A fresh CSP nonce per page load, from a cryptographic source. */
function nonce(): string {
  return randomBytes(18).toString('base64url');
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x).slice(0, 200);
  } catch {
    return String(x);
  }
}
