// Every panel kind comes back after a reload with its input and on the step the student was
// on: the panel is opened, moved on by the real webview (nextStep → the webview's
// viewChanged), then disposed and rebuilt through the panel serializer, as a window reload
// does. The real "Developer: Reload Window" is exercised by test/ui/svd.test.ts.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DecomposeResult, EXTENSION_ID, MdlApi, derivationTabs, select, waitFor } from './util';

const repo = path.resolve(__dirname, '..', '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-restore-'));
const MATRIX = '[[1,1],[1,0],[0,1]]';
const TABLE = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14';

interface Snapshot {
  title: string;
  view: { step: number; mode: string; k?: number };
  ready: boolean;
  stepCount: number;
  input: unknown;
}

async function openSelected(name: string, content: string, selected: string): Promise<void> {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  select(editor, selected);
}

const kinds: Array<{ kind: string; open: () => Promise<DecomposeResult | undefined> }> = [
  {
    kind: 'svd',
    open: async () => {
      await openSelected('a.md', `A = ${MATRIX}\n`, MATRIX);
      return vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    },
  },
  {
    kind: 'pca',
    open: async () => {
      await openSelected('table.md', `${TABLE}\n`, TABLE);
      return vscode.commands.executeCommand<DecomposeResult>('mdlSteps.reducePca');
    },
  },
  { kind: 'activation', open: async () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.openActivationExplorer', { name: 'gelu' }) },
  { kind: 'cross-entropy', open: async () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.crossEntropy') },
  { kind: 'sigmoid-zigzag', open: async () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.sigmoidZigzag') },
  { kind: 'derivative', open: async () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.differentiate', { expression: 'x * tanh(x)' }) },
  {
    kind: 'problem',
    open: async () =>
      vscode.commands.executeCommand<DecomposeResult>('mdlSteps.runProblem', {
        uri: vscode.Uri.file(path.join(repo, 'examples', 'assignment.mdl.json')).toString(),
        id: 'q5',
        action: 'adam',
      }),
  },
  {
    kind: 'image',
    open: async () => vscode.commands.executeCommand<DecomposeResult>('mdlSteps.compressImage', vscode.Uri.file(path.join(repo, 'examples', 'images', 'shapes-256.png'))),
  },
];

describe('restore after a reload', function () {
  this.timeout(180_000);
  let api: MdlApi;
  const panels = () => (api.testing.panels() as unknown as Snapshot[]);

  before(async () => {
    api = await vscode.extensions.getExtension<MdlApi>(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no derivation tabs', () => derivationTabs().length === 0);
  });

  for (const { kind, open } of kinds) {
    it(`a ${kind} panel comes back with its input and on its step`, async () => {
      const res = await open();
      assert.ok(res?.ok, JSON.stringify(res));
      const opened = await waitFor('the panel to be ready', () => (panels().length === 1 && panels()[0].ready ? panels()[0] : undefined), 60_000);
      assert.strictEqual((opened.input as { kind: string }).kind, kind);
      const target = Math.min(2, opened.stepCount - 1);
      assert.ok(target > 0, `a ${kind} derivation has only ${opened.stepCount} step(s)`);
      for (let i = 0; i < target; i++) await vscode.commands.executeCommand('mdlSteps.nextStep');
      const before = await waitFor(`the webview to report step ${target}`, () => (panels()[0]?.view.step === target ? panels()[0] : undefined));

      await api.testing.simulateReload();
      const after = await waitFor('the restored panel to be ready', () => (panels().length === 1 && panels()[0].ready ? panels()[0] : undefined), 60_000);
      assert.strictEqual(after.title, before.title);
      // As JSON, which is how the state is kept across a reload (an undefined field is no field).
      assert.deepStrictEqual(JSON.parse(JSON.stringify(after.input)), JSON.parse(JSON.stringify(before.input)), 'the input changed');
      assert.strictEqual(after.view.step, target, 'not on the same step');
      assert.strictEqual(after.view.mode, before.view.mode);
      assert.strictEqual(after.stepCount, before.stepCount);
      await waitFor('one derivation tab with the same title', () => derivationTabs().length === 1 && derivationTabs()[0].label === before.title);
    });
  }
});

// Seen in the browser workbench on a loaded machine: the page's script fetch never returned and
// the panel said "Loading…" for good, the result already computed. The host loads the page again.
describe('a panel whose page never starts', function () {
  this.timeout(120_000);
  let api: MdlApi;
  const panels = () => api.testing.panels() as unknown as Snapshot[];

  before(async () => {
    api = await vscode.extensions.getExtension<MdlApi>(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    api.testing.breakPanelPages(0, [5_000, 10_000, 20_000]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no derivation tabs', () => derivationTabs().length === 0);
  });

  it('is loaded again until it says ready, then shows the derivation', async () => {
    api.testing.breakPanelPages(2, [400, 400, 400]); // two pages without their script, then a working one
    await openSelected('boot.md', `A = ${MATRIX}\n`, MATRIX);
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    assert.ok(res?.ok, JSON.stringify(res));
    const shown = await waitFor('the panel to be ready after two reloads', () => (panels()[0]?.ready ? panels()[0] : undefined), 30_000);
    assert.match(shown.title, /SVD · 3×2/);
  });

  it('gives up after the last wait, with the panel still open and nothing thrown', async () => {
    api.testing.breakPanelPages(5, [300, 300]);
    await openSelected('boot2.md', `A = ${MATRIX}\n`, MATRIX);
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    assert.ok(res?.ok, JSON.stringify(res));
    await new Promise((r) => setTimeout(r, 2_000));
    assert.strictEqual(panels().length, 1);
    assert.strictEqual(panels()[0].ready, false, 'a page without its script cannot have said ready');
  });
});
