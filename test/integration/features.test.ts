// PCA, activation hovers and problem files in the real extension host.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DecomposeResult, EXTENSION_ID, MdlApi, derivationTabs, select, waitFor } from './util';

const TABLE = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mdl-features-'));
const repo = path.resolve(__dirname, '..', '..', '..');

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('no derivation tabs', () => derivationTabs().length === 0);
}

async function open(name: string, content: string): Promise<vscode.TextEditor> {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return vscode.window.showTextDocument(vscode.Uri.file(file));
}

describe('features', function () {
  let api: MdlApi;

  before(async () => {
    api = await vscode.extensions.getExtension<MdlApi>(EXTENSION_ID)!.activate();
  });
  afterEach(closeAll);

  it('"Reduce dimensions (PCA)" on the assignment table opens a PCA panel', async () => {
    const editor = await open('pca.md', `# Data\n\n${TABLE}\n`);
    select(editor, TABLE);
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.reducePca');
    assert.ok(res?.ok, JSON.stringify(res));
    assert.strictEqual(res.title, 'PCA · 4×2 → 1');
    await waitFor('the PCA tab', () => derivationTabs().some((t) => t.label === 'PCA · 4×2 → 1'));
    await waitFor('the webview to render', () => api.testing.panels()[0]?.ready);
    assert.strictEqual(editor.document.getText(), `# Data\n\n${TABLE}\n`, 'the document was edited');
  });

  it('a hover over relu in Python returns the function and its derivative', async () => {
    const editor = await open('model.py', 'import torch.nn.functional as F\ny = F.relu(x)\nrelu_count = 3\n');
    const at = editor.document.positionAt(editor.document.getText().indexOf('relu(') + 1);
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      return h?.find((x) => x.contents.some((c) => /ReLU/.test(typeof c === 'string' ? c : (c as vscode.MarkdownString).value)));
    });
    const text = hovers.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
    assert.match(text, /f′\(x\)/, 'the derivative is shown');
    assert.match(text, /data:image\/svg\+xml;base64,/, 'the typeset maths is an SVG image');
    assert.match(text, /command:mdlSteps\.openActivationExplorer/);
    // No hover from us on an unrelated identifier.
    const negative = editor.document.positionAt(editor.document.getText().indexOf('relu_count') + 2);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, negative);
    assert.ok(!none.some((x) => x.contents.some((c) => /ReLU/.test(typeof c === 'string' ? c : (c as vscode.MarkdownString).value))));
  });

  it('a hover works inside a Jupyter notebook cell', async () => {
    const data = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'y = torch.sigmoid(x)\n', 'python')]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const cell = notebook.cellAt(0).document;
    const at = cell.positionAt(cell.getText().indexOf('sigmoid') + 2);
    const hover = await waitFor('a hover in the cell', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.uri, at);
      return h?.find((x) => x.contents.some((c) => /Sigmoid/i.test(typeof c === 'string' ? c : (c as vscode.MarkdownString).value)));
    });
    const text = hover.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
    assert.match(text, /f′\(x\)/);
  });

  it('CodeLens appear above every problem of examples/assignment.mdl.json', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'examples', 'assignment.mdl.json'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const lenses = await waitFor('CodeLens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      return l?.filter((x) => x.command?.command === 'mdlSteps.runProblem').length ? l : undefined;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes('Run Adam here')), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('Check answer')));
    assert.ok(titles.some((t) => t.includes('Decompose (SVD)')));
    const problems = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')).problems.length;
    assert.ok(titles.filter((t) => t.includes('Step through')).length === problems, 'one "Step through" per problem');
  });

  it('the example problem set has no errors or warnings (schema and semantic)', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'examples', 'assignment.mdl.json'));
    await vscode.window.showTextDocument(uri);
    await new Promise((r) => setTimeout(r, 3000)); // the JSON language server validates asynchronously
    const bad = vscode.languages.getDiagnostics(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual(bad.map((d) => `${d.source}: ${d.message} (line ${d.range.start.line + 1})`), []);
  });

  it('"Run Adam here" opens a panel', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'examples', 'assignment.mdl.json'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    const adam = lenses.find((l) => l.command?.title.includes('Run Adam here'));
    assert.ok(adam?.command, 'no "Run Adam here" lens');
    const res = await vscode.commands.executeCommand<DecomposeResult>(adam.command.command, ...(adam.command.arguments ?? []));
    assert.ok(res?.ok, JSON.stringify(res));
    assert.match(res.title, /Adam/);
    await waitFor('the Adam tab', () => derivationTabs().some((t) => /Adam/.test(t.label)));
  });

  it('"Compress image with SVD" on the example image opens its panel', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'examples', 'images', 'shapes-256.png'));
    const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.compressImage', uri);
    assert.ok(res?.ok, JSON.stringify(res));
    assert.match(res.title, /shapes-256\.png \(256×256\)/);
    await waitFor('the image tab', () => derivationTabs().some((t) => /shapes-256/.test(t.label)));
  });

  it('RGB compression of a larger picture shares the channels out over helper threads and opens its panel', async () => {
    // 320×300 is above the exact-SVD size, so each channel takes the randomized route on its own thread.
    const { encodePng } = await import('../../src/core/image');
    const [w, h] = [320, 300];
    const rgba = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) rgba.set([(x * 255) / w, (y * 255) / h, ((x + y) * 3) & 255, 255], (y * w + x) * 4);
    const file = path.join(scratch, 'gradient-rgb.png');
    fs.writeFileSync(file, encodePng(w, h, rgba));
    const config = vscode.workspace.getConfiguration('mdlSteps');
    await config.update('image.mode', 'rgb', vscode.ConfigurationTarget.Global);
    try {
      const res = await vscode.commands.executeCommand<DecomposeResult>('mdlSteps.compressImage', vscode.Uri.file(file));
      assert.ok(res?.ok, JSON.stringify(res));
      assert.match(res.title, /gradient-rgb\.png \(320×300, RGB\)/);
    } finally {
      await config.update('image.mode', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('cancelling a long image compression stops it and opens nothing', async () => {
    // A 1024×1024 RGB noise picture: full-rank, so the SVD takes a while.
    const { encodePng } = await import('../../src/core/image');
    const size = 1024;
    const rgba = new Uint8Array(size * size * 4);
    let seed = 12345;
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i & 3) === 3 ? 255 : (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const file = path.join(scratch, 'noise.png');
    fs.writeFileSync(file, encodePng(size, size, rgba));
    const config = vscode.workspace.getConfiguration('mdlSteps');
    await config.update('image.mode', 'rgb', vscode.ConfigurationTarget.Global);
    try {
      const pending = vscode.commands.executeCommand<DecomposeResult>('mdlSteps.compressImage', vscode.Uri.file(file));
      await new Promise((r) => setTimeout(r, 400));
      const t0 = Date.now();
      api.testing.cancelAll();
      const res = await pending;
      const latency = Date.now() - t0;
      assert.deepStrictEqual(res, { ok: false, error: 'Cancelled.' });
      console.log(`      cancellation returned after ${latency} ms`);
      assert.ok(!derivationTabs().some((t) => /noise/.test(t.label)), 'a panel was opened');
    } finally {
      await config.update('image.mode', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('diagnostics appear on a broken problem file, on the offending value', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'examples', 'broken.mdl.json'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'MDL');
      return d.length ? d : undefined;
    });
    const kind = diagnostics.find((d) => /Unknown kind "svdd"/.test(d.message));
    assert.ok(kind, diagnostics.map((d) => d.message).join('\n'));
    assert.strictEqual(doc.getText(kind.range), '"svdd"');
    assert.ok(diagnostics.some((d) => /lr must be positive|must be a number/.test(d.message)));
  });
});
