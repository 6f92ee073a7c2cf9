/**
 * Activation cost measured outside VS Code: load the bundled extension with a
 * minimal stand-in for the `vscode` module and time require() + activate().
 * (The integration suite also logs the real activation time in the extension host.)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';
import { time, type BenchRow } from './timing';

/**
 * A stand-in that answers anything: properties, calls and `new` give another
 * stand-in, so activate() can register whatever it registers today (classes such
 * as CodeLens are extended, too). The few values activation reads are real.
 */
function anything(): unknown {
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  return new Proxy(target, {
    get: (t, p) => (p === 'then' || p === Symbol.toPrimitive ? undefined : p === 'prototype' ? (t.prototype ??= {}) : p in t ? t[p] : (t[p] = anything())),
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

function withFallback<T extends object>(known: T): T {
  return new Proxy(known, {
    get: (t, p) => {
      const value = (t as Record<PropertyKey, unknown>)[p];
      if (value === undefined) return p === 'then' ? undefined : anything();
      return typeof value === 'object' && value !== null ? withFallback(value) : value;
    },
  });
}

/**
 * The bundle reads `vscode` through esbuild's __toESM, which copies the module's own
 * property names: every top-level class, enum and namespace of the API must be one.
 */
function apiNames(): string[] {
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...dts.matchAll(/^\s{1,4}export (?:class|enum|namespace) (\w+)/gm)].map((m) => m[1]);
}

function vscodeStub() {
  const disposable = { dispose() {} };
  const known: Record<string, unknown> = {
    commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
    window: { createOutputChannel: () => withFallback({ info() {}, dispose() {} }) },
    workspace: { getConfiguration: () => withFallback({ get: (_k: string, d: unknown) => d }) },
    l10n: { t: (message: string) => message },
    env: { language: 'en' },
    ViewColumn: { Beside: -2, Active: -1 },
    ProgressLocation: { Notification: 15 },
  };
  for (const name of apiNames()) known[name] ??= anything();
  return withFallback(known);
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
