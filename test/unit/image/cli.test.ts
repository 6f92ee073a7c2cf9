import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressImage, decodeImage, deriveImage, encodePng, imageCommand, toChannels } from '../../../src/core/image';
import { smoothRgba } from './fixtures';

const example = () => new Uint8Array(readFileSync(join(__dirname, '../../../examples/images/shapes-256.png')));

describe('mdl image (imageCommand)', () => {
  it('follows the JSON contract for a greyscale run and returns the rank-k PNG', () => {
    const bytes = encodePng(30, 20, smoothRgba(30, 20, 20));
    const { json, text, output, png } = imageCommand(bytes, 'pic.png', { rank: 4, format: 'json', png: true });
    assert.deepEqual(
      Object.keys(json).slice(0, 10),
      ['kind', 'width', 'height', 'mode', 'rank', 'singularValues', 'storage', 'relativeError', 'eckartYoungError', 'psnr'],
    );
    assert.equal(json.kind, 'image');
    assert.deepEqual([json.width, json.height, json.mode, json.rank], [30, 20, 'gray', 4]);
    assert.equal((json.singularValues as number[]).length, 20); // kMax = min(m, n) here
    assert.deepEqual(json.storage, { original: 600, compressed: 4 * 51, ratio: 600 / 204 });
    assert.ok(Math.abs(json.relativeError - json.eckartYoungError) < 1e-12);
    assert.deepEqual(JSON.parse(output), JSON.parse(JSON.stringify(json)));
    assert.match(text, /rank 4: 204 numbers vs 600/);
    const back = decodeImage(png!);
    assert.deepEqual([back.width, back.height], [30, 20]);
  });

  it('gives per-channel singular values for rgb, and text output by default', () => {
    const { json, output, png } = imageCommand(example(), 'shapes-256.png', { rank: 10, mode: 'rgb', maxSide: 64 });
    assert.equal(json.note, 'downscaled from 256×256 to 64×64');
    const sv = json.singularValues as number[][];
    assert.equal(sv.length, 3);
    assert.ok(sv.every((s) => s.length === 64 && s[0] >= s[1]));
    assert.equal(json.storage.compressed, 3 * 10 * (64 + 64 + 1));
    assert.ok(json.psnr! > 15);
    assert.match(output, /^shapes-256\.png: 64×64, RGB/);
    assert.equal(png, undefined);
  });

  it('builds a derivation with the matrix, sum, cost, log spectrum and energy steps', () => {
    const image = toChannels(decodeImage(example()), 'gray', 48);
    const { factors, report } = compressImage(image, 5);
    const d = deriveImage(image, factors, report, 'shapes-256.png');
    assert.deepEqual(d.steps.map((s) => s.id), ['matrix', 'rank-k', 'cost', 'spectrum', 'energy']);
    assert.match(d.steps[0].tex, /0\.299/);
    const spectrum = d.steps[3].plot!;
    assert.ok(spectrum.type === 'line' && spectrum.yScale === 'log');
    const energy = d.steps[4];
    assert.deepEqual(energy.table!.rows.map((r) => r[1]), [report.energyRanks.p90, report.energyRanks.p95, report.energyRanks.p99]);
    assert.ok(d.warnings.some((w) => w.includes('downscaled from 256×256 to 48×48')));
    assert.doesNotThrow(() => JSON.stringify(d));
  });
});
