/**
 * Infrastructure for the webview preview (see preview.ts): builds the bundle,
 * serves the real HTML from `webviewHtml` (same CSP) on 127.0.0.1, and opens
 * pages with a stubbed `acquireVsCodeApi`, a VS Code theme, and monitoring for
 * console errors and CSP violations.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../src/protocol';
import { webviewHtml } from '../../src/extension/webviewHtml';
import { themes, type ThemeName } from './themes';

export const root = path.resolve(__dirname, '../..');
export const outDir = path.join(root, 'test-results', 'webview-preview');
export const failures: string[] = [];

export function check(ok: boolean, what: string): void {
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

// ---------------------------------------------------------------------------
// Build

/** Same options as the webview target in esbuild.mjs. */
const bundleOptions: esbuild.BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  logLevel: 'warning',
  legalComments: 'none',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  entryPoints: { main: 'webview/main.ts' },
  outdir: 'dist/webview',
  loader: { '.woff2': 'file', '.ttf': 'file' },
};

export async function build(): Promise<string> {
  await esbuild.build({ ...bundleOptions, sourcemap: 'linked' });
  const minified = await esbuild.build({ ...bundleOptions, minify: true, write: false });
  const sizes = minified.outputFiles.map((f) => `${path.basename(f.path)} ${(f.contents.length / 1024).toFixed(0)} kB`);
  const dev = ['main.js', 'main.css'].map((f) => `${f} ${(fs.statSync(path.join(root, 'dist/webview', f)).size / 1024).toFixed(0)} kB`);
  return `bundle: ${dev.join(', ')} (dev); ${sizes.join(', ')} (minified, --production)`;
}

// ---------------------------------------------------------------------------
// A local stand-in for the webview's resource origin

class FakeUri {
  constructor(readonly path: string) {}
  with(change: { path: string }): FakeUri {
    return new FakeUri(change.path);
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

export async function serve(): Promise<{ origin: string; close: () => void }> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      const webview = { cspSource: origin, asWebviewUri: (uri: FakeUri) => origin + uri.path.slice(root.length) };
      const html = webviewHtml(webview as unknown as vscode.Webview, new FakeUri(root) as unknown as vscode.Uri, 'TESTNONCE123', 'MDL <Steps> & "preview"');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const file = path.normalize(path.join(root, url.pathname));
    const allowed = [path.join(root, 'dist', 'webview') + path.sep, path.join(root, 'media') + path.sep].some((dir) => file.startsWith(dir));
    if (!allowed || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { origin, close: () => server.close() };
}

// ---------------------------------------------------------------------------
// Page helpers

/** Runs in the page before any of its scripts: the VS Code API stub, theme, and CSP monitoring. */
function pageStub({ theme, saved }: { theme: { bodyClass: string; vars: Record<string, string> }; saved: unknown }): void {
  const w = window as unknown as Record<string, unknown>;
  w.__posted = [];
  w.__state = saved;
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => (w.__csp as string[]).push(`${e.violatedDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return {
      postMessage: (m: unknown) => {
        const copy = JSON.parse(JSON.stringify(m));
        (w.__posted as unknown[]).push(copy);
        (w.__hostReceive as ((m: unknown) => void) | undefined)?.(copy);
      },
      getState: () => w.__state,
      setState: (s: unknown) => (w.__state = JSON.parse(JSON.stringify(s))),
    };
  };
  // VS Code sets the theme through the CSSOM (a style attribute would break the CSP) before the page's scripts run.
  w.__applyTheme = (t: { bodyClass: string; vars: Record<string, string> }) => {
    const apply = () => {
      const html = document.documentElement;
      for (const name of Array.from(html.style)) if (name.startsWith('--vscode-')) html.style.removeProperty(name);
      for (const [name, value] of Object.entries(t.vars)) html.style.setProperty(name, value);
      document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
      document.body.classList.add(t.bodyClass);
    };
    if (document.body) apply();
    else new MutationObserver((_, o) => document.body && (apply(), o.disconnect())).observe(document, { childList: true, subtree: true });
  };
  (w.__applyTheme as (t: unknown) => void)(theme);
}

export interface Session {
  page: Page;
  errors: string[];
  warnings: string[];
  send: (msg: HostMessage | Record<string, unknown>) => Promise<void>;
  posted: () => Promise<WebviewMessage[]>;
  shot: (name: string, fullPage?: boolean, settle?: number) => Promise<void>;
  setTheme: (name: ThemeName) => Promise<void>;
  close: () => Promise<string[]>;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  truncate?: (k: number) => number[][];
  savedState?: unknown;
  /** Plays the host for any other message the webview posts (PCA edits…); reply with `send`. */
  host?: (m: WebviewMessage, send: (msg: HostMessage) => Promise<void>) => void;
  /** Browser permissions for the page, e.g. clipboard-write (VS Code grants it on a click). */
  permissions?: string[];
}

export async function open(browser: Browser, origin: string, theme: ThemeName, opts: OpenOptions = {}): Promise<Session> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1100, height: opts.height ?? 860 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Resolves once the page has handled the message: listeners run in order, and the webview's was added first.
  const send = (msg: unknown) =>
    page.evaluate(
      (m) =>
        new Promise<void>((resolve) => {
          window.addEventListener('message', () => resolve(), { once: true });
          window.postMessage(m, '*');
        }),
      msg,
    );
  // The host's side of requestTruncation.
  await page.exposeFunction('__hostReceive', (m: WebviewMessage) => {
    if (m.type === 'requestTruncation' && opts.truncate) void send({ type: 'truncation', k: m.k, matrix: opts.truncate(m.k) });
    opts.host?.(m, send);
  });
  // tsx compiles this file with esbuild's keepNames, which wraps functions in a `__name` helper;
  // functions serialised into the page need that helper there too.
  await page.addInitScript({ content: `var __name = (f) => f; (${pageStub})(${JSON.stringify({ theme: themes[theme], saved: opts.savedState })});` });
  if (opts.permissions) await page.context().grantPermissions(opts.permissions, { origin });
  await page.goto(origin + '/');
  return {
    page,
    errors,
    warnings,
    send,
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted),
    shot: async (name, fullPage = false, settle = 150) => {
      await page.waitForTimeout(settle); // ResizeObserver-driven charts draw on the next frame
      await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
    },
    setTheme: (name) => page.evaluate((t) => (window as unknown as { __applyTheme: (t: unknown) => void }).__applyTheme(t), themes[name] as never),
    close: async () => {
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      await page.close();
      return csp;
    },
  };
}
