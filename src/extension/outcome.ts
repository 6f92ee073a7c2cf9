/**
 * One way to compute what a panel shows, whatever the input: topics derive
 * from their text in the worker; images are read here (the only I/O) and
 * factorised in the worker.
 */
import * as vscode from 'vscode';
import type { ImagePayload } from '../core/image/payload';
import type { TopicOutcome } from '../core/topics';
import type { PanelInput } from '../protocol';
import { imageSettings, topicOptions } from './config';
import type { Ctx } from './ctx';

export interface PanelOutcome extends TopicOutcome {
  /** The image panel's factors, for the live rank slider. */
  image?: ImagePayload;
}

export function topicName(input: PanelInput): string {
  switch (input.kind) {
    case 'svd':
      return vscode.l10n.t('SVD');
    case 'pca':
      return vscode.l10n.t('PCA');
    case 'image':
      return vscode.l10n.t('image compression');
    default:
      return vscode.l10n.t('derivation');
  }
}

export async function computeOutcome(ctx: Ctx, input: PanelInput): Promise<PanelOutcome> {
  const title = vscode.l10n.t('MDL: computing the {0}', topicName(input));
  if (input.kind !== 'image') return ctx.compute.run({ task: 'derive', input, options: topicOptions() }, title);
  const bytes = await ctx.readFile(vscode.Uri.parse(input.uri));
  const request = { bytes, fileName: input.fileName, mode: input.mode, k: input.k, kMax: input.kMax, maxSide: imageSettings().maxSide };
  const data = await ctx.compute.run({ task: 'image', request }, title);
  return { derivation: data.derivation, json: {}, title: data.title, image: data.payload };
}
