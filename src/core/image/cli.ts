/**
 * `mdl image FILE [--rank k] [--mode gray|rgb] [--out FILE.png] [--format json|text]`
 * as a pure function: bytes in; JSON, text and (when asked) the PNG out.
 * The caller reads the file and writes --out.
 */
import { decodeImage, encodePng, type Inflate } from './codec';
import { toChannels } from './channels';
import { compressImage, type CompressionReport } from './compress';
import { reconstruct } from './reconstruct';
import type { ImageMode } from './types';

export const DEFAULT_RANK = 20;

export interface ImageJson {
  kind: 'image';
  width: number;
  height: number;
  mode: ImageMode;
  rank: number;
  /** The top kMax σ: one array for gray, one per channel (R, G, B) for rgb. */
  singularValues: number[] | number[][];
  storage: { original: number; compressed: number; ratio: number };
  relativeError: number;
  eckartYoungError: number;
  /** null when the rank-k picture equals the original byte for byte. */
  psnr: number | null;
  energyRanks: CompressionReport['energyRanks'];
  /** e.g. "downscaled from 4000×3000 to 1024×768" */
  note?: string;
}

export interface ImageCommandOptions {
  rank?: number;
  mode?: ImageMode;
  format?: 'json' | 'text';
  /** Also return the rank-k picture as PNG bytes (for --out). */
  png?: boolean;
  maxSide?: number;
  /** A faster zlib for PNG data than upng-js's own (the CLI passes Node's). */
  inflate?: Inflate;
}

export function imageCommand(
  bytes: Uint8Array,
  fileName: string,
  options: ImageCommandOptions = {},
): { json: ImageJson; text: string; output: string; png?: Uint8Array } {
  const mode = options.mode ?? 'gray';
  const image = toChannels(decodeImage(bytes, fileName, options.inflate), mode, options.maxSide);
  // Without --rank, default to 20 but never past the shorter side of a small picture.
  const rank = options.rank ?? Math.min(DEFAULT_RANK, image.width, image.height);
  const { factors, report } = compressImage(image, rank);
  const sv = factors.channels.map((f) => Array.from(f.s));
  const json: ImageJson = {
    kind: 'image',
    width: image.width,
    height: image.height,
    mode,
    rank,
    singularValues: mode === 'gray' ? sv[0] : sv,
    storage: report.storage,
    relativeError: report.relativeError,
    eckartYoungError: report.eckartYoungError,
    psnr: report.psnr,
    energyRanks: report.energyRanks,
    ...(image.note ? { note: image.note } : {}),
  };
  const png = options.png ? encodePng(image.width, image.height, reconstruct(factors, rank)) : undefined;
  const text = textReport(fileName, json);
  // `output` is what stdout should print for the chosen --format (default text).
  const output = options.format === 'json' ? JSON.stringify(json, null, 2) : text;
  return { json, text, output, ...(png ? { png } : {}) };
}

function textReport(fileName: string, j: ImageJson): string {
  const e = j.energyRanks;
  const k = (x: number | null) => (x === null ? `> ${Array.isArray(j.singularValues[0]) ? (j.singularValues[0] as number[]).length : j.singularValues.length}` : String(x));
  return [
    `${fileName}: ${j.width}×${j.height}, ${j.mode === 'gray' ? 'greyscale (Rec. 601 luma)' : 'RGB'}${j.note ? ` (${j.note})` : ''}`,
    `rank ${j.rank}: ${j.storage.compressed} numbers vs ${j.storage.original} (ratio ${j.storage.ratio.toFixed(2)})`,
    `relative error ‖A − A_k‖_F/‖A‖_F = ${j.relativeError.toPrecision(4)} (Eckart–Young: ${j.eckartYoungError.toPrecision(4)})`,
    `PSNR = ${j.psnr === null ? '∞ (identical)' : `${j.psnr.toFixed(2)} dB`}`,
    `energy 90% / 95% / 99% at k = ${k(e.p90)} / ${k(e.p95)} / ${k(e.p99)}`,
  ].join('\n');
}
