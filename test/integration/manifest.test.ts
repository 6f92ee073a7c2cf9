// The manifest against the running extension: what is contributed is what is
// registered, package.nls.json and the l10n bundle load, and the settings the
// manifest documents take effect at once.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { DecomposeResult, EXTENSION_ID, MdlApi, waitFor } from './util';

const ext = () => vscode.extensions.getExtension<MdlApi>(EXTENSION_ID)!;
const text = (h: vscode.Hover) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');

async function withSetting<T>(name: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('mdlSteps');
  await config.update(name, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await config.update(name, undefined, vscode.ConfigurationTarget.Global);
  }
}

async function untitled(language: string, content: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language, content }));
}

describe('manifest in the extension host', function () {
  before(async () => {
    await ext().activate();
  });
  after(async () => {
    // The exported Markdown and the scratch documents are untitled and dirty: revert them so closing asks nothing.
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'untitled') {
        await vscode.window.showTextDocument(tab.input.uri);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers exactly the commands it contributes', async () => {
    const contributed: string[] = ext().packageJSON.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('mdlSteps.')).sort();
    assert.deepStrictEqual(registered, contributed);
    assert.ok(contributed.length >= 12);
  });

  it('resolves every %key% of the manifest from package.nls.json', () => {
    const pkg = ext().packageJSON;
    const unresolved = JSON.stringify(pkg).match(/"%[\w.]+%"/g) ?? [];
    assert.deepStrictEqual(unresolved, []);
    const svd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'mdlSteps.decomposeSvd');
    assert.deepStrictEqual([svd.category, svd.title], ['MDL', 'Decompose selection (SVD)']);
    assert.strictEqual(pkg.contributes.walkthroughs[0].steps[3].title, 'Run Adam');
  });

  it('uses vscode.l10n with a bundle that holds its strings', async () => {
    assert.strictEqual(ext().packageJSON.l10n, './l10n');
    const raw = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext().extensionUri, 'l10n', 'bundle.l10n.json'));
    const bundle = JSON.parse(new TextDecoder().decode(raw)) as Record<string, string>;
    assert.strictEqual(bundle['Cancelled.'], 'Cancelled.');
    // In English VS Code loads no bundle and l10n.t returns the source string, formatted.
    if (vscode.env.language === 'en') assert.strictEqual(vscode.l10n.bundle, undefined);
    assert.strictEqual(vscode.l10n.t('line {0}, column {1}: {2}', 3, 8, 'x'), 'line 3, column 8: x');
    // And the extension's own messages go through it: an empty selection's error.
    await untitled('markdown', 'no matrix here');
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
    assert.ok(res && !res.ok);
    assert.ok(res.error.startsWith(bundle['Nothing is selected and the cursor is not inside a matrix. {0}'].replace('{0}', '').trim()), res.error);
  });

  it('mdlSteps.hovers.enabled: off means no hover, on brings it back', async () => {
    const editor = await untitled('python', 'y = F.relu(x)\n');
    const at = new vscode.Position(0, 7);
    const ours = async () => ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at)) ?? []).filter((h) => /ReLU/.test(text(h)));
    await waitFor('a hover', async () => (await ours()).length > 0);
    await withSetting('hovers.enabled', false, async () => {
      assert.deepStrictEqual(await ours(), []);
    });
    await waitFor('the hover back', async () => (await ours()).length > 0);
  });

  it('mdlSteps.codeLens.enabled: off means no lenses, on brings them back', async () => {
    const uri = (await vscode.workspace.findFiles('**/assignment.mdl.json'))[0];
    assert.ok(uri, 'examples/assignment.mdl.json is not in the workspace');
    await vscode.window.showTextDocument(uri);
    const lenses = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? []).filter((l) => l.command?.command === 'mdlSteps.runProblem');
    await waitFor('lenses', async () => (await lenses()).length > 0);
    await withSetting('codeLens.enabled', false, async () => {
      assert.deepStrictEqual(await lenses(), []);
    });
    await waitFor('the lenses back', async () => (await lenses()).length > 0);
  });

  it('mdlSteps.precision applies to an open panel at once', async () => {
    await withSetting('exactForms', false, async () => {
      const editor = await untitled('markdown', '[[1,2],[3,4]]');
      editor.selection = new vscode.Selection(0, 0, 0, 13);
      const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.decomposeSvd');
      assert.ok(res?.ok, JSON.stringify(res));
      const exported = async () => {
        await vscode.commands.executeCommand('mdlSteps.exportMarkdown');
        const doc = vscode.window.activeTextEditor?.document;
        return doc?.languageId === 'markdown' ? doc.getText() : '';
      };
      // σ₁ = 5.4649857…: four places by default, seven once the setting changes.
      const before = await exported();
      assert.match(before, /5\.46/);
      assert.doesNotMatch(before, /5\.4649857/);
      await withSetting('precision', 7, () => waitFor('seven decimal places in the open panel', async () => /5\.4649857/.test(await exported())));
    });
  });

  it('"Open an example" opens the example problem set', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('mdlSteps.openExample', { file: 'assignment.mdl.json' });
    assert.ok(uri?.path.endsWith('/assignment.mdl.json'), String(uri));
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.strictEqual(await vscode.commands.executeCommand('mdlSteps.openExample', { file: '../package.json' }), undefined, 'only the shipped examples');
  });

  it('"Open an example" copies a shipped example into global storage when the workspace lacks it, and keeps the copy', async () => {
    // The workspace is a fresh copy of examples/: hide its matrix.csv for a moment.
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const own = vscode.Uri.joinPath(folder, 'matrix.csv');
    const hidden = vscode.Uri.joinPath(folder, 'matrix.csv.hidden');
    await vscode.workspace.fs.rename(own, hidden);
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('mdlSteps.openExample', { file: 'matrix.csv' });
      assert.ok(uri && !uri.toString().startsWith(folder.toString()), String(uri));
      assert.ok(!uri.toString().startsWith(ext().extensionUri.toString()), 'the student must not edit the installed extension');
      const shipped = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext().extensionUri, 'examples', 'matrix.csv'));
      assert.deepStrictEqual(Buffer.from(await vscode.workspace.fs.readFile(uri)), Buffer.from(shipped));
      // The student's edits survive opening it again.
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('a,b\n1,2\n'));
      const again = await vscode.commands.executeCommand<vscode.Uri>('mdlSteps.openExample', { file: 'matrix.csv' });
      assert.strictEqual(again.toString(), uri.toString());
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(again)), 'a,b\n1,2\n');
      await vscode.workspace.fs.delete(uri);
    } finally {
      await vscode.workspace.fs.rename(hidden, own);
    }
  });
});
