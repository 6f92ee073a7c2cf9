/**
 * Typed access to the `mdlSteps.*` settings, read fresh on each use.
 *
 * Workspace trust: the extension only reads workspace content (selections,
 * .mdl.json files whose expressions go through the arithmetic whitelist in
 * core/optim/sandbox.ts, images read with workspace.fs) and never runs it,
 * so it works in Restricted Mode. What a hostile workspace could abuse is the
 * size limits below: package.json lists them under `restrictedConfigurations`,
 * so VS Code ignores workspace values for them until the folder is trusted,
 * and the clamps here bound even a trusted value.
 */
import * as vscode from 'vscode';
import type { TopicOptions } from '../core/topics';
import type { Ctx } from './ctx';

export function topicOptions(): TopicOptions {
  const c = vscode.workspace.getConfiguration('mdlSteps');
  return {
    precision: clampInt(c.get<number>('precision', 4), 1, 15),
    exactForms: c.get<boolean>('exactForms', true),
    maxEntries: clampInt(c.get<number>('maxEntries', 250_000), 1, 10_000_000),
    denominator: c.get<string>('pca.covarianceDenominator', 'n-1') === 'n' ? 'n' : 'n-1',
    pcaMaxEntries: clampInt(c.get<number>('pca.maxEntries', 1_000_000), 1, 10_000_000),
  };
}

export function imageSettings(): { mode: 'gray' | 'rgb'; maxSide: number; kMax: number } {
  const c = vscode.workspace.getConfiguration('mdlSteps');
  return {
    mode: c.get<string>('image.mode', 'gray') === 'rgb' ? 'rgb' : 'gray',
    maxSide: clampInt(c.get<number>('image.maxSide', 1024), 16, 8192),
    kMax: clampInt(c.get<number>('image.components', 50), 1, 2048),
  };
}

export function reusePanel(): boolean {
  return vscode.workspace.getConfiguration('mdlSteps').get<boolean>('reusePanel', true);
}

function clampInt(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, Math.round(x))) : lo;
}

/** Settings that change what a derivation shows; open panels recompute when one changes. */
const DISPLAY_SETTINGS = ['precision', 'exactForms', 'pca.covarianceDenominator', 'maxEntries', 'pca.maxEntries'].map((s) => `mdlSteps.${s}`);

/**
 * Apply display settings live: every open panel (images excepted: their
 * settings apply to the next picture) recomputes on the step it shows.
 */
export function refreshOnSettingsChange(ctx: Ctx): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!DISPLAY_SETTINGS.some((s) => e.affectsConfiguration(s))) return;
    for (const panel of ctx.panels.all()) {
      const { input, view } = panel.persistedState();
      if (input.kind !== 'image') panel.load(input, view).catch(() => undefined); // the panel shows its own error
    }
  });
}
