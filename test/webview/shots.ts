/** Screenshot helpers shared by the topic scenarios. */
import * as path from 'node:path';
import { outDir, type Session } from './harness';

/**
 * Full-page screenshot with the toolbar unstuck for the moment (through the
 * CSSOM, which the CSP allows): a sticky toolbar lands mid-page in a
 * full-page capture of a scrolled page.
 */
export async function fullShot(s: Session, name: string): Promise<void> {
  const unstick = (on: boolean) => s.page.evaluate((v) => document.querySelector<HTMLElement>('.toolbar')?.style.setProperty('position', v ? 'static' : ''), on);
  await unstick(true);
  await s.shot(name, true);
  await unstick(false);
}

/** One element (an explorer, a figure) on its own, after charts have had a frame to draw. */
export async function elementShot(s: Session, selector: string, name: string): Promise<void> {
  await s.page.waitForTimeout(150);
  await s.page.locator(selector).first().screenshot({ path: path.join(outDir, `${name}.png`) });
}

/** Waits for the step counter to read "Step n of …" after navigating. */
export async function waitForStep(s: Session, n: number): Promise<void> {
  await s.page.waitForFunction((k) => document.getElementById('step-counter')?.textContent?.startsWith(`Step ${k} of`), n);
}
