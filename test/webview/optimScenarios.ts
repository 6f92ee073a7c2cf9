/**
 * Preview scenarios for the optimiser topics, on real derivations from the
 * core: level sets with paths and the step slider (Rosenbrock, Adam against
 * four others), playing the run, a diverging path cut at the grid, the
 * training-loop panel with copying, long tables, loss curves.
 */
import type { Page } from 'playwright-core';
import { check, type Session } from './harness';
import { elementShot, fullShot, waitForStep } from './shots';
import { assignmentGd, gdCompare, rosenbrock, rosenbrockDiverging, showAssignmentGd, showDiverging, showGdCompare, showRosenbrock, stepIndex } from './topicData';

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
/** Segments drawn of each path (L commands), in series order. */
const segments = (page: Page) => page.$$eval('.step .run-path', (ps) => ps.map((p) => (p.getAttribute('d')?.match(/L/g) ?? []).length));
const sliderValue = async (page: Page) => Number(await page.inputValue('#run-slider'));

async function goToStep(s: Session, index: number): Promise<void> {
  await s.page.locator('.step-link').nth(index).click();
  await waitForStep(s, index + 1);
}

/** Rosenbrock in one theme: the contour step, the long trace table, the loss curves. */
export async function rosenbrockRun(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  const r = rosenbrock();
  const contour = r.steps[stepIndex(r, 'trajectory')].plot as Extract<NonNullable<(typeof r.steps)[number]['plot']>, { type: 'contour' }>;
  await s.send(showRosenbrock(stepIndex(r, 'trajectory')));
  await page.waitForSelector('.contour-plot .run-path', { state: 'attached' });
  check((await page.locator('g.contour-levels path').count()) === contour.thresholds.length, `optim: ${contour.thresholds.length} level sets drawn`);
  const names = await page.locator('.run-legend .run-name').allTextContents();
  check(names.join(', ') === 'Adam, SGD, SGD with momentum, RMSprop, AdaGrad', `optim: legend keyed by path (${names.join(', ')})`);
  check((await page.locator('.step .run-path').count()) === 5, 'optim: five paths');
  const marks = await page.locator('.contour-plot text').allTextContents();
  check(marks.includes('start') && marks.includes('minimum'), 'optim: start and minimum markers labelled');
  check((await page.locator('#run-slider').getAttribute('max')) === '1251' && (await sliderValue(page)) === 1251, 'optim: #run-slider runs 1…1251 and starts at the end');
  check((await page.locator('#run-play').textContent()) === 'Play', 'optim: #run-play reads Play');
  check((await text(page, '.run-position')) === 't = 1251 of 1251', 'optim: readout names t');
  const adam = await page.locator('.run-value').first().textContent();
  const last = contour.paths[0];
  check(adam === `(${last.x.at(-1)!.toFixed(4)}, ${last.y.at(-1)!.toFixed(4)})`, `optim: readout shows Adam's (x, y) at t (${adam})`);
  check((await text(page, '.plot-note'))?.includes('spaced logarithmically') === true, 'optim: the note says the levels are log-spaced');
  await elementShot(s, '.run-figure', `${prefix}-optim-contour`);

  // The trace: 20 rows of tuples, wider than the panel.
  await goToStep(s, stepIndex(r, 'trace'));
  const box = page.locator('.table-scroll').first();
  const dims = await box.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight }));
  check(dims.sh > dims.ch, `tables: a long table scrolls inside its box (${dims.sh} > ${dims.ch} px)`);
  const numeric = await page.$$eval('.data-table tbody td', (tds) => tds.filter((td) => td.classList.contains('num')).length / tds.length);
  check(numeric === 1, `tables: every trace cell is right-aligned monospace (${(numeric * 100).toFixed(0)} %)`);
  const font = await page.locator('.data-table tbody td').nth(1).evaluate((td) => [getComputedStyle(td).textAlign, getComputedStyle(td).fontFamily]);
  check(font[0] === 'right' && /mono/i.test(font[1]), `tables: tuples right-aligned in ${font[1]}`);
  await box.evaluate((el) => el.scrollTo({ top: 200, left: 160 }));
  await page.waitForTimeout(100);
  const stuck = await box.evaluate((el) => {
    const top = el.getBoundingClientRect().top;
    const left = el.getBoundingClientRect().left;
    return { head: el.querySelector('thead th:nth-child(2)')!.getBoundingClientRect().top - top, first: el.querySelector('tbody td')!.getBoundingClientRect().left - left };
  });
  check(Math.abs(stuck.head) < 1.5 && Math.abs(stuck.first) < 1.5, `tables: header and t column stay put when scrolled (${stuck.head.toFixed(1)}, ${stuck.first.toFixed(1)} px)`);
  if (dims.sw <= dims.cw) console.log('       (the trace fits this width; no sideways scroll)');
  await elementShot(s, '.step', `${prefix}-optim-trace-scrolled`);

  await goToStep(s, stepIndex(r, 'compare'));
  await page.waitForSelector('.step .run-path', { state: 'attached' });
  check((await page.locator('#run-slider').count()) === 1, 'optim: the loss curves get a step slider too');
  check((await text(page, '.run-position'))?.startsWith('step ≤ 10000') === true, `optim: loss readout in steps (${await text(page, '.run-position')})`);
  await elementShot(s, '.step', `${prefix}-optim-compare`);
}

/** Playing the run: paths grow at about 60 steps a second; Space pauses; reduced motion jumps. */
export async function runPlayback(s: Session): Promise<void> {
  const { page } = s;
  const r = rosenbrock();
  await s.send(showRosenbrock(stepIndex(r, 'trajectory')));
  await page.waitForSelector('.contour-plot .run-path', { state: 'attached' });
  const full = await segments(page);
  await page.locator('#run-slider').fill('1');
  check((await segments(page)).every((n) => n === 0) && (await text(page, '.run-position')) === 't = 1 of 1251', 'playback: t = 1 shows only the start');
  await page.click('#run-play');
  check((await text(page, '#run-play')) === 'Pause', 'playback: Play turns into Pause');
  const t0 = Date.now();
  await page.waitForTimeout(500);
  const early = await segments(page);
  const t1 = await sliderValue(page);
  const rate = (t1 - 1) / ((Date.now() - t0) / 1000);
  await page.waitForTimeout(400);
  const later = await segments(page);
  check(early.every((n) => n > 0) && later.every((n, i) => n > early[i]), `playback: the paths grow while playing (${early.join('/')} → ${later.join('/')} segments)`);
  check(rate > 35 && rate < 75, `playback: about 60 steps a second (${rate.toFixed(0)}/s)`);
  await elementShot(s, '.run-figure', 'dark-optim-playing');
  await page.focus('#run-slider');
  await page.keyboard.press(' ');
  const paused = await sliderValue(page);
  await page.waitForTimeout(250);
  check((await sliderValue(page)) === paused && (await text(page, '#run-play')) === 'Play', `playback: Space on the slider pauses (t = ${paused})`);
  check((await text(page, '.run-position')) === `t = ${paused} of 1251`, 'playback: the readout follows t');
  await page.keyboard.press(' ');
  await page.waitForTimeout(200);
  await page.keyboard.press(' ');
  check((await sliderValue(page)) > paused, 'playback: Space again resumes');
  check((await text(page, '#step-counter')) === `Step ${stepIndex(r, 'trajectory') + 1} of ${r.steps.length}`, 'playback: Space and arrows on the slider do not change step');
  // Leaving the step while playing stops the animation quietly.
  await page.click('#run-play');
  await page.click('#next');
  await page.waitForTimeout(150);
  await page.click('#prev');
  await page.waitForTimeout(150);
  check((await text(page, '#run-play')) === 'Play', 'playback: a step left while playing comes back paused');
  await page.locator('#run-slider').fill('1251');
  check((await segments(page)).every((n, i) => n === full[i]), 'playback: t = max shows the whole paths again');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.locator('#run-slider').fill('1');
  await page.click('#run-play');
  check((await sliderValue(page)) === 1251 && (await text(page, '#run-play')) === 'Play', 'playback: with reduced motion, Play shows the whole run at once');
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // Loss curves play the same way, all series at the same step.
  await goToStep(s, stepIndex(r, 'compare'));
  await page.waitForSelector('.step .run-path', { state: 'attached' });
  await page.locator('#run-slider').fill('300');
  const at300 = await page.locator('.run-value').allTextContents();
  check(at300.every((v) => / at 23\d\d$/.test(v)), `playback: loss readouts at the same step (${at300.join('; ')})`);
  await page.click('#run-play');
  await page.waitForTimeout(400);
  await page.click('#run-play');
  check((await sliderValue(page)) > 310, 'playback: loss curves play');
  await elementShot(s, '.run-figure', 'dark-optim-loss-playing');
}

/** A path that leaves the window: the axes stay on the grid and the path is cut at its edge. */
export async function divergingPath(s: Session): Promise<void> {
  const { page } = s;
  const r = rosenbrockDiverging();
  await s.send(showDiverging(stepIndex(r, 'trajectory')));
  await page.waitForSelector('.contour-plot .run-path', { state: 'attached' });
  const ticks = (await page.locator('.contour-plot g[aria-label="x-axis tick label"] text').allTextContents()).map((t) => Number(t.replace('−', '-')));
  check(Math.min(...ticks) >= -2.4 && Math.max(...ticks) <= 2.4, `diverging: the x axis stays on the grid (${ticks[0]} … ${ticks.at(-1)})`);
  const inside = await page.evaluate(() => {
    const svg = document.querySelector('.contour-plot') as SVGSVGElement & { scale(n: string): { range: number[] } };
    const [x0, x1] = [...svg.scale('x').range].sort((a, b) => a - b);
    const [y0, y1] = [...svg.scale('y').range].sort((a, b) => a - b);
    const d = document.querySelectorAll('.run-path')[1].getAttribute('d') ?? '';
    const nums = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    return nums.length > 0 && nums.every(([x, y]) => x >= x0 - 3 && x <= x1 + 3 && y >= y0 - 3 && y <= y1 + 3);
  });
  check(inside, 'diverging: the SGD path is cut at the edge of the grid');
  check((await page.locator('.run-head').nth(1).getAttribute('visibility')) === 'hidden', 'diverging: no current-point marker outside the plot');
  await elementShot(s, '.step', 'light-optim-diverging');
}

/** Assignment Q4 in one theme: the loop panel follows the steps; the path and the loss curve. */
export async function gdLoop(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  const g = assignmentGd();
  const spec = g.interactive as Extract<NonNullable<typeof g.interactive>, { type: 'loop-code' }>;
  await s.send(showAssignmentGd());
  await page.waitForSelector('.loop-code');
  check((await text(page, '#loop-heading')) === 'The training loop', 'loop: "The training loop" section');
  check((await page.locator('.code-line').count()) === spec.pseudocode.length, `loop: ${spec.pseudocode.length} lines of pseudo-code`);
  const current = () => page.$$eval('.code-line.is-current', (ls) => ls.map((l) => Number(l.getAttribute('data-line'))));
  let followed = true;
  for (let i = 0; i < g.steps.length; i++) {
    if (i > 0) await page.click('#next');
    const want = [...new Set(spec.stepLines[g.steps[i].id] ?? [])].sort((a, b) => a - b);
    const got = await current();
    if (got.join() !== want.join()) {
      followed = false;
      console.log(`       step ${g.steps[i].id}: highlighted ${got} want ${want}`);
    }
  }
  check(followed, 'loop: the highlighted lines follow every step');
  await goToStep(s, stepIndex(g, 'iteration-1'));
  const said = await text(page, '.loop-current');
  check(said === '“Iteration 1, every term” explains lines 3–6, 8 and 9 (highlighted).', `loop: says which lines (${said})`);
  await elementShot(s, '.loop-code', `${prefix}-gd-loop`);
  await goToStep(s, stepIndex(g, 'path'));
  await page.waitForSelector('.contour-plot .run-path', { state: 'attached' });
  await elementShot(s, '.step', `${prefix}-gd-path`);
  await goToStep(s, stepIndex(g, 'run'));
  await page.waitForSelector('.step .run-path', { state: 'attached' });
  await elementShot(s, '.step', `${prefix}-gd-run`);
  // Whole-derivation mode: the highlight follows the step picked in the list.
  await page.click('#mode-toggle');
  await page.locator('.step-link').nth(stepIndex(g, 'hessian')).click();
  await page.waitForTimeout(100);
  check((await current()).join() === [...spec.stepLines.hessian].sort((a, b) => a - b).join(), 'loop: whole-derivation mode highlights the current step too');
  await page.locator('.step-link').nth(stepIndex(g, 'path')).click();
  await page.waitForTimeout(100);
  const owner = await page.evaluate(() => [document.querySelectorAll('#run-slider').length, document.querySelectorAll('#run-play').length, document.getElementById('run-slider')?.closest('.step')?.getAttribute('data-index')]);
  check(owner[0] === 1 && owner[1] === 1 && owner[2] === String(stepIndex(g, 'path')), `loop: #run-slider and #run-play stay unique in whole-derivation mode, on the current step (${owner.join(', ')})`);
}

/** Copying the programs: the clipboard when allowed, a selection when refused. */
export async function gdCopy(s: Session): Promise<void> {
  const { page } = s;
  const g = assignmentGd();
  const spec = g.interactive as Extract<NonNullable<typeof g.interactive>, { type: 'loop-code' }>;
  await s.send(showAssignmentGd());
  await page.waitForSelector('.loop-code');
  await page.click('#copy-python');
  await page.waitForFunction(() => document.getElementById('copy-python')?.textContent === 'Copied ✓');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(copied === spec.python, `copy: #copy-python puts the Python program on the clipboard (${copied.length} characters)`);
  check((await text(page, '.copy-status')) === 'Python program copied.', 'copy: says so');
  await elementShot(s, '.loop-actions', 'light-gd-copied');
  await page.waitForTimeout(1800);
  check((await text(page, '#copy-python')) === 'Copy as Python', 'copy: the button reads "Copy as Python" again');
  await page.evaluate(() => (navigator.clipboard.writeText = () => Promise.reject(new DOMException('Denied', 'NotAllowedError'))));
  await page.click('#copy-typescript');
  await page.waitForSelector('.loop-source:not([hidden])');
  const selected = await page.evaluate(() => window.getSelection()?.toString());
  // A <pre> renders no line after its final newline, so a selection of it ends without one.
  check(selected === spec.typescript.trimEnd(), 'copy: when the clipboard is refused, the TypeScript program is selected instead');
  check((await text(page, '.copy-status'))?.includes('Ctrl+C') === true, 'copy: and the student is told how to copy it');
  await elementShot(s, '.loop-code', 'light-gd-copy-refused');
}

/** Batch vs SGD vs mini-batch in one theme: loss per epoch and per gradient, the long noise table, the saddle. */
export async function gdCompareRuns(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  const c = gdCompare();
  await s.send(showGdCompare(stepIndex(c, 'loss-per-epoch')));
  await page.waitForSelector('.step .run-path', { state: 'attached' });
  check((await page.locator('#run-slider').getAttribute('max')) === '51', 'compare: loss per epoch plays over 51 points');
  await elementShot(s, '.step', `${prefix}-gdc-epoch`);
  await goToStep(s, stepIndex(c, 'loss-per-evaluation'));
  await page.waitForSelector('.step .run-path', { state: 'attached' });
  // t = 10 of 1251 is about 72 per-example gradients: less than the N = 200 batch GD spends on its first step.
  await page.locator('#run-slider').fill('10');
  const values = await page.locator('.run-value').allTextContents();
  check(values[0].endsWith(' at 0') && !values[1].endsWith(' at 0'), `compare: at the same work, batch GD has not moved yet (${values.join('; ')})`);
  await elementShot(s, '.step', `${prefix}-gdc-work`);
  await goToStep(s, stepIndex(c, 'noise'));
  await page.waitForSelector('.step .run-path', { state: 'attached' });
  await elementShot(s, '.step', `${prefix}-gdc-noise`);
  await goToStep(s, stepIndex(c, 'saddle'));
  await page.waitForSelector('.contour-plot .run-path', { state: 'attached' });
  const marks = await page.locator('.contour-plot text').allTextContents();
  check(marks.includes('saddle') && (await page.locator('.step .run-path').count()) === 2, 'compare: saddle marked, two paths');
  check(!(await text(page, '.plot-note'))!.includes('logarithmically'), 'compare: linear levels for x² − y²');
  await elementShot(s, '.step', `${prefix}-gdc-saddle`);
}

/** A narrow panel: the contour and the wide table fit, the table scrolls sideways. */
export async function optimNarrow(s: Session): Promise<void> {
  const { page } = s;
  const r = rosenbrock();
  await s.send(showRosenbrock(stepIndex(r, 'trajectory')));
  await page.waitForSelector('.contour-plot .run-path', { state: 'attached' });
  const [w, room] = await page.$$eval('.contour-plot, .step', (els) => els.map((e) => e.getBoundingClientRect().width));
  check(w <= room + 0.5, `narrow: the contour fits (${w.toFixed(0)} of ${room.toFixed(0)} px)`);
  await fullShot(s, 'light-narrow-optim-contour');
  // The step list is folded away in a narrow panel.
  await s.send(showRosenbrock(stepIndex(r, 'trace')));
  await page.waitForSelector('.table-scroll');
  const scrolls = await page.locator('.table-scroll').first().evaluate((el) => el.scrollWidth > el.clientWidth);
  check(scrolls, 'narrow: the trace table scrolls sideways');
  await fullShot(s, 'light-narrow-optim-trace');
}
