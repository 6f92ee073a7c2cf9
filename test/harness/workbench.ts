// Opening the workbench and the small UI helpers the Playwright tests need.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { repoRoot, resultsDir } from './paths';

export interface WorkbenchOptions {
  /** Absolute server-side path of the folder to open (use cs.freshWorkspace). */
  folder: string;
  /** Load this folder as a development extension (default: the repo root). null: none. */
  extensionDevelopmentPath?: string | null;
  /** The compiled suite index to run in the extension host (makes it a test run). */
  extensionTestsPath?: string;
  /** Environment variables for the extension host. */
  extensionEnvironment?: Record<string, string>;
}

/**
 * The workbench URL. The `payload` pairs are how the web workbench receives what the
 * desktop CLI would get as --extensionDevelopmentPath / --extensionTestsPath; they
 * survive a page reload because they are in the URL.
 */
export function workbenchUrl(cs: CodeServer, o: WorkbenchOptions): string {
  const payload: [string, string][] = [];
  const dev = o.extensionDevelopmentPath === undefined ? repoRoot : o.extensionDevelopmentPath;
  if (dev) payload.push(['extensionDevelopmentPath', cs.remoteUri(dev)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', cs.remoteUri(o.extensionTestsPath)]);
  if (o.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
  payload.push(['skipWelcome', 'true']);
  return `${cs.url}/?folder=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Waits for the workbench, then for the explorer to list `file`: by then the remote extension host is up. */
export async function waitForWorkbench(page: Page, file?: string, timeout = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  if (file) {
    await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${file}"]`).first().waitFor({ timeout });
  }
}

/** Opens a file by Quick Open (Ctrl+P), which works whether or not the explorer is visible. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  // Click the row that names the file: Enter could pick the first row of the "recently
  // opened" list shown before the filter applies (seen: pca.md opened instead of svd.md).
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).first().waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/**
 * Runs a command from the palette (F1). The palette lists only commands known when it
 * opens, and a development extension's commands can arrive later: if the entry is
 * missing, close and reopen until `timeout`.
 */
export async function runPaletteCommand(page: Page, label: string, timeout = 60_000): Promise<void> {
  await (await paletteRow(page, label, timeout)).click();
}

/** Opens the command palette on `label` and returns its row, ready to click (benchmarks time from the click). */
export async function paletteRow(page: Page, label: string, timeout = 60_000): Promise<Locator> {
  const deadline = Date.now() + timeout;
  const input = page.locator('.quick-input-widget input');
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      return row;
    } catch {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`command "${label}" never appeared in the palette`);
      await page.waitForTimeout(1000);
    }
  }
}

/** The extension's id as VS Code puts it in each webview iframe's URL (`extensionId=`). */
const EXTENSION_ID = (() => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
})();

/**
 * The content of MDL Steps' newest panel, even beside other webviews (an image
 * preview is one, and its iframe may come later in the page).
 */
export function mdlPanelFrame(page: Page): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).last().frameLocator('iframe#active-frame');
}

/** The content of the (single) visible webview: two iframes deep. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Full-page screenshot into test-results/<sub>/<name>.png; returns the path. */
export async function screenshot(page: Page, sub: string, name: string): Promise<string> {
  const dir = path.join(resultsDir, sub);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Selects the only occurrence of `text` in the active editor with the Find widget (Find
 * selects its match; Escape closes it and keeps the selection), then checks the status
 * bar so a wrong selection fails here rather than later.
 */
export async function selectInEditor(page: Page, text: string): Promise<void> {
  // Up to three tries: on a loaded machine the first Ctrl+F can reach the editor before it
  // has focus (seen once in CI, in the high-contrast light theme), and nothing opens.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+F');
      const find = page.locator('.editor-instance .find-widget.visible textarea, .editor-instance .find-widget.visible input').first();
      await find.waitFor({ timeout: 10_000 });
      await find.fill(text);
      await page.locator('.editor-instance .find-widget.visible .matchesCount', { hasText: /1 of 1/ }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await page.locator('#status\\.editor\\.selection', { hasText: `(${text.length} selected)` }).waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Selects `count` whole lines from line `line` of the focused editor with the
 * keyboard (Go to Line, Home, Shift+↓), and waits for the status bar to report
 * `selectedChars` characters, so the selection is known to be in place.
 */
export async function selectLines(page: Page, line: number, count: number, selectedChars: number): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  for (let i = 0; i < count; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.locator('#status\\.editor\\.selection', { hasText: new RegExp(`\\(${selectedChars} selected\\)`) }).waitFor();
}
