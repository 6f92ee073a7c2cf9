/**
 * Preview scenarios for the PCA explorer: the assignment's data with its axes,
 * projections and number line; hover linking both ways; a pointer drag and
 * keyboard moves answered by a stand-in host running the real core; the
 * d = 5 scores view; and the update → redraw time for N = 4 and N = 500.
 */
import type { Page } from 'playwright-core';
import type { HostMessage } from '../../src/protocol';
import * as path from 'node:path';
import { check, outDir, type Session } from './harness';
import { assignment, pcaDerivation, pcaInput, showPca, synthetic } from './pcaData';

const last = <T>(list: T[]) => list[list.length - 1];
const point = (i: number) => `.pca-points circle[data-sample="${i}"]`;

/** Centre of a point on the screen (scrolled into view first: the mouse cannot reach off-screen points). */
async function centre(page: Page, selector: string): Promise<[number, number]> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = (await page.locator(selector).boundingBox())!;
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/**
 * Full-page screenshot with the toolbar unstuck for the moment (through the
 * CSSOM, which the CSP allows): a sticky toolbar lands mid-page in a full-page
 * capture of a scrolled page.
 */
async function fullShot(s: Session, name: string): Promise<void> {
  const unstick = (on: boolean) => s.page.evaluate((v) => document.querySelector<HTMLElement>('.toolbar')?.style.setProperty('position', v ? 'static' : ''), on);
  await unstick(true);
  await s.shot(name, true);
  await unstick(false);
}

export const bigPlane = synthetic(500, 2, 11);
export const fiveFeatures = synthetic(200, 5, 3);

/** The assignment in one theme: everything drawn, hover, drag, keyboard, reset, transpose. */
export async function pcaAssignment(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  await s.send(showPca(assignment));
  await page.waitForSelector('.pca-scatter');
  check((await page.locator('#pca-heading').textContent()) === 'Explore: the principal axes', 'PCA: the explorer section is shown');
  check((await page.locator('.pca-points circle').count()) === 4, 'PCA: four points');
  check((await page.locator(point(0)).getAttribute('aria-label')) === 'Example 1: (4, 11), PC1 score 4.31', `PCA: point labelled "${await page.locator(point(0)).getAttribute('aria-label')}"`);
  check((await page.locator('.pca-mean').count()) === 1, 'PCA: the mean has its own marker');
  check((await page.locator('.pca-scatter g[aria-label="arrow"]').count()) === 2, 'PCA: two principal axes drawn as arrows');
  const labels = await page.locator('.pca-scatter text').allTextContents();
  check(labels.includes('e₁√λ₁') && labels.includes('e₂√λ₂'), 'PCA: arrows labelled e₁√λ₁ and e₂√λ₂');
  check((await page.locator('.pca-projections path').count()) === 4 && (await page.locator('.pca-feet circle').count()) === 4, 'PCA: a projection segment and foot per point');
  check((await page.locator('.pca-number-line .pca-scores circle').count()) === 4, 'PCA: four scores on the number line');
  const scoreLabels = await page.locator('.pca-number-line text').allTextContents();
  check(['4.31', '−3.74', '−5.69', '5.12'].every((v) => scoreLabels.includes(v)), `PCA: score values on the number line (${scoreLabels.filter((t) => /\d\./.test(t)).join(', ')})`);
  // Equal aspect: a data unit is as long across as up.
  const [[x0, y0], [x1, y1]] = [await centre(page, point(0)), await centre(page, point(1))];
  const across = (x1 - x0) / (8 - 4);
  const up = (y1 - y0) / (11 - 4);
  check(Math.abs(across - up) / across < 0.01, `PCA: equal aspect ratio (${across.toFixed(2)} vs ${up.toFixed(2)} px per unit)`);
  check((await page.locator('.pca-orientation-text').textContent()) === 'Features as rows, examples as columns', 'PCA: the detected orientation is named');
  check((await page.locator('.data-table tbody tr[data-sample-index]').count()) === 4, 'PCA: data-table rows carry data-sample-index');
  await fullShot(s, `${prefix}-pca-assignment`);

  // Hover a point → its table row; hover a row → its point.
  await page.mouse.move(...(await centre(page, point(1))));
  check(await page.locator('.data-table tbody tr[data-sample-index="1"]').evaluate((tr) => tr.classList.contains('is-linked')), 'PCA: hovering a point highlights its table row');
  check((await page.locator('.pca-readout').textContent()) === 'Example 2: (8, 4), PC1 score −3.74', 'PCA: the readout names the hovered point');
  await fullShot(s, `${prefix}-pca-hover-point`);
  await page.locator('.data-table tbody tr[data-sample-index="2"]').hover();
  check(await page.locator(point(2)).evaluate((c) => c.classList.contains('is-linked')), 'PCA: hovering a table row highlights its point');
  check(await page.locator('.pca-scores circle[data-sample="2"]').evaluate((c) => c.classList.contains('is-linked')), '…and its score on the number line');
  await fullShot(s, `${prefix}-pca-hover-row`);

  // Drag Example 1 up and to the right, about 60 pointer events a second.
  const before = (await s.posted()).length;
  const [sx, sy] = await centre(page, point(0));
  await page.mouse.move(sx + 2, sy + 1);
  await page.mouse.down();
  const started = Date.now();
  for (let k = 1; k <= 30; k++) {
    await page.mouse.move(sx + 2 + 2 * k, sy + 1 - 3 * k);
    await page.waitForTimeout(16);
  }
  const duration = Date.now() - started;
  await page.waitForTimeout(60); // let an answer arrive mid-drag
  const [cx, cy] = await centre(page, point(0));
  check(Math.hypot(cx - (sx + 60), cy - (sy - 90)) < 1.5, `PCA: the dragged point stays under the pointer after updates (${(cx - sx - 60).toFixed(1)}, ${(cy - sy + 90).toFixed(1)} px off)`);
  await page.mouse.up();
  await page.waitForTimeout(250);
  const edits = (await s.posted()).slice(before).filter((m) => m.type === 'editPoint');
  const rate = (edits.length / duration) * 1000;
  check(edits.length >= 3 && rate <= 36, `PCA: a drag posts editPoint throttled (${edits.length} in ${duration} ms ≈ ${rate.toFixed(0)}/s)`);
  const final = last(edits);
  check(final?.type === 'editPoint' && final.index === 0 && final.point[0] > 4 && final.point[1] > 11, `PCA: the last editPoint is the drop point (${JSON.stringify(final)})`);
  check((await page.locator('.pca-edits').textContent())?.startsWith('Edited: 1 point moved (the document is unchanged)') === true, 'PCA: "Edited: 1 point moved" is shown');
  check((await page.locator('#step-counter').textContent()) === 'Step 1 of 10', 'PCA: the update keeps the step');
  await page.waitForTimeout(200); // the steps are retypeset 150 ms after the last update
  const firstCell = await page.locator('.data-table tbody tr[data-sample-index="0"] td').nth(1).textContent();
  check(firstCell !== '4.0000', `PCA: the step's table is redrawn after the drag (x₁ of Example 1 = ${firstCell})`);
  await page.mouse.move(5, 5);
  await fullShot(s, `${prefix}-pca-dragged`);

  // Keyboard: focus a point, move it, Tab to the next.
  const beforeKeys = (await s.posted()).length;
  await page.locator(point(1)).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(80);
  const moved = (await s.posted()).slice(beforeKeys).find((m) => m.type === 'editPoint');
  check(moved?.type === 'editPoint' && moved.index === 1 && moved.point[0] > 8 && moved.point[0] < 8.5 && moved.point[1] === 4, `PCA: → moves the focused point a small step (${JSON.stringify(moved)})`);
  check((await page.locator('#step-counter').textContent()) === 'Step 1 of 10', 'PCA: arrow keys on a point do not change step');
  await page.waitForTimeout(100);
  check(await page.evaluate(() => document.activeElement?.getAttribute('data-sample') === '1'), 'PCA: focus stays on the point across the redraw');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement?.getAttribute('data-sample') === '2'), 'PCA: Tab goes to the next point');
  check((await page.locator('.pca-edits').textContent())?.includes('2 points moved') === true, 'PCA: "2 points moved" after the keyboard move');
  await fullShot(s, `${prefix}-pca-keyboard`);

  await page.locator('.pca-reset').click();
  await page.waitForTimeout(100);
  check(last(await s.posted())?.type === 'resetEdits', 'PCA: Reset posts resetEdits');
  check(await page.locator('.pca-edits').isHidden(), 'PCA: the edited note goes after the reset');
  check((await page.locator(point(0)).getAttribute('aria-label')) === 'Example 1: (4, 11), PC1 score 4.31', 'PCA: and the points are back');

  await page.locator('.pca-transpose').click();
  check(last(await s.posted())?.type === 'transpose', 'PCA: Transpose posts transpose');
}

/** Whole-derivation mode: an update redraws the changed steps without moving the page under the reader. */
export async function pcaUpdateKeepsScroll(s: Session): Promise<void> {
  const { page } = s;
  await s.send(showPca(assignment, 0, 'all'));
  await page.waitForSelector('.pca-scatter');
  await page.locator('.pca-explorer').scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const top = () => page.locator('.pca-explorer').evaluate((el) => el.getBoundingClientRect().top);
  const [before, stepBefore] = [await top(), await page.locator('#step-counter').textContent()];
  const edits = [{ index: 2, point: [14, 9] as [number, number] }];
  await s.send({ type: 'update', input: pcaInput(assignment, edits), derivation: pcaDerivation(assignment, edits) });
  await page.waitForTimeout(400);
  const after = await top();
  check(Math.abs(after - before) < 2, `PCA: a lazy re-render keeps the explorer where it was (${before.toFixed(0)} → ${after.toFixed(0)} px)`);
  check((await page.locator('#step-counter').textContent()) === stepBefore, 'PCA: …and the current step');
  check((await page.locator('.step').count()) === 10, 'PCA: …and whole-derivation mode');
}

/** The d = 5 scores view: PC1 against PC2, not editable, linked to the tables. */
export async function pcaScores(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  await s.send(showPca(fiveFeatures));
  await page.waitForSelector('.pca-scatter');
  check((await page.locator('.pca-points circle').count()) === 200, 'PCA scores: 200 points');
  check((await page.locator('.pca-number-line').count()) === 0 && (await page.locator('.pca-scatter g[aria-label="arrow"]').count()) === 0, 'PCA scores: no axes or number line');
  check(/^Sample 1: PC1 score −?\d+(\.\d+)?, PC2 score −?\d+(\.\d+)?$/.test((await page.locator(point(0)).getAttribute('aria-label')) ?? ''), `PCA scores: points labelled "${await page.locator(point(0)).getAttribute('aria-label')}"`);
  check(!(await page.locator('.pca-chart').evaluate((c) => c.classList.contains('is-editable'))), 'PCA scores: not editable');
  await page.locator('.data-table tbody tr[data-sample-index="5"]').hover();
  check(await page.locator(point(5)).evaluate((c) => c.classList.contains('is-linked')), 'PCA scores: hovering a table row highlights its point');
  await fullShot(s, `${prefix}-pca-scores-hover-row`);
  await page.locator(point(0)).focus();
  await page.keyboard.press('ArrowRight');
  check(await page.evaluate(() => document.activeElement?.getAttribute('data-sample') === '1'), 'PCA scores: → walks to the next point');
  check(await page.locator('.data-table tbody tr[data-sample-index="1"]').evaluate((tr) => tr.classList.contains('is-linked')), 'PCA scores: the focused point highlights its row');
  const before = (await s.posted()).length;
  await page.mouse.move(...(await centre(page, point(1))));
  await page.mouse.down();
  await page.mouse.move(400, 400, { steps: 5 });
  await page.mouse.up();
  check(!(await s.posted()).slice(before).some((m) => m.type === 'editPoint'), 'PCA scores: dragging does nothing');
  await fullShot(s, `${prefix}-pca-scores`);
  // The table above is 50 rows long; a picture of the explorer alone is easier to look at.
  await page.locator('.pca-explorer').screenshot({ path: path.join(outDir, `${prefix}-pca-scores-explorer.png`) });
}

/**
 * Update → redrawn scatter: the in-page `mdl-pca-redraw` measure around the
 * redraw itself, and from posting the message to the next frame.
 */
export async function measureRedraw(s: Session, N: number): Promise<string> {
  const { page } = s;
  const data = N === 4 ? assignment : bigPlane;
  await s.send(showPca(data));
  await page.waitForSelector('.pca-scatter');
  await page.waitForTimeout(200);
  const messages: HostMessage[] = Array.from({ length: 10 }, (_, k) => {
    const edits = [{ index: 0, point: [data.samples[0][0] + 0.1 * (k + 1), data.samples[0][1] - 0.1 * (k + 1)] as [number, number] }];
    return { type: 'update', input: pcaInput(data, edits), derivation: pcaDerivation(data, edits) };
  });
  const times = await page.evaluate(async (list) => {
    const out: Array<{ redraw: number; message: number; frame: number }> = [];
    for (const m of list) {
      const t0 = performance.now();
      const handled = new Promise<void>((r) => window.addEventListener('message', () => r(), { once: true }));
      window.postMessage(m, '*');
      await handled;
      const t1 = performance.now();
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t2 = performance.now();
      out.push({ redraw: performance.getEntriesByName('mdl-pca-redraw')[0]?.duration ?? NaN, message: t1 - t0, frame: t2 - t0 });
    }
    return out;
  }, messages);
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const worst = (xs: number[]) => Math.max(...xs);
  const r = times.map((t) => t.redraw);
  const m = times.map((t) => t.message);
  const f = times.map((t) => t.frame);
  check(r.every(Number.isFinite), `PCA N=${N}: every update redrew the scatter`);
  check((await page.locator('.pca-points circle').count()) === N, `PCA N=${N}: ${N} points after the updates`);
  if (N > 4) await page.locator('.pca-explorer').screenshot({ path: path.join(outDir, `dark-pca-${N}-points.png`) });
  return `N=${N}: redraw median ${median(r).toFixed(1)} ms (max ${worst(r).toFixed(1)}); message→redrawn ${median(m).toFixed(1)} ms; message→next frame ${median(f).toFixed(1)} ms (max ${worst(f).toFixed(1)})`;
}

/** A narrow panel: the plot shrinks with it and keeps its equal aspect. */
export async function pcaNarrow(s: Session): Promise<void> {
  const { page } = s;
  await s.send(showPca(assignment));
  await page.waitForSelector('.pca-scatter');
  const width = await page.locator('.pca-scatter').evaluate((svg) => svg.getBoundingClientRect().width);
  const room = await page.locator('.pca-explorer').evaluate((el) => el.getBoundingClientRect().width);
  check(width <= room + 0.5, `PCA narrow: the plot fits the panel (${width.toFixed(0)} of ${room.toFixed(0)} px)`);
  await fullShot(s, 'light-narrow-pca');
}
