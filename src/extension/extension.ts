/**
 * Activation: build the context, register commands and the panel
 * serializer. Nothing heavy happens here — the worker thread and the maths
 * load on first use.
 */
import * as vscode from 'vscode';
import { isPersistedState, type PersistedState } from '../protocol';
import { compressImage, crossEntropy, decomposeSvd, differentiate, exportMarkdown, navigate, openActivationExplorer, reducePca, runProblem, sigmoidZigzag } from './commands';
import { PROBLEM_FILE_SELECTOR, ProblemCodeLensProvider, ProblemFiles } from './problemFiles';
import { activationHoverProvider, HOVER_LANGUAGES } from './hover';
import { Ctx } from './ctx';
import { openExample } from './examples';
import { refreshOnSettingsChange } from './config';
import { DerivationPanel, panelTestHooks, VIEW_TYPE } from './panel';
import { webviewOptions } from './webviewHtml';

export interface MdlApi {
  /** Hooks for the integration tests; not a stable public API. */
  testing: {
    panels(): ReturnType<DerivationPanel['snapshot']>[];
    /** How long activate() took, in milliseconds (reported by the integration suite). */
    activationMs: number;
    /** The extension's global storage folder as a URI (the compute worker's compile cache lives there). */
    globalStorage: string;
    /** The next `count` panel pages load without their script (a fetch that never returns), with `waitsMs` before each reload. */
    breakPanelPages(count: number, waitsMs: number[]): void;
    /** Stop all work in flight, as the progress notification's Cancel button does. */
    cancelAll(): void;
    /** Tasks sent to the worker and not yet answered. */
    tasksInFlight(): number;
    /** Dispose every panel and bring each back through the serializer, as a window reload does. */
    simulateReload(): Promise<void>;
    /** What each panel's webview was given: its HTML, CSP source and options (for the CSP test). */
    webviews(): Array<{ title: string; html: string; cspSource: string; localResourceRoots: string[]; enableScripts: boolean }>;
  };
}

export function activate(context: vscode.ExtensionContext): MdlApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);

  const problemFiles = new ProblemFiles(ctx.quickCompute, (m) => ctx.log(m));
  context.subscriptions.push(problemFiles, vscode.languages.registerCodeLensProvider(PROBLEM_FILE_SELECTOR, new ProblemCodeLensProvider(problemFiles)));

  const commands: Array<[string, (...args: never[]) => unknown]> = [
    ['mdlSteps.decomposeSvd', decomposeSvd(ctx)],
    ['mdlSteps.reducePca', reducePca(ctx)],
    ['mdlSteps.openActivationExplorer', openActivationExplorer(ctx)],
    ['mdlSteps.crossEntropy', crossEntropy(ctx)],
    ['mdlSteps.sigmoidZigzag', sigmoidZigzag(ctx)],
    ['mdlSteps.differentiate', differentiate(ctx)],
    ['mdlSteps.runProblem', runProblem(ctx, problemFiles)],
    ['mdlSteps.compressImage', compressImage(ctx)],
    ['mdlSteps.nextStep', navigate(ctx, 'next')],
    ['mdlSteps.previousStep', navigate(ctx, 'previous')],
    ['mdlSteps.exportMarkdown', exportMarkdown(ctx)],
    ['mdlSteps.openExample', openExample(context.extensionUri, context.globalStorageUri)],
  ];
  for (const [id, handler] of commands) context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  context.subscriptions.push(
    vscode.languages.registerHoverProvider(
      HOVER_LANGUAGES.map((language) => ({ language })),
      activationHoverProvider(ctx.quickCompute, (m) => ctx.log(m)),
    ),
  );

  context.subscriptions.push(refreshOnSettingsChange(ctx));

  const restore = (panel: vscode.WebviewPanel, state: unknown) => {
    if (isPersistedState(state)) {
      DerivationPanel.restore(ctx, panel, state);
    } else {
      // Nothing usable was saved (e.g. the page never finished loading): close rather than show a blank panel.
      ctx.log('a panel could not be restored: no saved state');
      panel.dispose();
    }
  };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => restore(panel, state),
    }),
  );

  const activationMs = performance.now() - started;
  return {
    testing: {
      activationMs,
      get globalStorage() {
        return context.globalStorageUri.toString();
      },
      breakPanelPages: (count, waitsMs) => {
        panelTestHooks.pagesWithoutScript = count;
        panelTestHooks.bootWaitsMs = waitsMs;
      },
      cancelAll: () => ctx.compute.cancelAll(),
      tasksInFlight: () => ctx.compute.inFlight,
      panels: () => ctx.panels.all().map((p) => p.snapshot()),
      webviews: () =>
        ctx.panels.all().map(({ panel: { title, webview } }) => ({
          title,
          html: webview.html,
          cspSource: webview.cspSource,
          localResourceRoots: (webview.options.localResourceRoots ?? []).map((u) => u.toString()),
          enableScripts: webview.options.enableScripts === true,
        })),
      simulateReload: async () => {
        const saved: PersistedState[] = ctx.panels.all().map((p) => p.persistedState());
        ctx.panels.disposeAll();
        for (const state of saved) {
          const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'MDL Steps', vscode.ViewColumn.Beside, webviewOptions(ctx.extensionUri));
          restore(panel, JSON.parse(JSON.stringify(state)));
        }
      },
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
