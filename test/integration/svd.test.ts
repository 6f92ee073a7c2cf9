// The SVD command end to end in the real extension host: the command, its panel, the
// serializer's restore path, and that none of it touches the user's text.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DecomposeResult, EXTENSION_ID, MdlApi, derivationTabs, select, waitFor } from './util';

const MATRIX = '[[1,1],[1,0],[0,1]]'; // the assignment's A
const BAD = '[[1,abc],[2,3]]';
const CONTENT = `# Scratch\n\nA = ${MATRIX}\n\nB = ${BAD}\n`;

describe('mdlSteps.decomposeSvd', function () {
  let api: MdlApi;
  let editor: vscode.TextEditor;

  before(async () => {
    const ext = vscode.extensions.getExtension<MdlApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    api = await ext.activate();
    assert.ok(api?.testing, 'activate() did not return the testing API');
    // A real file (not untitled) so that closing the window never prompts to save.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-it-')), 'scratch.md');
    fs.writeFileSync(file, CONTENT);
    editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  });

  it('refuses a bad selection with a position in the message and opens no panel', async () => {
    select(editor, BAD);
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    assert.ok(res && res.ok === false, `expected ok:false, got ${JSON.stringify(res)}`);
    assert.match(res.error, /line \d+, column \d+/);
    assert.match(res.error, /abc/);
    await new Promise((r) => setTimeout(r, 500)); // give a wrongly opened panel time to show up
    assert.strictEqual(derivationTabs().length, 0, 'a panel was opened');
    assert.strictEqual(api.testing.panels().length, 0);
  });

  it('opens a panel titled "SVD · 3×2" for the selected 3×2 matrix', async () => {
    await vscode.window.showTextDocument(editor.document);
    select(editor, MATRIX);
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    assert.ok(res && res.ok, `expected ok:true, got ${JSON.stringify(res)}`);
    assert.strictEqual(res.title, 'SVD · 3×2');
    assert.ok(res.steps > 2, `only ${res.steps} steps`);
    await waitFor('a derivation tab labelled "SVD · 3×2"', () => derivationTabs().find((t) => t.label === 'SVD · 3×2'));
    const panel = await waitFor('the panel to be ready', () => api.testing.panels().find((p) => p.ready));
    assert.strictEqual(panel.title, 'SVD · 3×2');
    assert.strictEqual(panel.stepCount, res.steps);
    assert.strictEqual(panel.view.step, 0);
  });

  it('restores the panel on the same step after a reload', async () => {
    await waitFor('one ready panel', () => api.testing.panels().length === 1 && api.testing.panels()[0].ready);
    await vscode.commands.executeCommand('mdlSteps.nextStep');
    await vscode.commands.executeCommand('mdlSteps.nextStep');
    await waitFor('the webview to report step 2', () => api.testing.panels()[0]?.view.step === 2);

    await api.testing.simulateReload();
    const restored = await waitFor('the restored panel to be ready', () => {
      const ps = api.testing.panels();
      return ps.length === 1 && ps[0].ready ? ps[0] : undefined;
    });
    assert.strictEqual(restored.title, 'SVD · 3×2');
    assert.strictEqual(restored.view.step, 2);
    await waitFor('the restored tab', () => derivationTabs().length === 1 && derivationTabs()[0].label === 'SVD · 3×2');
  });

  it("leaves the editor's text unchanged", () => {
    assert.strictEqual(editor.document.getText(), CONTENT);
  });
});
