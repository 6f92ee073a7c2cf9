/**
 * Watches a panel's webview start. The webview says `ready` once its script
 * runs; until then the host has nowhere to send the derivation. In the browser
 * workbench (code-server) the script is fetched through VS Code's service
 * worker, and on a loaded machine that fetch was seen to hang: the panel then
 * said "Loading…" for good, with the result already computed. So if no `ready`
 * comes while the panel is on screen, the page is loaded again, a few times,
 * waiting longer each time. A hidden panel has no page (retainContextWhenHidden
 * is off); it loads again when shown, and the watch starts over then.
 */

export interface WatchedPanel {
  readonly visible: boolean;
  onDidChangeViewState(listener: () => void): { dispose(): void };
}

/** How long to wait for `ready` before each reload; one entry per reload. */
export const BOOT_WAITS_MS = [5_000, 10_000, 20_000];

export class BootWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting = false;
  private reloads = 0;
  private wasVisible: boolean;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly panel: WatchedPanel,
    /** Sets the webview's HTML again, so the page loads afresh. */
    private readonly reload: () => void,
    private readonly log: (message: string) => void,
    private readonly waits: readonly number[] = BOOT_WAITS_MS,
  ) {
    this.wasVisible = panel.visible;
    this.subscription = panel.onDidChangeViewState(() => {
      const visible = this.panel.visible;
      // Shown again: the page is being loaded again and will say ready again.
      if (visible && !this.wasVisible) this.expectReady();
      else if (!visible) this.disarm();
      this.wasVisible = visible;
    });
  }

  /** The page is (re)loading: wait for its `ready`. */
  expectReady(): void {
    this.waiting = true;
    this.reloads = 0;
    this.arm();
  }

  /** The page said `ready`. */
  gotReady(): void {
    this.waiting = false;
    this.disarm();
  }

  dispose(): void {
    this.waiting = false;
    this.disarm();
    this.subscription.dispose();
  }

  private arm(): void {
    this.disarm();
    const wait = this.waits[this.reloads];
    if (!this.waiting || !this.panel.visible || wait === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.waiting || !this.panel.visible) return;
      this.reloads++;
      this.log(`the panel's page sent no "ready" within ${wait / 1000} s; loading it again (${this.reloads} of ${this.waits.length})`);
      this.reload();
      this.arm();
    }, wait);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
