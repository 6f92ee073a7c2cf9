// Every kind of panel the extension opens, in the real extension host: its HTML carries
// a strict CSP (default-src 'none', one nonce on every script, nothing unsafe, nothing
// remote beyond the webview's own resource origin) and it may load local files only
// from the bundle folders. The same audit runs on the HTML builder in test/unit/security/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { auditWebviewHtml } from '../unit/security/cspAudit';
import { DecomposeResult, EXTENSION_ID, derivationTabs, select, waitFor } from './util';

interface WebviewInfo {
  title: string;
  html: string;
  cspSource: string;
  localResourceRoots: string[];
  enableScripts: boolean;
}
interface SecurityApi {
  testing: { panels(): Array<{ ready: boolean }>; webviews(): WebviewInfo[] };
}

const repo = path.resolve(__dirname, '..', '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-security-'));
const TABLE = 'Feature\tExample - 1\tExample - 2\tExample - 3\n$X_1$\t4\t8\t13\n$X_2$\t11\t4\t5';

async function withSelection(name: string, text: string, command: string): Promise<DecomposeResult> {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, `${text}\n`);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  select(editor, text);
  return (await vscode.commands.executeCommand<DecomposeResult>(command))!;
}

/** Each panel kind, opened the way a student would (command arguments stand in for pickers). */
const PANELS: Array<[string, () => Thenable<DecomposeResult | undefined>]> = [
  ['SVD derivation', () => withSelection('a.md', '[[1,1],[1,0],[0,1]]', 'mdlSteps.decomposeSvd')],
  ['PCA', () => withSelection('t.md', TABLE, 'mdlSteps.reducePca')],
  ['activation explorer', () => vscode.commands.executeCommand('mdlSteps.openActivationExplorer', { name: 'relu' })],
  ['cross-entropy', () => vscode.commands.executeCommand('mdlSteps.crossEntropy')],
  ['sigmoid zig-zag', () => vscode.commands.executeCommand('mdlSteps.sigmoidZigzag')],
  ['derivative', () => vscode.commands.executeCommand('mdlSteps.differentiate', { expression: 'x * sigmoid(x)' })],
  [
    'problem run',
    () => vscode.commands.executeCommand('mdlSteps.runProblem', { uri: vscode.Uri.file(path.join(repo, 'examples', 'assignment.mdl.json')).toString(), id: 'q5', action: 'adam' }),
  ],
  ['image', () => vscode.commands.executeCommand('mdlSteps.compressImage', vscode.Uri.file(path.join(repo, 'examples', 'images', 'shapes-256.png')))],
];

describe('security: webview CSP of every panel', function () {
  let api: SecurityApi;
  const nonces = new Set<string>();

  before(async () => {
    api = (await vscode.extensions.getExtension<SecurityApi>(EXTENSION_ID)!.activate())!;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no derivation tabs', () => derivationTabs().length === 0 && api.testing.webviews().length === 0);
  });

  for (const [kind, open] of PANELS) {
    it(`${kind}: strict CSP, nonce scripts, bundle-only resource roots`, async () => {
      const res = await open();
      assert.ok(res?.ok, `${kind} did not open: ${JSON.stringify(res)}`);
      await waitFor(`the ${kind} webview to render`, () => api.testing.panels()[0]?.ready, 60_000);
      const views = api.testing.webviews();
      assert.strictEqual(views.length, 1);
      const view = views[0];
      assert.ok(view.cspSource, 'the webview has a cspSource');
      const audit = auditWebviewHtml(view.html, view.cspSource);
      assert.deepStrictEqual(audit.problems, [], `${kind} (cspSource ${view.cspSource}):\n${view.html}`);
      assert.ok(view.html.includes("default-src 'none'"));
      assert.doesNotMatch(view.html, /unsafe-(inline|eval)/);
      assert.ok(audit.nonce && !nonces.has(audit.nonce), 'every page load gets a fresh nonce');
      nonces.add(audit.nonce!);
      assert.strictEqual(view.enableScripts, true);
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
      assert.deepStrictEqual(view.localResourceRoots, [vscode.Uri.joinPath(ext, 'dist', 'webview').toString(), vscode.Uri.joinPath(ext, 'media').toString()]);
    });
  }
});
