/**
 * The protocol guards, kind by kind: every message and panel input is
 * accepted when well formed and refused with any field missing, of the
 * wrong type, non-finite, out of range, too large, or joined by an extra
 * field; prototype tricks and typed arrays of the wrong length are refused.
 */
import * as assert from 'node:assert/strict';
import { isHostMessage, isPanelInput, isPersistedState, isWebviewMessage, type ImagePayload } from '../../../src/protocol';

const derivation = { kind: 'svd', title: 'SVD', steps: [{ id: 'a', title: 't', tex: 'x', text: 'y' }], warnings: [] };
const view = { step: 0, mode: 'step' };

/** One valid example of every panel input kind (as the commands build them). */
const INPUTS: Record<string, Record<string, unknown>> = {
  svd: { kind: 'svd', text: '[[1,1],[1,0]]', source: 'a.md, line 3' },
  pca: { kind: 'pca', text: '1 2\n3 4', source: 's', components: 1, transpose: false, edits: [{ index: 0, point: [1, 2] }] },
  activation: { kind: 'activation', name: 'leaky_relu', params: { alpha: 0.1 }, compare: 'relu' },
  'cross-entropy': { kind: 'cross-entropy', options: { logits: [2, 1, -1], target: [0, 1, 0] } },
  'sigmoid-zigzag': { kind: 'sigmoid-zigzag', options: { seed: 3, target: [2, -2], start: [0, 0], learningRate: 0.5, tolerance: 0.01, maxSteps: 100 } },
  derivative: { kind: 'derivative', expression: 'x * sigmoid(x)' },
  image: { kind: 'image', uri: 'file:///w/a.png', fileName: 'a.png', mode: 'rgb', k: 20, kMax: 100, source: 'a.png' },
  problem: { kind: 'problem', text: '{"problems":[]}', id: 'q5', source: 'x · q5', optimizer: 'adam', check: true },
};

/** Values that are wrong for a field whose valid example is `valid` (another type, or a bad number). */
function wrongFor(valid: unknown): unknown[] {
  const all = [null, NaN, Infinity, -1, 1.5, 2 ** 60, '1', true, [], {}, () => 1, Symbol('x'), 10n];
  return all.filter((v) => {
    if (typeof valid === 'number') return !(Number.isSafeInteger(v) && (v as number) >= 1);
    if (typeof valid === 'string') return typeof v !== 'string';
    if (Array.isArray(valid)) return !Array.isArray(v) || (v as unknown[]).length > 0;
    if (typeof valid === 'object') return !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
    return typeof v !== typeof valid;
  });
}

/** For each webview message kind: a valid example. */
const WEBVIEW: Record<string, Record<string, unknown>> = {
  ready: { type: 'ready' },
  viewChanged: { type: 'viewChanged', view: { step: 2, mode: 'all', k: 3 } },
  requestTruncation: { type: 'requestTruncation', k: 2 },
  copyTex: { type: 'copyTex', step: 0 },
  exportMarkdown: { type: 'exportMarkdown' },
  transpose: { type: 'transpose' },
  editPoint: { type: 'editPoint', index: 3, point: [0.5, -2] },
  resetEdits: { type: 'resetEdits' },
  saveImage: { type: 'saveImage', k: 10 },
  moreComponents: { type: 'moreComponents' },
  explorerChange: { type: 'explorerChange', name: 'elu', params: { alpha: 1, mode: 'tanh' }, compare: 'relu' },
};

function image(over: Partial<Record<keyof ImagePayload, unknown>> = {}): Record<string, unknown> {
  const w = 4, h = 3, kMax = 2;
  const channel = { sigma: new Float64Array(kMax), U: new Float32Array(h * kMax), V: new Float32Array(w * kMax), frobeniusSq: 1 };
  return {
    fileName: 'a.png', width: w, height: h, mode: 'gray', kMax, k: 1, approximate: false,
    original: new Uint8Array(w * h), channels: [channel],
    energyRanks: { p90: 1, p95: null, p99: null },
    layers: [{ index: 1, width: w, height: h, rgba: new Uint8Array(w * h * 4) }],
    ...over,
  };
}

/** The HOST messages, one valid example each. */
const HOST: Record<string, Record<string, unknown>> = {
  show: { type: 'show', input: INPUTS.svd, derivation, view, precision: 4 },
  busy: { type: 'busy', message: 'Computing…' },
  error: { type: 'error', message: 'x' },
  truncation: { type: 'truncation', k: 1, matrix: [[1, 2], [3, 4]] },
  update: { type: 'update', input: INPUTS.pca, derivation: { ...derivation, kind: 'pca' } },
  image: { type: 'image', payload: image() },
  navigate: { type: 'navigate', to: 'first' },
};

describe('protocol guards: panel inputs', () => {
  for (const [kind, input] of Object.entries(INPUTS)) {
    it(`${kind}: accepted as built, refused with any field missing, mistyped or extra`, () => {
      assert.equal(isPanelInput(input), true, 'valid');
      assert.ok(isPanelInput(structuredClone(input)), 'survives postMessage/setState cloning');
      const required = Object.keys(input).filter((k) => !['source', 'params', 'compare', 'options', 'optimizer', 'check'].includes(k));
      for (const key of required) {
        const { [key]: _, ...missing } = input;
        assert.ok(!isPanelInput(missing), `${kind} without ${key}`);
      }
      for (const key of Object.keys(input).filter((k) => k !== 'kind')) {
        for (const bad of wrongFor(input[key])) assert.ok(!isPanelInput({ ...input, [key]: bad }), `${kind}.${key} = ${String(bad)}`);
      }
      assert.ok(!isPanelInput({ ...input, html: '<img src=x onerror=alert(1)>' }), 'extra field');
      assert.ok(!isPanelInput({ ...input, kind: 'eval' }), 'unknown kind');
    });
  }

  it('refuses oversized and prototype-tricking inputs', () => {
    assert.ok(!isPanelInput({ ...INPUTS.pca, edits: Array.from({ length: 100_001 }, (_, i) => ({ index: i, point: [0, 0] })) }), 'huge edits');
    assert.ok(!isPanelInput({ ...INPUTS.pca, edits: [{ index: 0, point: [1, 2, 3] }] }), 'a 3-D point');
    assert.ok(!isPanelInput({ ...INPUTS.pca, edits: [{ index: 0, point: [1, NaN] }] }), 'NaN point');
    assert.ok(!isPanelInput({ ...INPUTS.pca, edits: [{ index: 2 ** 60, point: [1, 2] }] }), 'unsafe integer');
    assert.ok(!isPanelInput({ ...INPUTS.pca, edits: [{ index: 0, point: [1, 2], extra: 1 }] }), 'extra field on an edit');
    assert.ok(!isPanelInput({ ...INPUTS.activation, name: 'x'.repeat(41) }), 'long name');
    assert.ok(!isPanelInput({ ...INPUTS.activation, params: JSON.parse('{"__proto__": {"polluted": 1}}') }), '__proto__ key');
    assert.ok(!isPanelInput({ ...INPUTS.activation, params: { constructor: 1 } }), 'constructor key');
    assert.ok(!isPanelInput({ ...INPUTS.activation, params: { alpha: 'x'.repeat(21) } }), 'long parameter string');
    assert.ok(!isPanelInput({ ...INPUTS.activation, params: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`p${i}`, 1])) }), 'too many parameters');
    assert.ok(!isPanelInput({ ...INPUTS.activation, params: [1, 2] }), 'array parameters');
    assert.ok(!isPanelInput({ ...INPUTS['cross-entropy'], options: { logits: new Array(1001).fill(0) } }), 'huge logits');
    assert.ok(!isPanelInput({ ...INPUTS['cross-entropy'], options: { logits: [1, NaN] } }), 'NaN logit');
    assert.ok(!isPanelInput({ ...INPUTS['cross-entropy'], options: { training: { epochs: 1e9 } } }), 'unknown option');
    assert.ok(!isPanelInput({ ...INPUTS['sigmoid-zigzag'], options: { maxSteps: 1e12 } }), 'unbounded run');
    assert.ok(!isPanelInput({ ...INPUTS.derivative, expression: 'x'.repeat(10_001) }), 'huge expression');
    assert.ok(!isPanelInput({ ...INPUTS.problem, id: 'q'.repeat(1001) }), 'huge id');
    assert.ok(!isPanelInput({ ...INPUTS.problem, optimizer: 'sgd' }), 'unknown optimizer');
    assert.ok(!isPanelInput({ ...INPUTS.svd, source: 's'.repeat(1001) }), 'huge source');
    assert.ok(!isPanelInput(Object.assign(Object.create({ kind: 'svd', text: 'x' }))), 'fields only on the prototype');
    assert.ok(!isPanelInput(['svd']), 'an array');
  });
});

describe('protocol guards: webview → host', () => {
  for (const [type, message] of Object.entries(WEBVIEW)) {
    it(`${type}: accepted as sent, refused when malformed`, () => {
      assert.equal(isWebviewMessage(message), true, 'valid');
      assert.ok(isWebviewMessage(structuredClone(message)), 'cloned');
      assert.ok(!isWebviewMessage({ ...message, extra: 1 }), 'extra field');
      assert.ok(!isWebviewMessage({ ...message, __proto__: { evil: 1 }, [Symbol.for('x')]: 1, ...JSON.parse('{"__proto__": 1}') }), 'own __proto__ key');
      assert.ok(!isWebviewMessage({ ...message, type: type.toUpperCase() }), 'type is case-sensitive');
      for (const key of Object.keys(message).filter((k) => k !== 'type')) {
        const { [key]: _, ...missing } = message;
        if (key !== 'compare') assert.ok(!isWebviewMessage(missing), `without ${key}`);
        for (const bad of wrongFor(message[key])) assert.ok(!isWebviewMessage({ ...message, [key]: bad }), `${key} = ${String(bad)}`);
      }
    });
  }

  it('refuses unknown types, non-objects and prototype names', () => {
    for (const m of [undefined, null, 0, 'ready', ['ready'], { type: 'constructor' }, { type: '__proto__' }, { type: 'toString' }, { type: 'hasOwnProperty' }, { type: 'runCommand', command: 'workbench.action.terminal.new' }, { type: 'openExternal', url: 'https://x' }, { type: 'writeFile', path: '/etc/passwd' }, Object.create(null)]) {
      assert.ok(!isWebviewMessage(m), String(JSON.stringify(m)));
    }
  });

  it('refuses out-of-range numbers and oversized strings', () => {
    const bad = [
      { type: 'requestTruncation', k: 2 ** 53 },
      { type: 'copyTex', step: -1 },
      { type: 'saveImage', k: 0 },
      { type: 'editPoint', index: 0, point: [1] },
      { type: 'editPoint', index: 0, point: [1, 2, 3] },
      { type: 'editPoint', index: 0, point: { 0: 1, 1: 2, length: 2 } },
      { type: 'editPoint', index: 0, point: [1, Number.NaN] },
      { type: 'viewChanged', view: { step: 0, mode: 'step', k: 0 } },
      { type: 'viewChanged', view: { step: 0, mode: 'step', __proto__: {}, ...JSON.parse('{"__proto__": {"k": 1}}') } },
      { type: 'explorerChange', name: 'x'.repeat(41), params: {} },
      { type: 'explorerChange', name: 'elu', params: { alpha: 'x'.repeat(21) } },
      { type: 'explorerChange', name: 'elu', params: JSON.parse('{"__proto__": {"alpha": 1}}') },
      { type: 'explorerChange', name: 'elu', params: { prototype: 1 } },
      { type: 'explorerChange', name: 'elu', params: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 1])) },
      { type: 'explorerChange', name: 'elu', params: {}, compare: 'x'.repeat(41) },
    ];
    for (const m of bad) assert.ok(!isWebviewMessage(m), JSON.stringify(m));
  });
});

describe('protocol guards: host → webview', () => {
  for (const [type, message] of Object.entries(HOST)) {
    it(`${type}: accepted as sent, refused with any field missing or mistyped`, () => {
      assert.equal(isHostMessage(message), true, 'valid');
      assert.ok(isHostMessage(structuredClone(message)), 'cloned (typed arrays survive)');
      for (const key of Object.keys(message).filter((k) => k !== 'type')) {
        const { [key]: _, ...missing } = message;
        assert.ok(!isHostMessage(missing), `without ${key}`);
        for (const bad of wrongFor(message[key])) assert.ok(!isHostMessage({ ...message, [key]: bad }), `${key} = ${String(bad)}`);
      }
    });
  }

  it('refuses unknown types and malformed derivations', () => {
    const show = (d: unknown) => ({ ...HOST.show, derivation: d });
    for (const m of [
      { type: 'html', html: '<script>alert(1)</script>' },
      { type: 'eval', code: 'alert(1)' },
      { type: 'constructor' },
      show({ ...derivation, kind: 'exploit' }),
      show({ ...derivation, title: 1 }),
      show({ ...derivation, warnings: [1] }),
      show({ ...derivation, steps: {} }),
      show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 1, text: 'y' }] }),
      show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 'x', text: 'y', table: { columns: ['a'], rows: [[{ html: '<img>' }]] } }] }),
      show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 'x', text: 'y', table: { columns: [1], rows: [] } }] }),
      show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 'x', text: 'y', table: { columns: ['a'], rows: [[NaN]] } }] }),
      show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 'x', text: 'y', highlights: [{ matrix: 'A', cells: [[0, -1]] }] }] }),
      show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 'x', text: 'y', plot: { type: 'iframe', title: 'x' } }] }),
      show({ ...derivation, interactive: { type: 'script' } }),
      { ...HOST.show, view: { step: 0, mode: 'step', html: 'x' } },
      { ...HOST.show, precision: 0 },
      { ...HOST.show, input: { kind: 'svd', text: 'x', onload: 'alert(1)' } },
      { type: 'truncation', k: 1, matrix: [[1, Infinity]] },
      { type: 'truncation', k: 1, matrix: [['1']] },
      { type: 'navigate', to: 'constructor' },
    ])
      assert.ok(!isHostMessage(m), JSON.stringify(m));
    // Several warnings and several table columns (a guard passed to .every() once read the index as a limit).
    assert.ok(isHostMessage(show({ ...derivation, warnings: ['ill-conditioned', 'approximate', 'third'] })));
    assert.ok(isHostMessage(show({ ...derivation, steps: [{ id: 'a', title: 't', tex: 'x', text: 'y', table: { caption: 'c', columns: ['a', 'b'], rows: [['x', 1]] }, highlights: [{ matrix: 'A', cells: [[0, 1]], note: 'n' }] }] })));
  });

  it('image payloads: every typed array must have exactly the promised length and type', () => {
    const w = 4, h = 3, kMax = 2;
    const channel = (over: Record<string, unknown> = {}) => ({ sigma: new Float64Array(kMax), U: new Float32Array(h * kMax), V: new Float32Array(w * kMax), frobeniusSq: 1, ...over });
    const bad: Array<[string, Record<string, unknown>]> = [
      ['short original', image({ original: new Uint8Array(w * h - 1) })],
      ['long original', image({ original: new Uint8Array(w * h + 1) })],
      ['grey original sent as RGBA', image({ original: new Uint8Array(w * h * 4) })],
      ['RGB with a grey-sized original', image({ mode: 'rgb', channels: [channel(), channel(), channel()] })],
      ['original as a plain array', image({ original: Array.from(new Uint8Array(w * h)) })],
      ['original as Uint16Array', image({ original: new Uint16Array(w * h) })],
      ['sigma too short', image({ channels: [channel({ sigma: new Float64Array(kMax - 1) })] })],
      ['U as Float64Array', image({ channels: [channel({ U: new Float64Array(h * kMax) })] })],
      ['V too long', image({ channels: [channel({ V: new Float32Array(w * kMax + 1) })] })],
      ['NaN norm', image({ channels: [channel({ frobeniusSq: NaN })] })],
      ['rgb with one channel', image({ mode: 'rgb' })],
      ['gray with three channels', image({ channels: [channel(), channel(), channel()] })],
      ['layer of the wrong size', image({ layers: [{ index: 1, width: w, height: h, rgba: new Uint8Array(3) }] })],
      ['layer index 0', image({ layers: [{ index: 0, width: w, height: h, rgba: new Uint8Array(w * h * 4) }] })],
      ['layer larger than the picture', image({ layers: [{ index: 1, width: w + 1, height: h, rgba: new Uint8Array((w + 1) * h * 4) }] })],
      ['layer without its size', image({ layers: [{ index: 1, rgba: new Uint8Array(w * h * 4) }] })],
      ['rank 0 marker', image({ energyRanks: { p90: 0, p95: null, p99: null } })],
      ['dimensions that overflow', image({ width: 2 ** 40, height: 2 ** 40 })],
      ['fractional width', image({ width: 4.5 })],
      ['unknown mode', image({ mode: 'cmyk' })],
    ];
    assert.ok(isHostMessage({ type: 'image', payload: image() }));
    // RGB: three bytes a pixel, channels interleaved.
    assert.ok(isHostMessage({ type: 'image', payload: image({ mode: 'rgb', channels: [channel(), channel(), channel()], original: new Uint8Array(w * h * 3) }) }));
    for (const [what, payload] of bad) assert.ok(!isHostMessage({ type: 'image', payload }), what);
  });
});

describe('protocol guards: persisted state', () => {
  it('restores only a known version with a valid input and view', () => {
    for (const input of Object.values(INPUTS)) assert.ok(isPersistedState({ version: 1, input, view }), JSON.stringify(input));
    assert.ok(!isPersistedState({ version: '1', input: INPUTS.svd, view }));
    assert.ok(!isPersistedState({ version: 1, input: { ...INPUTS.image, uri: 1 }, view }));
    assert.ok(!isPersistedState({ version: 1, input: INPUTS.svd, view: { step: NaN, mode: 'step' } }));
    assert.ok(!isPersistedState({ version: 1, input: INPUTS.svd }));
    assert.ok(!isPersistedState(JSON.parse('{"__proto__": {"version": 1}}')));
  });
});
