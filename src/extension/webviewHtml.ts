/**
 * The webview's HTML shell and options. Only type imports from `vscode`, so
 * the preview harness can call this from plain Node with stand-in objects.
 */
import type * as vscode from 'vscode';

/** `base` with path segments appended (Uri.joinPath without a runtime `vscode` import). */
function join(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: [base.path.replace(/\/+$/, ''), ...segments].join('/') });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    // The panel persists its view with setState and is rebuilt cheaply, so it need not stay alive while hidden.
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: [join(extensionUri, 'dist', 'webview'), join(extensionUri, 'media')],
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string, title: string): string {
  const script = webview.asWebviewUri(join(extensionUri, 'dist', 'webview', 'main.js'));
  const styles = webview.asWebviewUri(join(extensionUri, 'dist', 'webview', 'main.css'));
  // No 'unsafe-inline' and no 'unsafe-eval'. The libraries that would want inline
  // styles are handled in the renderer: MathJax's and Lit's CSS go in constructed
  // stylesheets (adoptedStyleSheets, which CSP does not govern), Plot's <style> is
  // removed in favour of rules in main.css, and everything else sets styles through
  // the CSSOM (element.style), which style-src also allows. Fonts: MathJax draws
  // glyphs as SVG paths, so font-src only covers anything VS Code itself provides.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${styles}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app"><p class="empty">Loading…</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
