/**
 * The image commands' file handling: which image to open (argument, active
 * image preview, or a file picker) and saving the rank-k picture next to the
 * original as `name.rank-32.png`, never overwriting without asking.
 */
import * as vscode from 'vscode';
import type { ImageTopic } from '../core/topics';
import { Cancelled, TaskError } from './compute';
import type { Ctx } from './ctx';
import { notificationText } from './notificationText';


/** The image to compress: the explorer's or editor title's argument, the active image preview, or one the student picks. */
export async function pickImage(arg: unknown, log: (message: string) => void): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  const tab = active?.input;
  // The image preview (custom editor), or the text editor's "binary file" page when the preview is not ready yet.
  if ((tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText) && /\.(png|jpe?g)$/i.test(tab.uri.path)) return tab.uri;
  log(`compress image: the active tab (${active ? JSON.stringify(active.label) : 'none'}) is not a PNG or JPEG; asking for a file`);
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg'] },
    title: vscode.l10n.t('Compress an image with SVD'),
  });
  return picked?.[0];
}

export function rankKUri(original: vscode.Uri, k: number): vscode.Uri {
  const name = original.path.split('/').pop() ?? 'image';
  const stem = name.replace(/\.[^.]+$/, '');
  return vscode.Uri.joinPath(original, '..', `${stem}.rank-${k}.png`);
}

export async function saveRankK(ctx: Ctx, input: ImageTopic, k: number): Promise<vscode.Uri | undefined> {
  const target = rankKUri(vscode.Uri.parse(input.uri), k);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(notificationText(vscode.l10n.t('{0} already exists. Replace it?', vscode.workspace.asRelativePath(target))), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  try {
    const png = await ctx.compute.run({ task: 'imagePng', fileName: input.fileName, mode: input.mode, kMax: input.kMax, k }, vscode.l10n.t('MDL: encoding the picture'));
    await vscode.workspace.fs.writeFile(target, png);
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('MDL: saved the rank-{0} picture as {1}.', k, vscode.workspace.asRelativePath(target))));
    return target;
  } catch (e) {
    if (!(e instanceof Cancelled)) void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('MDL: could not save the picture: {0}', e instanceof TaskError ? e.message : String(e))));
    return undefined;
  }
}
