/**
 * "MDL: Open an example" (the walkthrough's first step): the course's
 * examples ship inside the extension. A workspace that already has them
 * (the repository, a course folder) opens its own copy; otherwise they are
 * copied once into the extension's global storage, so the student edits a
 * copy of their own and never the installed extension. Only workspace.fs is
 * used, so this also works in the web build.
 */
import * as vscode from 'vscode';

/** The example files, relative to `examples/`, in the order the quick pick lists them. */
export const EXAMPLE_FILES = ['svd.md', 'pca.md', 'activations.py', 'assignment.mdl.json', 'matrices.py', 'matrices.m', 'matrix.csv', 'images/shapes-256.png'] as const;

function describe(file: string): string {
  const descriptions: Record<string, string> = {
    'svd.md': vscode.l10n.t('The assignment’s 3×2 matrix, to decompose with SVD'),
    'pca.md': vscode.l10n.t('Question 2’s table, to reduce with PCA'),
    'activations.py': vscode.l10n.t('PyTorch code: hover over an activation'),
    'assignment.mdl.json': vscode.l10n.t('The end-term assignment as a problem file: CodeLens, Run Adam, Check answer'),
    'matrices.py': vscode.l10n.t('NumPy matrices'),
    'matrices.m': vscode.l10n.t('MATLAB/Octave matrices'),
    'matrix.csv': vscode.l10n.t('A CSV table'),
    'images/shapes-256.png': vscode.l10n.t('A picture to compress with SVD'),
  };
  return descriptions[file] ?? '';
}

export function openExample(extensionUri: vscode.Uri, storageUri: vscode.Uri) {
  return async (arg?: { file?: string }): Promise<vscode.Uri | undefined> => {
    const file =
      arg?.file ??
      (
        await vscode.window.showQuickPick(
          EXAMPLE_FILES.map((f) => ({ label: f, description: describe(f) })),
          { title: vscode.l10n.t('Open an example'), placeHolder: vscode.l10n.t('Each example opens as your own editable copy') },
        )
      )?.label;
    if (!file || !(EXAMPLE_FILES as readonly string[]).includes(file)) return undefined;
    const uri = (await inWorkspace(file)) ?? (await copyOf(extensionUri, storageUri, file));
    if (file.endsWith('.png')) await vscode.commands.executeCommand('vscode.open', uri);
    else await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  };
}

/** `examples/<file>` (or `<file>` at the root, when the examples folder itself is open) in a workspace folder. */
async function inWorkspace(file: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const candidate of [vscode.Uri.joinPath(folder.uri, 'examples', file), vscode.Uri.joinPath(folder.uri, file)]) {
      if (await exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The student's copy in global storage; made on first use and then kept, edits and all. */
async function copyOf(extensionUri: vscode.Uri, storageUri: vscode.Uri, file: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(storageUri, 'examples', file);
  if (!(await exists(target))) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'examples', file), target, { overwrite: false });
  }
  return target;
}

function exists(uri: vscode.Uri): Thenable<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
