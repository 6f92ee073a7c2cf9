// The panel's start watch (src/extension/bootWatch.ts) with a stand-in panel: reloads only
// while the panel is on screen and no `ready` came, waits as told, and gives up after the last wait.
import * as assert from 'node:assert';
import { BootWatchdog } from '../../../src/extension/bootWatch';

class FakePanel {
  visible = true;
  private listeners: Array<() => void> = [];
  onDidChangeViewState(listener: () => void) {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  setVisible(visible: boolean) {
    this.visible = visible;
    this.listeners.forEach((l) => l());
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function watch(panel: FakePanel, waits: number[]) {
  const log: string[] = [];
  let reloads = 0;
  const dog = new BootWatchdog(panel, () => reloads++, (m) => log.push(m), waits);
  return { dog, log, reloads: () => reloads };
}

describe('panel start watch (bootWatch.ts)', () => {
  it('reloads once per wait while no ready comes, then gives up, saying so each time', async () => {
    const w = watch(new FakePanel(), [20, 20, 20]);
    w.dog.expectReady();
    for (let i = 0; i < 100 && w.reloads() < 3; i++) await sleep(20);
    await sleep(100); // and no fourth
    assert.strictEqual(w.reloads(), 3);
    assert.strictEqual(w.log.length, 3);
    assert.match(w.log[2], /3 of 3/);
    w.dog.dispose();
  });

  it('does nothing once the page said ready', async () => {
    const w = watch(new FakePanel(), [30]);
    w.dog.expectReady();
    await sleep(5);
    w.dog.gotReady();
    await sleep(80);
    assert.strictEqual(w.reloads(), 0);
    w.dog.dispose();
  });

  it('stops when the page says ready after a reload', async () => {
    const w = watch(new FakePanel(), [20, 20, 20]);
    w.dog.expectReady();
    await sleep(30);
    w.dog.gotReady();
    await sleep(100);
    assert.strictEqual(w.reloads(), 1);
    w.dog.dispose();
  });

  it('never reloads a hidden panel (it has no page), and watches again when it is shown', async () => {
    const panel = new FakePanel();
    panel.visible = false;
    const w = watch(panel, [20]);
    w.dog.expectReady();
    await sleep(80);
    assert.strictEqual(w.reloads(), 0, 'reloaded while hidden');
    panel.setVisible(true); // VS Code loads the page again on show
    await sleep(80);
    assert.strictEqual(w.reloads(), 1);
    w.dog.dispose();
  });

  it('hiding the panel while waiting cancels the wait; disposing stops everything', async () => {
    const panel = new FakePanel();
    const w = watch(panel, [40, 40]);
    w.dog.expectReady();
    panel.setVisible(false);
    await sleep(100);
    assert.strictEqual(w.reloads(), 0);
    panel.setVisible(true);
    w.dog.dispose();
    await sleep(100);
    assert.strictEqual(w.reloads(), 0);
  });
});
