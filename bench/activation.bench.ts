/**
 * Activation cost measured outside VS Code: load the bundled extension with a
 * minimal stand-in for the `vscode` module and time require() + activate().
 * (The integration suite also logs the real activation time in the extension host.)
 */
import * as path from 'node:path';
import Module from 'node:module';
import { time, type BenchRow } from './timing';

function vscodeStub() {
  const disposable = { dispose() {} };
  const noop = () => disposable;
  return {
    commands: { registerCommand: noop, executeCommand: async () => undefined },
    window: {
      registerWebviewPanelSerializer: noop,
      createOutputChannel: () => ({ info() {}, dispose() {} }),
    },
    workspace: { getConfiguration: () => ({ get: (_k: string, d: unknown) => d }) },
    Uri: { joinPath: () => ({}) },
    ViewColumn: { Beside: -2, Active: -1 },
    ProgressLocation: { Notification: 15 },
  };
}

export async function bench(): Promise<BenchRow[]> {
  const bundle = path.resolve(__dirname, '..', 'extension.js');
  const resolve = (Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string })._resolveFilename;
  const stub = vscodeStub();
  (Module as unknown as { _resolveFilename: unknown })._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub } as NodeJS.Module;
  const context = { subscriptions: [] as unknown[], extensionPath: path.resolve(__dirname, '..', '..'), extensionUri: {} };
  return [
    await time(
      'require(dist/extension.js) + activate()',
      () => {
        delete require.cache[bundle];
        const ext = require(bundle);
        ext.activate(context);
        context.subscriptions.length = 0;
      },
      { runs: 20, warmup: 2, note: 'stubbed vscode API; cold module load each run' },
    ),
  ];
}
