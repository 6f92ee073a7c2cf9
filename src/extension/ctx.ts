/**
 * The extension's context object (after rust-analyzer's `Ctx`): everything a
 * command needs — the compute worker, the open panels, logging — in one
 * place, created once on activation and passed to each command factory.
 */
import * as vscode from 'vscode';
import { ComputeClient } from './compute';
import type { DerivationPanel } from './panel';
// The web build (dist/web/) bundles './platform/web' here instead: see esbuild.mjs.
import { platform } from './platform/node';

export class Ctx implements vscode.Disposable {
  readonly compute: ComputeClient;
  /** A second worker for quick work (hovers, problem-file diagnostics), so a long derivation or its cancellation never delays it. */
  readonly quickCompute: ComputeClient;
  readonly panels = new PanelRegistry();
  private readonly output: vscode.LogOutputChannel;

  constructor(readonly extensionContext: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('MDL Steps', { log: true });
    const createWorker = <Out, In>() => platform.createWorker<Out, In>(extensionContext.extensionUri, extensionContext.globalStorageUri);
    this.compute = new ComputeClient(createWorker, (m) => this.log(m));
    this.quickCompute = new ComputeClient(createWorker);
    this.log(`running in the ${platform.kind} extension host`);
  }

  /** A file's bytes, by the fastest route the platform has (see platform/). */
  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return platform.readFile(uri);
  }

  get extensionUri(): vscode.Uri {
    return this.extensionContext.extensionUri;
  }

  log(message: string): void {
    this.output.info(message);
  }

  dispose(): void {
    this.compute.dispose();
    this.quickCompute.dispose();
    this.panels.disposeAll();
    this.output.dispose();
  }
}

/** Open panels, most recently active last, and the context keys that depend on them. */
export class PanelRegistry {
  private readonly open: DerivationPanel[] = [];

  add(panel: DerivationPanel): void {
    this.open.push(panel);
    this.updateContext();
  }

  remove(panel: DerivationPanel): void {
    const i = this.open.indexOf(panel);
    if (i >= 0) this.open.splice(i, 1);
    this.updateContext();
  }

  all(): readonly DerivationPanel[] {
    return this.open;
  }

  /** The panel the student is looking at, else the most recently opened one. */
  current(): DerivationPanel | undefined {
    return this.open.find((p) => p.panel.active) ?? this.open[this.open.length - 1];
  }

  updateContext(): void {
    const active = this.open.some((p) => p.panel.active);
    void vscode.commands.executeCommand('setContext', 'mdlSteps.panelActive', active);
    void vscode.commands.executeCommand('setContext', 'mdlSteps.panelFocused', active);
  }

  disposeAll(): void {
    for (const p of [...this.open]) p.dispose();
  }
}
