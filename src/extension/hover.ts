/**
 * Hovers over activation names (`relu`, `torch.sigmoid`, `nn.SiLU`,
 * `"activation": "tanh"`, …): the function and its derivative typeset, a
 * small plot, the properties, and a link to the Activation Explorer. The
 * typesetting runs in a worker so the host never stalls on MathJax.
 */
import * as vscode from 'vscode';
import type { ActivationHoverInfo, HoverTheme } from '../core/activations/hoverInfo';
import { findActivationAt } from '../core/activations/recognize';
import type { ComputeClient } from './compute';

export const HOVER_LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc', 'markdown'];

let hoverShown = false;

export function activationHoverProvider(compute: ComputeClient, log: (m: string) => void): vscode.HoverProvider {
  return {
    async provideHover(document, position, token) {
      if (!vscode.workspace.getConfiguration('mdlSteps').get<boolean>('hovers.enabled', true)) return undefined;
      const line = document.lineAt(position.line).text;
      const match = findActivationAt(line, position.character, document.languageId);
      if (!match) return undefined;
      try {
        const info = await compute.run({ task: 'hover', name: match.name, params: match.params, theme: hoverTheme() }, vscode.l10n.t('MDL: rendering a hover'), token);
        if (token.isCancellationRequested) return undefined;
        const range = new vscode.Range(position.line, match.expression.start, position.line, match.expression.end);
        // Completes the walkthrough's "Hover an activation" step (onContext:mdlSteps.hoverShown); once is enough.
        if (!hoverShown) void vscode.commands.executeCommand('setContext', 'mdlSteps.hoverShown', (hoverShown = true));
        return new vscode.Hover(hoverMarkdown(info, match.note), range);
      } catch (e) {
        log(`hover failed: ${String(e)}`);
        return undefined;
      }
    },
  };
}

function hoverTheme(): HoverTheme {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}

function hoverMarkdown(info: ActivationHoverInfo, note: string | undefined): vscode.MarkdownString {
  const p = info.properties;
  const md = new vscode.MarkdownString(undefined, true);
  // Only our own command may run from the link; nothing else in the hover is trusted.
  md.isTrusted = { enabledCommands: ['mdlSteps.openActivationExplorer'] };
  const args = encodeURIComponent(JSON.stringify([{ name: info.name, params: info.params }]));
  const yes = (b: boolean) => (b ? vscode.l10n.t('yes') : vscode.l10n.t('no'));
  md.appendMarkdown(`**${escape(info.label)}**\n\n`);
  md.appendMarkdown(`![f(x) = ${escape(info.plainF)}](${info.fTex})\n\n`);
  md.appendMarkdown(`![f′(x) = ${escape(info.plainDf)}](${info.dfTex})\n\n`);
  md.appendText(`f(x) = ${info.plainF}   ·   f′(x) = ${info.plainDf}\n`);
  md.appendMarkdown(`\n![${escape(vscode.l10n.t('Plot of f and f′ on [−5, 5]'))}](${info.plot})\n\n`);
  md.appendMarkdown(
    `| ${[vscode.l10n.t('range'), vscode.l10n.t('monotonic'), vscode.l10n.t('zero-centred'), vscode.l10n.t('smooth'), vscode.l10n.t('Lipschitz'), vscode.l10n.t('saturates'), vscode.l10n.t('can die')].map(escape).join(' | ')} |\n|---|---|---|---|---|---|---|\n` +
      `| ${escape(p.range)} | ${yes(p.monotonic)} | ${yes(p.zeroCentred)} | ${yes(p.smooth)} | ${escape(String(p.lipschitz.value))} | ${p.saturates} | ${yes(p.canDie)} |\n\n`,
  );
  if (info.kinkConvention) md.appendText(`${info.kinkConvention}\n`);
  if (note) md.appendText(`${note}\n`);
  md.appendText(`${vscode.l10n.t('Used for: {0}', info.usedFor)}\n`);
  md.appendMarkdown(
    `\n[${escape(vscode.l10n.t('Open in Activation Explorer'))}](command:mdlSteps.openActivationExplorer?${args} "${vscode.l10n.t('Plot f and f′, compare functions, check the derivative').replace(/"/g, "'")}")`,
  );
  return md;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
