/**
 * What a failed UI test prints about the workbench, so a failure seen only in CI
 * (where the screenshots are not kept) can still be read from the log: the active
 * tab, open notifications and quick input, the text of our panels, and the tail of
 * the extension host's logs (ours included).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const TAIL_LINES = 40;
const PANEL_CHARS = 1500;

/** Keeps the page's (and its frames') console errors and warnings and its failed requests in `into`, the last 60. */
export function recordPageEvents(page: Page, into: string[]): void {
  const keep = (line: string) => {
    into.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (into.length > 60) into.shift();
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') keep(`console.${msg.type()} ${msg.location().url.split('?')[0].split('/').pop() ?? ''}: ${msg.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => keep(`uncaught: ${e.message.slice(0, 300)}`));
  page.on('requestfailed', (r) => keep(`request failed: ${r.url().slice(0, 160)} (${r.failure()?.errorText ?? '?'})`));
}

export async function failureReport(page: Page, serverRoot: string | undefined, events: string[] = []): Promise<string> {
  const parts: string[] = [];
  const section = (title: string, body: string) => parts.push(`--- ${title} ---\n${body.trim() || '(empty)'}`);
  const texts = async (selector: string) => (await page.locator(selector).allInnerTexts().catch(() => [])).join('\n');

  section('active tab', (await page.locator('.tabs-container .tab.active').first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null)) ?? '(none)');
  section('notifications', await texts('.notification-list-item-message'));
  section('dialog', await texts('.monaco-dialog-box'));
  section('quick input', await texts('.quick-input-widget:visible'));
  for (const frame of page.frames()) {
    if (!frame.url().includes('extensionId=') || !frame.url().includes('mdl-steps')) continue;
    for (const child of frame.childFrames()) {
      const text = await child.evaluate(() => document.body?.innerText ?? '').catch((e: Error) => `(unreadable: ${e.message})`);
      section('MDL Steps panel', text.replace(/\s*\n+\s*/g, ' · ').slice(0, PANEL_CHARS));
    }
  }
  section('console errors and failed requests', events.join('\n'));
  if (serverRoot) {
    for (const file of logFiles(serverRoot)) section(`log ${path.relative(serverRoot, file)}`, tail(file));
  }
  return parts.join('\n');
}

/** The extension host's log and every MDL Steps output channel under the server's user data. */
function logFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'extensions' && entry.name !== 'workspaces') walk(full, depth + 1);
      else if (/^(exthost|remoteexthost)\.log$|MDL Steps\.log$/.test(entry.name)) found.push(full);
    }
  };
  try {
    walk(root, 0);
  } catch {
    /* the server is gone: nothing to read */
  }
  return found;
}

function tail(file: string): string {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return lines.slice(-TAIL_LINES).join('\n');
}
