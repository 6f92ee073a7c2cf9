// Runs a mocha suite inside the real extension host of code-server, the way VS Code's
// own browser integration tests do: the page exposes codeAutomationLog/codeAutomationExit
// before loading, and the workbench (started with enable-smoke-test-driver) calls them.
import * as util from 'node:util';
import type { Browser } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { WorkbenchOptions, workbenchUrl } from './workbench';

// Workbench chatter that says nothing about the tests (offline gallery, remote agent host,
// connection set-up, cancellations at shutdown). Still recorded; just not echoed.
const noise =
  /open-vsx\.org|^Canceled|authentication provider|^\[(AgentHost|RemoteAgentHostProtocol|reconnection-grace-time|Service Worker|AccountPolicyGate)|^(Creating a socket|Resolv\w+ connection token|Updating additional builtin)/;

export interface ExtensionTestRun {
  exitCode: number;
  /** Everything the extension host logged (mocha's reporter output among it). */
  output: string;
}

export async function runExtensionTests(
  browser: Browser,
  cs: CodeServer,
  o: WorkbenchOptions & { extensionTestsPath: string; timeoutMs?: number; echo?: boolean; failureScreenshot?: string },
): Promise<ExtensionTestRun> {
  const page = await browser.newPage();
  let output = '';
  let done = false;
  let onExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (onExit = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    done = true; // what the workbench logs while it shuts down is noise
    onExit(code);
  });
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    if (done) return;
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    output += line + '\n';
    if (o.echo && (process.env.MDL_DEBUG || !noise.test(line))) (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
  });
  page.on('pageerror', (e) => (output += `[page error] ${e.message}\n`));
  try {
    await page.goto(workbenchUrl(cs, o));
    const timeoutMs = o.timeoutMs ?? 300_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`extension tests did not finish within ${timeoutMs} ms\n${output}`)), timeoutMs);
    });
    try {
      const exitCode = await Promise.race([exited, timedOut]);
      if (exitCode !== 0 && o.failureScreenshot) await page.screenshot({ path: o.failureScreenshot }).catch(() => {});
      return { exitCode, output };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await page.close().catch(() => {});
  }
}
