/**
 * The webview's HTML shell, built in plain Node with stand-ins for the two
 * vscode objects it reads (it imports vscode only for types): a strict CSP,
 * the nonce on the one script, nothing remote, and only the bundle folders
 * as local resource roots. The same audit runs on the real panels in
 * test/integration/security.test.ts.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { webviewHtml, webviewOptions } from '../../../src/extension/webviewHtml';
import { auditWebviewHtml } from './cspAudit';

const ORIGIN = 'https://file+.vscode-resource.vscode-cdn.net';

class FakeUri {
  constructor(readonly path: string) {}
  with(change: { path: string }) {
    return new FakeUri(change.path);
  }
  toString() {
    return `file://${this.path}`;
  }
}

const root = new FakeUri('/ext/mdl-steps/') as unknown as vscode.Uri;
const webview = { cspSource: ORIGIN, asWebviewUri: (u: FakeUri) => `${ORIGIN}${u.path}` } as unknown as vscode.Webview;
const freshNonce = () => randomBytes(18).toString('base64url');

describe('security: webview HTML shell', () => {
  it('passes the CSP audit: default-src none, nonce script, nothing unsafe or remote', () => {
    const nonce = freshNonce();
    const audit = auditWebviewHtml(webviewHtml(webview, root, nonce, 'MDL Steps'), ORIGIN);
    assert.deepEqual(audit.problems, []);
    assert.equal(audit.nonce, nonce);
    assert.deepEqual(audit.directives.get('default-src'), ["'none'"]);
    assert.deepEqual(audit.directives.get('script-src'), [`'nonce-${nonce}'`]);
    // Only what the renderer needs: no connect-src, frame-src, worker-src … (they fall back to 'none').
    assert.deepEqual([...audit.directives.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
  });

  it('escapes the title, so a title cannot add markup or weaken the policy', () => {
    const title = `</title><script>alert(1)</script><meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline'">`;
    const html = webviewHtml(webview, root, freshNonce(), title);
    assert.deepEqual(auditWebviewHtml(html, ORIGIN).problems, []);
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;meta http-equiv=&quot;/);
  });

  it('limits local resources to dist/webview and media, and keeps scripts on', () => {
    const options = webviewOptions(root);
    assert.deepEqual(options.localResourceRoots!.map(String), ['file:///ext/mdl-steps/dist/webview', 'file:///ext/mdl-steps/media']);
    assert.equal(options.enableScripts, true);
    assert.equal((options as { enableCommandUris?: unknown }).enableCommandUris, undefined, 'command: links stay off in the webview');
  });

  // The audit itself must be able to fail, or the tests above prove nothing.
  it('the audit catches each kind of weakening', () => {
    const good = webviewHtml(webview, root, 'A'.repeat(24), 'x');
    const cases: Array<[string, (h: string) => string, RegExp]> = [
      ['unsafe-inline', (h) => h.replace(`style-src ${ORIGIN}`, `style-src ${ORIGIN} 'unsafe-inline'`), /unsafe-inline/],
      ['unsafe-eval', (h) => h.replace("script-src 'nonce-", "script-src 'unsafe-eval' 'nonce-"), /unsafe-eval/],
      ['remote origin', (h) => h.replace('img-src ', 'img-src https://evil.example '), /evil\.example/],
      ['wildcard', (h) => h.replace('font-src ', 'font-src * '), /font-src allows \*/],
      ['default-src', (h) => h.replace("default-src 'none'", "default-src 'self'"), /default-src must be exactly/],
      ['wrong nonce', (h) => h.replace('<script nonce="A', '<script nonce="B'), /nonce/],
      ['inline script', (h) => h.replace('</body>', `<script nonce="${'A'.repeat(24)}">alert(1)</script></body>`), /inline <script>/],
      ['remote script', (h) => h.replace(/src="[^"]*main\.js"/, 'src="https://cdn.example/x.js"'), /loads from https:\/\/cdn/],
      ['inline handler', (h) => h.replace('<body>', '<body onload="x()">'), /event handler/],
      ['short nonce', (h) => h.replaceAll('A'.repeat(24), 'abc'), /too short/],
      ['data: scripts', (h) => h.replace("script-src 'nonce-", "script-src data: 'nonce-"), /script-src allows data:/],
    ];
    assert.deepEqual(auditWebviewHtml(good, ORIGIN).problems, []);
    for (const [what, change, expected] of cases) {
      const problems = auditWebviewHtml(change(good), ORIGIN).problems;
      assert.ok(problems.some((p) => expected.test(p)), `${what}: ${JSON.stringify(problems)}`);
    }
  });
});
