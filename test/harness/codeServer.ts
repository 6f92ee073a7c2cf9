// Starts code-server (real VS Code, real Node extension host) on loopback with every bit
// of state in a throw-away folder, and stops it by killing its whole process group
// (killing only the main pid would orphan one fileWatcher child per window).
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerEntry, node24, testEnvReady } from './paths';

// First-run noise off: no welcome page, tips, AI side bar, update or telemetry pings.
const quietSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
  // The port finder scans /proc and spawns processes from the extension host's thread every
  // few seconds; it has nothing to forward here and its spawns block that thread (see the
  // reliability test's event-loop figures).
  'remote.autoForwardPorts': false,
};

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Per-run root folder holding user-data, extensions, XDG dirs, TMP and workspaces. */
  root: string;
  /** `vscode-remote://127.0.0.1:PORT<abs path>`: how the browser workbench names a server-side path. */
  remoteUri(absPath: string): string;
  /** Copies `folder` into a fresh temp folder (a new path avoids the ~6 s workspace lock). */
  freshWorkspace(folder: string): string;
  /** The output code-server printed so far (stdout+stderr). */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthz(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  port?: number;
  /** Extensions folder to use instead of an empty one in the run's root. */
  extensionsDir?: string;
  /**
   * .vsix files installed (`--install-extension`) into the extensions folder before the
   * server starts: the extension as a user gets it. Open the workbench with
   * `extensionDevelopmentPath: null` so the source tree is not loaded as well.
   */
  installExtensions?: string[];
}

/** `code-server --install-extension`, which installs and exits; throws with its output if it fails. */
function installExtension(vsix: string, extensionsDir: string, userData: string, env: NodeJS.ProcessEnv): void {
  const res = spawnSync(node24, [codeServerEntry, '--install-extension', path.resolve(vsix), '--extensions-dir', extensionsDir, '--user-data-dir', userData], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (res.status !== 0) throw new Error(`installing ${vsix} failed (exit ${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
}

export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServer> {
  if (!testEnvReady()) throw new Error('code-server is not installed: run scripts/setup-test-env.sh first');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-cs-'));
  const dir = (name: string) => {
    const p = path.join(root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = dir('user-data');
  const extensions = opts.extensionsDir ?? dir('extensions');
  fs.mkdirSync(extensions, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...opts.settings }, null, 2),
  );

  const port = opts.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    // Without this a built product silently ignores the test payload in the URL.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  // detached: true makes the child call setsid(), so it leads its own process group
  // and stop() can kill the server together with everything it spawned.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(node24)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    TMPDIR: dir('tmp'),
  };
  // Run from a VS Code terminal, these would tie the server to that editor instead.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  for (const vsix of opts.installExtensions ?? []) installExtension(vsix, extensions, userData, env);
  const child = spawn(node24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  let stopped = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  // If the test process dies without calling stop(), do not leave a server behind.
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    killGroup('SIGTERM');
    const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
    const timer = new Promise<void>((r) => setTimeout(r, 5000));
    await Promise.race([exited, timer]);
    killGroup('SIGKILL'); // stragglers in the group (fileWatcher, extension host)
    if (!process.env.MDL_KEEP_TMP) fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitForHealthz(url, child, 30_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- code-server output ---\n${output}`);
  }

  let workspaces = 0;
  return {
    port,
    url,
    root,
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`,
    freshWorkspace(folder) {
      const dest = path.join(root, 'workspaces', `${path.basename(folder)}-${++workspaces}`);
      fs.cpSync(folder, dest, { recursive: true });
      return dest;
    },
    log: () => output,
    stop,
  };
}
