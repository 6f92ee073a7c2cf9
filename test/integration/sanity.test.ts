// Proves the harness itself: this code runs inside a real VS Code extension host
// with the repo loaded as a development extension.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './util';

describe('extension host', () => {
  it('is a real VS Code extension host', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.strictEqual(typeof vscode.commands.executeCommand, 'function');
  });

  it('has the repo loaded as a development extension', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    assert.strictEqual(ext.packageJSON.name, 'mdl-steps');
  });

  it('activates and reports how long activate() took', async () => {
    const api = await vscode.extensions.getExtension<{ testing: { activationMs: number } }>(EXTENSION_ID)!.activate();
    assert.ok(Number.isFinite(api.testing.activationMs) && api.testing.activationMs >= 0);
    console.log(`      activate() took ${api.testing.activationMs.toFixed(1)} ms in the real extension host`);
  });

  it('the compute worker keeps V8\'s compile cache in the extension\'s global storage (Node ≥ 22.1)', async function () {
    const [major, minor] = process.versions.node.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 1)) this.skip(); // module.enableCompileCache is newer: the worker starts without it
    const api = await vscode.extensions.getExtension<{ testing: { globalStorage: string } }>(EXTENSION_ID)!.activate();
    // A hover starts a worker (the quick one); its entry turns the cache on and writes it once worker.js is loaded.
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'y = torch.relu(x)\n' });
    await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 11));
    const dir = path.join(vscode.Uri.parse(api.testing.globalStorage).fsPath, 'compile-cache');
    const files = await waitFor('a compile cache entry', () => {
      const found: string[] = [];
      const walk = (d: string) => fs.existsSync(d) && fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : found.push(e.name)));
      walk(dir);
      return found.length ? found : undefined;
    });
    console.log(`      ${files.length} compile cache file(s) under the global storage`);
  });
});
