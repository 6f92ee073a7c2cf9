/**
 * The set-up every UI suite shares: code-server on the examples folder (a fresh copy),
 * Chromium on the workbench, a screenshot and a printed report (failureReport.ts) of
 * any failing test, and clean-up.
 * Call inside `describe`; read `ui.page` in the tests.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { failureReport, recordPageEvents } from './failureReport';
import { startCodeServer, type CodeServer } from './codeServer';
import { repoRoot } from './paths';
import { screenshot, waitForWorkbench, workbenchUrl } from './workbench';

export interface UiSuite {
  readonly page: Page;
  /** Screenshot into test-results/<folder>/<name>.png. */
  shot(name: string): Promise<string>;
  /** The server-side folder the workbench has open (a fresh copy of examples/). */
  readonly workspace: string;
}

export function useWorkbench(folder: string, waitForFile: string, settings?: Record<string, unknown>): UiSuite {
  let cs: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let workspace: string | undefined;
  /** Console errors and warnings, failed requests: the last few, for the failure report. */
  const events: string[] = [];
  const suite: UiSuite = {
    get workspace() {
      if (!workspace) throw new Error('the workbench is not open yet');
      return workspace;
    },
    get page() {
      if (!page) throw new Error('the workbench is not open yet');
      return page;
    },
    shot: (name) => screenshot(suite.page, folder, name),
  };

  before(async () => {
    cs = await startCodeServer({ settings });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    recordPageEvents(page, events);
    workspace = cs.freshWorkspace(path.join(repoRoot, 'examples'));
    await page.goto(workbenchUrl(cs, { folder: workspace }));
    await waitForWorkbench(page, waitForFile);
  });

  after(async () => {
    await browser?.close();
    await cs?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    await suite.shot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    console.log(`\n=== the workbench when "${this.currentTest.title}" failed ===\n${await failureReport(page, cs?.root, events)}\n`);
  });

  return suite;
}
