import * as assert from 'node:assert/strict';
import { isHostMessage, isPersistedState, isWebviewMessage } from '../../../src/protocol';

const derivation = { kind: 'svd', title: 'SVD', steps: [{ id: 'a', title: 't', tex: 'x', text: 'y' }], warnings: [] };
const view = { step: 0, mode: 'step' };
const input = { kind: 'svd', text: '[[1]]' };

describe('protocol guards', () => {
  it('accepts every well-formed webview message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'exportMarkdown' },
      { type: 'viewChanged', view },
      { type: 'viewChanged', view: { step: 3, mode: 'all', k: 2 } },
      { type: 'requestTruncation', k: 1 },
      { type: 'copyTex', step: 0 },
    ])
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
  });

  it('rejects unknown and malformed webview messages', () => {
    for (const m of [
      null,
      'ready',
      [],
      {},
      { type: 'eval', code: '1' },
      { type: 'ready', extra: 1 },
      { type: 'viewChanged' },
      { type: 'viewChanged', view: { step: -1, mode: 'step' } },
      { type: 'viewChanged', view: { step: 1.5, mode: 'step' } },
      { type: 'viewChanged', view: { step: 0, mode: 'grid' } },
      { type: 'viewChanged', view: { step: 0, mode: 'step', html: '<img>' } },
      { type: 'requestTruncation', k: 0 },
      { type: 'requestTruncation', k: '2' },
      { type: 'copyTex', step: NaN },
      { type: '__proto__' },
    ])
      assert.ok(!isWebviewMessage(m), JSON.stringify(m));
  });

  it('accepts well-formed host messages and rejects malformed ones', () => {
    assert.ok(isHostMessage({ type: 'show', input, derivation, view, precision: 4 }));
    assert.ok(isHostMessage({ type: 'busy', message: '…' }));
    assert.ok(isHostMessage({ type: 'error', message: 'x' }));
    assert.ok(isHostMessage({ type: 'truncation', k: 1, matrix: [[1, 2]] }));
    assert.ok(isHostMessage({ type: 'navigate', to: 'last' }));
    assert.ok(!isHostMessage({ type: 'show', input, derivation, view }));
    assert.ok(!isHostMessage({ type: 'show', input, derivation: { ...derivation, steps: [{ id: 1 }] }, view, precision: 4 }));
    assert.ok(!isHostMessage({ type: 'truncation', k: 1, matrix: [[1, NaN]] }));
    assert.ok(!isHostMessage({ type: 'navigate', to: 'sideways' }));
    assert.ok(!isHostMessage({ type: 'error' }));
    assert.ok(!isHostMessage({ type: 'html', html: '<script>' }));
  });

  it('checks the persisted state the serializer restores from', () => {
    assert.ok(isPersistedState({ version: 1, input, view }));
    assert.ok(!isPersistedState({ version: 2, input, view }));
    assert.ok(!isPersistedState({ version: 1, input: { kind: 'svd' }, view }));
    assert.ok(!isPersistedState(undefined));
  });
});
