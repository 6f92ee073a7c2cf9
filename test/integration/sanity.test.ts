// Proves the harness itself: this code runs inside a real VS Code extension host
// with the repo loaded as a development extension.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './util';

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
});
