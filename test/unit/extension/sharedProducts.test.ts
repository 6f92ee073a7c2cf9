// A grey picture's SVD shares its matrix products with a helper thread
// (src/extension/sharedProducts.ts). Whoever does which chunk, the factors must
// be bit for bit those of one thread, and the helper must let go of A after.
import * as assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { truncatedSvd, type Mat, type TruncatedSvd } from '../../../src/core/linalg';
import { isSplitMessage, sharedProducts, spaceFrom, workOnPass, type HelperPort, type SharedSpace, type SplitMessage } from '../../../src/extension/sharedProducts';

/** A 300×280 picture-like matrix: smooth shapes plus a little texture, values 0..255. */
function picture(m: number, n: number): Mat {
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) data[i * n + j] = 128 + 60 * Math.sin(i / 17) * Math.cos(j / 23) + 40 * Math.tanh((i - j) / 30) + 10 * Math.sin(i * j);
  }
  return { rows: m, cols: n, data };
}

const assertSame = (a: TruncatedSvd, b: TruncatedSvd) => {
  assert.deepEqual(b.s, a.s);
  assert.deepEqual(b.U.data, a.U.data);
  assert.deepEqual(b.V.data, a.V.data);
};

/** A stand-in helper on this thread: `eager` does a whole pass the moment it is asked; otherwise it never works. */
function fakeHelper(eager: boolean): HelperPort & { messages: SplitMessage[] } {
  let space: SharedSpace | undefined;
  const messages: SplitMessage[] = [];
  return {
    messages,
    postMessage(msg) {
      messages.push(msg);
      if (msg.kind === 'split-attach') space = spaceFrom(msg);
      else if (msg.kind === 'split-detach') space = undefined;
      else if (eager && space) workOnPass(space, msg.generation, msg.op);
    },
  };
}

describe('shared matrix products (grey image SVD on two threads)', () => {
  const a = picture(300, 280);
  const alone = truncatedSvd(a, 20, { seed: 1 });

  it('gives the one-thread factors exactly when the helper takes every chunk', () => {
    const helper = fakeHelper(true);
    assertSame(alone, truncatedSvd(a, 20, { seed: 1, products: (A, m, n, l) => sharedProducts(helper, A, m, n, l) }));
    const kinds = helper.messages.map((x) => x.kind);
    assert.equal(kinds[0], 'split-attach');
    assert.equal(kinds.filter((k) => k === 'split-pass').length, 10); // 2q + 2 passes, q = 4
    assert.equal(kinds[kinds.length - 1], 'split-detach'); // the helper lets go of A
  });

  it('gives the one-thread factors exactly when the helper never starts (this thread does it all)', () => {
    assertSame(alone, truncatedSvd(a, 20, { seed: 1, products: (A, m, n, l) => sharedProducts(fakeHelper(false), A, m, n, l) }));
  });

  it('a message for a finished pass does nothing', () => {
    const helper = fakeHelper(false);
    const products = sharedProducts(helper, a.data, a.rows, a.cols, 4);
    const panel = Float64Array.from({ length: 4 * a.cols }, (_, i) => Math.sin(i));
    const out = new Float64Array(4 * a.rows);
    products.productWithPanelT(panel, out);
    const attach = helper.messages[0] as Extract<SplitMessage, { kind: 'split-attach' }>;
    const space = spaceFrom(attach);
    const before = Float64Array.from(space.out);
    space.panel.fill(1e9); // were a late helper to claim a chunk now, out would change
    workOnPass(space, 1, 'panelT');
    assert.deepEqual(space.out, before);
    products.dispose?.();
  });

  it('recognises its own messages only', () => {
    assert.ok(isSplitMessage({ kind: 'split-pass', generation: 1, op: 'times' }));
    assert.ok(!isSplitMessage({ rows: 2, cols: 2, data: new Float64Array(4), kMax: 1 }));
    assert.ok(!isSplitMessage(null));
  });

  it('gives the one-thread factors exactly with a real helper thread', async function () {
    this.timeout(60_000);
    const worker = new Worker(require.resolve('../../../src/extension/channelWorker.ts'), { execArgv: ['--require', 'tsx/cjs'] });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let it start, so it does take chunks
      const big = picture(700, 650);
      const expected = truncatedSvd(big, 30, { seed: 1 });
      assertSame(expected, truncatedSvd(big, 30, { seed: 1, products: (A, m, n, l) => sharedProducts(worker, A, m, n, l) }));
    } finally {
      await worker.terminate();
    }
  });
});
