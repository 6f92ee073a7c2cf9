// Large selections cross to the compute worker as bytes (src/extension/packedText.ts):
// what the worker unpacks must be exactly what the host packed, whatever the text.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PACK_OVER, encodeInSlices, packText, unpackText } from '../../../src/extension/packedText';
import type { WorkerRequest } from '../../../src/extension/workerProtocol';

const options = { precision: 4, exactForms: true, maxEntries: 250_000, denominator: 'n-1' as const, pcaMaxEntries: 1_000_000 };

describe('packedText', () => {
  it('leaves small texts and tasks without text alone', async () => {
    const small = { task: 'derive' as const, input: { kind: 'svd' as const, text: '[[1,2],[3,4]]' }, options };
    assert.deepEqual(await packText(small), { task: small, transfer: [] });
    const hover = { task: 'hover' as const, name: 'relu' as const, theme: 'dark' as const };
    assert.deepEqual(await packText(hover), { task: hover, transfer: [] });
  });

  it('moves a large input.text into one transferable buffer and back', async () => {
    const text = '1 2 3\n'.repeat(PACK_OVER); // ~1.5 M characters: several slices
    const { task, transfer } = await packText({ task: 'derive' as const, input: { kind: 'svd' as const, text }, options });
    assert.equal((task.input as { text: string }).text, '', 'the string itself does not travel');
    assert.equal(transfer.length, 1);
    assert.equal(transfer[0], task.packedText!.buffer);
    const back = unpackText({ ...task, id: 7 } as WorkerRequest);
    assert.deepEqual(back, { id: 7, task: 'derive', input: { kind: 'svd', text }, options });
  });

  it('packs a top-level text (truncate, findMatrix) the same way', async () => {
    const text = 'x'.repeat(PACK_OVER + 1);
    const { task } = await packText({ task: 'findMatrix' as const, text, offset: 3 });
    assert.equal(task.text, '');
    assert.deepEqual(unpackText({ ...task, id: 1 } as WorkerRequest), { id: 1, task: 'findMatrix', text, offset: 3 });
  });

  it('encodes any text, split anywhere, exactly as TextEncoder does (surrogate pairs included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 2000 }), async (unit, times) => {
        const text = unit.repeat(times); // up to ~400 K characters: often more than one slice
        assert.deepEqual(await encodeInSlices(text), new TextEncoder().encode(text));
      }),
      { numRuns: 20 },
    );
    // A surrogate pair straddling the 256 K slice boundary.
    const text = 'a'.repeat(256 * 1024 - 1) + '😀' + 'b';
    assert.equal(new TextDecoder().decode(await encodeInSlices(text)), text);
  });
});
