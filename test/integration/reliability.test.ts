// Reliability, measured in the real extension host: the largest runs never block the host's
// event loop for long, cancellation stops them, oversized selections are refused before any
// work, and no command edits the student's document. The figures go to
// test-results/reliability.json for the release note. The bounds are generous properties,
// not speed targets: speed is measured in bench/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as inspector from 'node:inspector';
import * as vscode from 'vscode';
import { DecomposeResult, EXTENSION_ID, MdlApi, derivationTabs, waitFor } from './util';

/** Longest the host's event loop may be blocked at once while a run is in flight. */
const MAX_LAG_MS = 50;
/** Cancellation must have stopped the run by then (it takes a few ms; the bound is generous on purpose). */
const MAX_CANCEL_MS = 2000;

const repo = path.resolve(__dirname, '..', '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-reliability-'));
const results: { lag: Record<string, unknown>; cancellation: Record<string, unknown> } = { lag: {}, cancellation: {} };

/**
 * Samples the event loop every 5 ms. Two figures per run:
 * - maxLagMs: the worst wall-clock drift between ticks: how long the loop was unavailable,
 *   whatever the reason (work on this thread, or the OS not scheduling it on a loaded machine);
 * - maxBusyMs: the most CPU time this thread spent between two ticks: how long work on the
 *   host's thread (ours, VS Code's, the garbage collector's) held the loop. The OS's
 *   scheduling does not count here, so this is the figure the property is asserted on.
 */
const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
/** CPU time of this thread (Node ≥ 23.9); wall-clock time where that is not available. */
function cpuMs(): number {
  const u = threadCpu ? threadCpu.call(process) : undefined;
  return u ? (u.user + u.system) / 1000 : performance.now();
}

function lagMonitor() {
  let last = performance.now();
  let lastCpu = cpuMs();
  let maxLag = 0;
  let maxBusy = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuMs();
    maxLag = Math.max(maxLag, now - last - 5);
    maxBusy = Math.max(maxBusy, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    samples++;
  }, 5);
  const round = (x: number) => Math.round(Math.max(0, x) * 10) / 10;
  return {
    stop() {
      clearInterval(timer);
      return { maxLagMs: round(maxLag), maxBusyMs: round(maxBusy), samples, threadCpu: threadCpu !== undefined };
    },
  };
}

type Lag = ReturnType<ReturnType<typeof lagMonitor>['stop']>;

/** A sampling CPU profile of this thread (the extension host's), kept to explain a failure. */
async function startProfiler(): Promise<{ stop(): Promise<string> }> {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      session.disconnect();
      return JSON.stringify(profile);
    },
  };
}

/** Deterministic pseudo-random integers, so every run sees the same matrices. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

function matrixText(rows: number, cols: number, seed = 1): string {
  const next = rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<string>(cols);
    for (let j = 0; j < cols; j++) row[j] = String(Math.floor(next() * 199) - 99);
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}

function datasetCsv(samples: number, features: number): string {
  const next = rng(7);
  const lines = [Array.from({ length: features }, (_, j) => `f${j + 1}`).join(',')];
  for (let i = 0; i < samples; i++) lines.push(Array.from({ length: features }, () => (next() * 10).toFixed(3)).join(','));
  return lines.join('\n') + '\n';
}

async function noisePng(size: number): Promise<string> {
  const { encodePng } = await import('../../src/core/image');
  const rgba = new Uint8Array(size * size * 4);
  const next = rng(12345);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i & 3) === 3 ? 255 : Math.floor(next() * 256);
  const file = path.join(scratch, `noise-${size}.png`);
  fs.writeFileSync(file, encodePng(size, size, rgba));
  return file;
}

/** Opens `content` as a real file (never untitled: closing it must not prompt) and selects all of it. */
async function openAndSelectAll(name: string, content: string): Promise<vscode.TextEditor> {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  const doc = editor.document;
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
  return editor;
}

/** "Decompose selection (SVD)" on the active editor, with the host's lag watched from a quiet start to a quiet end. */
async function decomposeWatched(): Promise<{ res: DecomposeResult | undefined; lag: Lag }> {
  await settle();
  const monitor = lagMonitor();
  try {
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    await settle();
    return { res, lag: monitor.stop() };
  } catch (e) {
    monitor.stop();
    throw e;
  }
}

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('no derivation tabs', () => derivationTabs().length === 0);
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('reliability', function () {
  this.timeout(600_000);
  let api: MdlApi;
  let problemFile: string;
  let imageFile: string;
  const config = () => vscode.workspace.getConfiguration('mdlSteps');

  before(async () => {
    api = await vscode.extensions.getExtension<MdlApi>(EXTENSION_ID)!.activate();
    problemFile = path.join(scratch, 'long.mdl.json');
    fs.writeFileSync(
      problemFile,
      JSON.stringify({ problems: [{ id: 'long', kind: 'optimize', objective: 'rosenbrock', start: [-1.5, 2], optimizer: 'adam', lr: 0.001, steps: 1_000_000, tol: 0 }] }, null, 2),
    );
    imageFile = await noisePng(1024);
    await config().update('image.mode', 'rgb', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('image.mode', undefined, vscode.ConfigurationTarget.Global);
    const out = path.join(repo, 'test-results', 'reliability.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const previous = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as typeof results) : { lag: {}, cancellation: {} };
    const merged = {
      ...previous,
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      bounds: { maxLagMs: MAX_LAG_MS, maxCancelMs: MAX_CANCEL_MS },
      lag: { ...previous.lag, ...results.lag },
      cancellation: { ...previous.cancellation, ...results.cancellation },
    };
    fs.writeFileSync(out, JSON.stringify(merged, null, 2) + '\n');
    console.log(`      wrote ${out}`);
  });

  afterEach(closeAll);

  /** The runs, each a command on prepared input; `prepare` opens what the command reads. */
  const runs: Array<{ name: string; prepare: () => Promise<void>; command: () => Thenable<DecomposeResult | undefined>; expectTitle?: RegExp }> = [
    {
      name: 'svd-500x500',
      prepare: async () => void (await openAndSelectAll('svd-500.txt', matrixText(500, 500))),
      command: () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd'),
      expectTitle: /SVD · 500×500/,
    },
    {
      name: 'svd-250x1000-maxEntries',
      prepare: async () => void (await openAndSelectAll('svd-250x1000.txt', matrixText(250, 1000, 3))),
      command: () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd'),
      expectTitle: /SVD · 250×1000/,
    },
    {
      name: 'pca-10000x100',
      prepare: async () => void (await openAndSelectAll('pca-10000.csv', datasetCsv(10_000, 100))),
      command: () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.reducePca', { components: 2 }),
      expectTitle: /PCA · 10000×100 → 2/,
    },
    {
      name: 'adam-1e6-steps',
      prepare: async () => undefined,
      command: () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.runProblem', { uri: vscode.Uri.file(problemFile).toString(), id: 'long', action: 'adam' }),
      expectTitle: /long · Adam/,
    },
    {
      name: 'image-1024-rgb',
      prepare: async () => undefined,
      command: () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.compressImage', vscode.Uri.file(imageFile)),
      expectTitle: /noise-1024\.png/,
    },
  ];

  it('control: the monitor catches an 80 ms block of the host thread', async () => {
    const monitor = lagMonitor();
    await new Promise((r) => setTimeout(r, 50));
    const until = cpuMs() + 80;
    while (cpuMs() < until) {
      // Busy on purpose: this is what a heavy synchronous step on the host looks like.
    }
    await new Promise((r) => setTimeout(r, 50));
    const lag = monitor.stop();
    console.log(`      control: longest block ${lag.maxBusyMs} ms of host-thread CPU; max wall-clock lag ${lag.maxLagMs} ms`);
    assert.ok(lag.maxBusyMs >= MAX_LAG_MS, `the monitor missed an 80 ms block (saw ${lag.maxBusyMs} ms)`);
  });

  it('baseline: the idle host, for comparison (no assertion: it measures the machine)', async () => {
    const monitor = lagMonitor();
    await new Promise((r) => setTimeout(r, 5000));
    const lag = monitor.stop();
    results.lag['idle-baseline-5s'] = lag;
    console.log(`      idle: longest block ${lag.maxBusyMs} ms of host-thread CPU; max wall-clock lag ${lag.maxLagMs} ms`);
  });

  for (const run of runs) {
    it(`${run.name}: the host's event loop is never blocked for more than ${MAX_LAG_MS} ms`, async () => {
      await run.prepare();
      await settle();
      const t0 = performance.now();
      const profiler = await startProfiler();
      const monitor = lagMonitor();
      let lag: Lag;
      let profile: string;
      let res: DecomposeResult | undefined;
      try {
        res = await run.command();
        assert.ok(res?.ok, JSON.stringify(res));
        if (run.expectTitle) assert.match(res.title, run.expectTitle);
        // Until the webview has the derivation: the host serialises and posts it.
        await waitFor('the panel to be ready', () => api.testing.panels().some((p) => p.ready), 120_000);
        await settle();
      } finally {
        lag = monitor.stop();
        profile = await profiler.stop();
      }
      results.lag[run.name] = { ...lag, totalMs: Math.round(performance.now() - t0) };
      console.log(`      longest block ${lag.maxBusyMs} ms of host-thread CPU; max wall-clock lag ${lag.maxLagMs} ms; ${lag.samples} samples`);
      if (lag.maxBusyMs >= MAX_LAG_MS) {
        // What held the thread: open it in Chrome DevTools or VS Code's profile viewer.
        const file = path.join(repo, 'test-results', `reliability-${run.name}.cpuprofile`);
        fs.writeFileSync(file, profile);
        assert.fail(`the host's thread was busy for ${lag.maxBusyMs} ms at once (CPU profile: ${file})`);
      }
    });
  }

  it(`a 10⁶-entry selection (1000×1000 as text) is refused with a clear message, and the host stays responsive`, async () => {
    const editor = await openAndSelectAll('huge-1000x1000.txt', matrixText(1000, 1000, 5));
    const before = { text: editor.document.getText(), version: editor.document.version };
    const { res, lag } = await decomposeWatched();
    results.lag['svd-1000x1000-refused'] = lag;
    console.log(`      refused: ${res && !res.ok ? res.error : JSON.stringify(res)}; longest block ${lag.maxBusyMs} ms (wall ${lag.maxLagMs} ms)`);
    assert.ok(res && !res.ok, `expected a refusal, got ${JSON.stringify(res)}`);
    assert.match(res.error, /1[,.]?000[,.]?000|10⁶|1000 × 1000|1000×1000/);
    assert.match(res.error, /maxEntries/);
    assert.strictEqual(api.testing.panels().length, 0, 'a panel was opened');
    assert.strictEqual(editor.document.version, before.version, 'the document changed');
    assert.ok(lag.maxBusyMs < MAX_LAG_MS, `the host's thread was busy for ${lag.maxBusyMs} ms at once`);
  });

  it('the cursor inside a 10⁶-entry JSON matrix (nothing selected): found off the host, refused, and the host stays responsive', async () => {
    const rows = matrixText(1000, 1000, 9).trim().split('\n').map((line) => `[${line.split(' ').join(', ')}]`);
    const editor = await openAndSelectAll('huge-1000x1000.json', `[${rows.join(',\n')}]\n`);
    const middle = new vscode.Position(500, 10);
    editor.selection = new vscode.Selection(middle, middle);
    const { res, lag } = await decomposeWatched();
    results.lag['svd-1000x1000-cursor-refused'] = lag;
    console.log(`      refused: ${res && !res.ok ? res.error : JSON.stringify(res)}; longest block ${lag.maxBusyMs} ms (wall ${lag.maxLagMs} ms)`);
    assert.ok(res && !res.ok, `expected a refusal, got ${JSON.stringify(res)}`);
    assert.match(res.error, /1,000,000 entries.*mdlSteps\.maxEntries/);
    assert.strictEqual(api.testing.panels().length, 0, 'a panel was opened');
    assert.ok(lag.maxBusyMs < MAX_LAG_MS, `the host's thread was busy for ${lag.maxBusyMs} ms at once`);
  });

  // Cancellation: start the run, let the worker get going, cancel as the notification's
  // Cancel button does, and time until the command has settled and the worker has stopped.
  for (const run of runs.filter((r) => r.name !== 'svd-250x1000-maxEntries')) {
    it(`${run.name}: cancelling stops the run and opens no panel`, async () => {
      await run.prepare();
      await settle();
      const pending = Promise.resolve(run.command());
      // Cancel once the task is with the worker: a fixed wait lost the race in CI, where
      // Adam's 10⁶ steps were done and shown within 250 ms.
      await waitFor('the task to reach the worker', () => api.testing.tasksInFlight() > 0, 30_000, 1);
      await new Promise((r) => setTimeout(r, 10));
      const t0 = performance.now();
      const stopped = (api.testing.cancelAll() as unknown as Promise<void> | undefined) ?? Promise.resolve();
      const res = await pending;
      const settledMs = performance.now() - t0;
      await stopped;
      const workerStoppedMs = performance.now() - t0;
      results.cancellation[run.name] = { commandSettledMs: Math.round(settledMs * 10) / 10, workerStoppedMs: Math.round(workerStoppedMs * 10) / 10 };
      console.log(`      settled after ${settledMs.toFixed(1)} ms, worker stopped after ${workerStoppedMs.toFixed(1)} ms`);
      assert.deepStrictEqual(res, { ok: false, error: 'Cancelled.' });
      assert.ok(workerStoppedMs < MAX_CANCEL_MS, `cancellation took ${workerStoppedMs} ms`);
      await new Promise((r) => setTimeout(r, 300));
      assert.strictEqual(api.testing.panels().length, 0, 'a panel was opened after the cancel');
    });
  }
});

// No data loss: every command, run against an open document the student has just edited,
// leaves that document's text and version as they were; the only undoable edit on it stays
// the student's own. "Export derivation as Markdown" opens a new untitled document instead.
describe('no command edits the open document', function () {
  this.timeout(300_000);
  const MATRIX = '[[1,1],[1,0],[0,1]]';
  const TABLE = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14';
  const CONTENT = `# Notes\n\nA = ${MATRIX}\n\n${TABLE}\n\ny = torch.sigmoid(x)\n`;

  after(closeAll);

  it('runs every command; text and version stay the same, and undo restores only the student\'s own edit', async () => {
    const file = path.join(scratch, 'notes.md');
    fs.writeFileSync(file, CONTENT);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    // The student's own edit: the one thing undo should take back at the end.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
    const doc = editor.document;
    const text = doc.getText();
    const version = doc.version;
    const assignment = vscode.Uri.file(path.join(repo, 'examples', 'assignment.mdl.json')).toString();
    const image = vscode.Uri.file(path.join(repo, 'examples', 'images', 'shapes-256.png'));
    let current = editor;
    const selectIn = (s: string) => {
      const at = doc.getText().indexOf(s);
      current.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + s.length));
    };
    const commands: Array<[string, () => Thenable<unknown>]> = [
      ['decomposeSvd', () => (selectIn(MATRIX), vscode.commands.executeCommand('mdlSteps.decomposeSvd'))],
      ['reducePca', () => (selectIn(TABLE), vscode.commands.executeCommand('mdlSteps.reducePca'))],
      ['openActivationExplorer', () => vscode.commands.executeCommand('mdlSteps.openActivationExplorer', { name: 'relu' })],
      ['crossEntropy', () => vscode.commands.executeCommand('mdlSteps.crossEntropy')],
      ['sigmoidZigzag', () => vscode.commands.executeCommand('mdlSteps.sigmoidZigzag')],
      ['differentiate', () => vscode.commands.executeCommand('mdlSteps.differentiate', { expression: 'x * sigmoid(x)' })],
      ['runProblem step', () => vscode.commands.executeCommand('mdlSteps.runProblem', { uri: assignment, id: 'q4', action: 'step' })],
      ['runProblem check', () => vscode.commands.executeCommand('mdlSteps.runProblem', { uri: assignment, id: 'q1', action: 'check' })],
      ['compressImage', () => vscode.commands.executeCommand('mdlSteps.compressImage', image)],
      ['nextStep', () => vscode.commands.executeCommand('mdlSteps.nextStep')],
      ['previousStep', () => vscode.commands.executeCommand('mdlSteps.previousStep')],
    ];
    for (const [name, run] of commands) {
      current = await vscode.window.showTextDocument(doc, { preview: false });
      const res = (await run()) as DecomposeResult | undefined;
      if (res && 'ok' in res) assert.ok(res.ok, `${name}: ${JSON.stringify(res)}`);
      assert.strictEqual(doc.getText(), text, `${name} changed the document`);
      assert.strictEqual(doc.version, version, `${name} changed the document's version`);
    }

    // Export opens a new untitled Markdown document and leaves this one alone.
    const before = new Set(vscode.workspace.textDocuments);
    await vscode.commands.executeCommand('mdlSteps.exportMarkdown');
    const exported = await waitFor('the exported document', () => vscode.workspace.textDocuments.find((d) => !before.has(d) && d.languageId === 'markdown'));
    assert.ok(exported.isUntitled, 'the export was written over a file');
    assert.match(exported.getText(), /\$\$/);
    // Close it without saving (an untitled document would otherwise ask).
    await vscode.window.showTextDocument(exported);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.strictEqual(doc.getText(), text, 'exportMarkdown changed the document');
    assert.strictEqual(doc.version, version);
    assert.ok(!doc.isDirty || doc.getText() === text);

    // Undo on the document takes back the student's edit and nothing else.
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to apply', () => doc.getText() === CONTENT);
    assert.strictEqual(doc.getText(), CONTENT);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
