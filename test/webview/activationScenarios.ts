/**
 * Preview scenarios for the Activation Explorer (answered by a stand-in host
 * running deriveTopic) and for the loss and derivative topics (Questions 6–9),
 * all on real derivations from the core.
 */
import type { Page } from 'playwright-core';
import type { WebviewMessage } from '../../src/protocol';
import { check, type Session } from './harness';
import { elementShot, waitForStep } from './shots';
import { showTopic } from './topicData';

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const changes = async (s: Session) => (await s.posted()).filter((m): m is Extract<WebviewMessage, { type: 'explorerChange' }> => m.type === 'explorerChange');
const lines = (page: Page) => page.locator('.act-chart g[aria-label="line"]').count();

/** Resolves once the explorer has been redrawn from the host's answer for `name`. */
const answered = (page: Page, name: string) => page.waitForFunction((n) => (document.getElementById('activation-select') as HTMLSelectElement | null)?.value === n && document.querySelector('.act-chart svg'), name);

/** One function, a comparison and a parameter, in one theme. */
export async function activationThemes(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  await s.send(showTopic({ kind: 'activation', name: 'silu' }));
  await page.waitForSelector('.act-chart svg');
  check((await page.inputValue('#activation-select')) === 'silu' && (await page.inputValue('#compare-select')) === 'none', 'explorer: SiLU picked, compare "none"');
  check((await page.isChecked('#show-f')) && (await page.isChecked('#show-df')), 'explorer: f and f′ shown');
  check((await lines(page)) === 2, 'explorer: two curves');
  check((await text(page, '.act-no-params')) === 'SiLU / Swish has no parameters.', `explorer: "${await text(page, '.act-no-params')}"`);
  await elementShot(s, '.activation-explorer', `${prefix}-act-silu`);

  await s.send(showTopic({ kind: 'activation', name: 'silu', compare: 'relu' }));
  await page.waitForFunction(() => document.querySelectorAll('.act-chart g[aria-label="line"]').length === 4);
  check((await page.inputValue('#compare-select')) === 'relu', 'explorer: compare mode shows the compared function');
  const dashed = await page.$$eval('.act-chart g[aria-label="line"]', (gs) => gs.map((g) => g.getAttribute('stroke-dasharray') ?? ''));
  check(dashed.filter(Boolean).length === 2, `explorer: the compared f and f′ are dashed (${dashed.join(' | ')})`);
  check((await page.locator('.act-chart circle').count()) >= 2, 'explorer: ReLU′ jumps at 0 (filled and open dots)');
  await elementShot(s, '.activation-explorer', `${prefix}-act-silu-vs-relu`);

  await s.send(showTopic({ kind: 'activation', name: 'leaky_relu', params: { alpha: 0.2 } }));
  await page.waitForSelector('#param-alpha');
  check((await page.inputValue('#param-alpha')) === '0.2' && (await page.inputValue('.act-number')) === '0.2', 'explorer: α slider and field at 0.2');
  await elementShot(s, '.activation-explorer', `${prefix}-act-leaky`);
}

/** Every control posts explorerChange; the stand-in host answers; the steps follow. */
export async function activationInteraction(s: Session): Promise<void> {
  const { page } = s;
  await s.send(showTopic({ kind: 'activation', name: 'silu' }));
  await page.waitForSelector('.act-chart svg');

  await page.selectOption('#compare-select', 'relu');
  await page.waitForFunction(() => document.querySelectorAll('.act-chart g[aria-label="line"]').length === 4);
  const c1 = (await changes(s)).at(-1);
  check(c1?.name === 'silu' && c1.compare === 'relu' && Object.keys(c1.params).length === 0, `explorer: compare posts ${JSON.stringify(c1)}`);

  const before = (await changes(s)).length;
  await page.uncheck('#show-df');
  check((await lines(page)) === 2 && (await page.locator('.act-chart .plot-legend li, .activation-explorer .plot-legend li').count()) === 2, 'explorer: unticking f′ leaves f and the compared f');
  await page.uncheck('#show-f');
  check((await text(page, '.act-chart .explorer-note')) === 'Tick f or f′ to draw a curve.', 'explorer: nothing ticked says so');
  await page.check('#show-f');
  await page.check('#show-df');
  check((await changes(s)).length === before, 'explorer: the toggles are local (nothing posted)');

  await page.selectOption('#activation-select', 'leaky_relu');
  await page.waitForSelector('#param-alpha');
  const c2 = (await changes(s)).at(-1);
  check(c2?.name === 'leaky_relu' && Object.keys(c2.params).length === 0 && c2.compare === 'relu', `explorer: a new function starts from its defaults (${JSON.stringify(c2)})`);
  await page.waitForTimeout(250);
  check((await text(page, '.step-text'))?.includes('α (negative slope) = 0.01') === true, 'explorer: the steps are redrawn for Leaky ReLU');
  check((await text(page, '.derivation-title')) === 'Activation: Leaky ReLU', 'explorer: and the title');

  // Drag α across the slider at about 60 pointer events a second.
  const sent = (await changes(s)).length;
  const box = (await page.locator('#param-alpha').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 8, y);
  await page.mouse.down();
  const started = Date.now();
  for (let k = 1; k <= 40; k++) {
    await page.mouse.move(box.x + 8 + k * ((box.width * 0.5) / 40), y);
    await page.waitForTimeout(16);
  }
  const duration = Date.now() - started;
  await page.mouse.up();
  await page.waitForTimeout(400);
  const drag = (await changes(s)).slice(sent);
  const rate = ((drag.length - 1) / duration) * 1000;
  check(drag.length >= 3 && rate <= 12, `explorer: a drag posts at most ~10 changes a second (${drag.length} in ${duration} ms ≈ ${rate.toFixed(1)}/s)`);
  const alpha = Number(await page.inputValue('#param-alpha'));
  check(drag.at(-1)?.params.alpha === alpha && alpha > 0.3, `explorer: the last change is where the slider stopped (α = ${alpha})`);
  check((await page.inputValue('.act-number')) === String(alpha), 'explorer: the number field follows the slider');
  check((await text(page, '.step-text'))?.includes(`α (negative slope) = ${alpha}`) === true, 'explorer: the steps follow after the drag');
  check((await text(page, '#step-counter')) === 'Step 1 of 5', 'explorer: the update keeps the step');

  // Keyboard on the slider changes α, not the step.
  await page.focus('#param-alpha');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  check((await changes(s)).at(-1)?.params.alpha === Number((alpha + 0.01).toFixed(2)) && (await text(page, '#step-counter')) === 'Step 1 of 5', 'explorer: → on the slider nudges α by a step');

  // A string parameter: GELU's approximation.
  await page.selectOption('#activation-select', 'gelu');
  await page.waitForSelector('select#param-approximate');
  await page.selectOption('#param-approximate', 'tanh');
  await page.waitForTimeout(150);
  const c3 = (await changes(s)).at(-1);
  check(c3?.name === 'gelu' && c3.params.approximate === 'tanh', `explorer: GELU's approximation is a picker (${JSON.stringify(c3?.params)})`);
  await page.waitForFunction(() => (document.getElementById('param-approximate') as HTMLSelectElement | null)?.value === 'tanh');
  await elementShot(s, '.activation-explorer', 'light-act-gelu-tanh');

  // Parameters the host refuses: the error shows, and goes when fixed.
  await page.selectOption('#activation-select', 'hardtanh');
  await page.waitForSelector('#param-minVal');
  await page.locator('.act-param').first().locator('.act-number').fill('2');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error');
  check((await text(page, '#error'))?.includes('min') === true, `explorer: refused parameters show the host's error (${await text(page, '#error')})`);
  check((await page.locator('.activation-explorer #error').count()) === 1 && (await page.locator('#status').textContent()) === '', 'explorer: …next to the controls, not at the top of the panel');
  await elementShot(s, '.activation-explorer', 'light-act-error');
  await page.locator('.act-param').first().locator('.act-number').fill('-2');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('error'));
  check((await page.inputValue('#param-minVal')) === '-2', 'explorer: a valid value clears the error');
  const sentBefore = (await changes(s)).length;
  await page.locator('.act-param').first().locator('.act-number').fill('');
  await page.keyboard.press('Enter');
  check((await changes(s)).length === sentBefore && (await page.locator('.act-number[aria-invalid]').count()) === 1, 'explorer: an empty field is marked, not sent');
}

/** Questions 6, 8 and 9 in one theme: the plots (a run curve gets a slider) and the tables. */
export async function lossTopics(s: Session, prefix: string): Promise<void> {
  const { page } = s;
  const ce = showTopic({ kind: 'cross-entropy' });
  const ceSteps = ce.type === 'show' ? ce.derivation.steps.map((st) => st.id) : [];
  await s.send(ce);
  await page.waitForSelector('body[data-ready="true"]');
  const go = async (id: string, ids: string[]) => {
    await page.locator('.step-link').nth(ids.indexOf(id)).click();
    await waitForStep(s, ids.indexOf(id) + 1);
  };
  await go('ce-gradient', ceSteps);
  check((await page.locator('.data-table th.num').count()) >= 4, 'losses: numeric columns of the gradient table are right-aligned');
  await elementShot(s, '.step', `${prefix}-ce-gradient`);
  await go('gradient-plot', ceSteps);
  await page.waitForSelector('.step svg.mdl-plot');
  check((await page.locator('#run-slider').count()) === 0, 'losses: |∂L/∂z| against z is not a run (no slider)');
  await elementShot(s, '.step', `${prefix}-ce-gradient-plot`);
  await go('training-loss', ceSteps);
  await page.waitForSelector('.step .run-path');
  check((await page.locator('#run-slider').count()) === 1, 'losses: the training loss gets a step slider');
  await elementShot(s, '.step', `${prefix}-ce-training`);

  const zz = showTopic({ kind: 'sigmoid-zigzag' });
  const zzSteps = zz.type === 'show' ? zz.derivation.steps.map((st) => st.id) : [];
  await s.send(zz);
  await go('simulation', zzSteps);
  await page.waitForSelector('.step svg.mdl-plot');
  check((await page.locator('#run-slider').count()) === 0 && (await page.locator('.step .plot-legend li').count()) === 3, 'zig-zag: the weight path is a plain line chart with its legend');
  await elementShot(s, '.step', `${prefix}-zigzag`);

  const dd = showTopic({ kind: 'derivative', expression: 'x * sigmoid(x)' });
  const ddSteps = dd.type === 'show' ? dd.derivation.steps.map((st) => st.id) : [];
  await s.send(dd);
  await go('plot', ddSteps);
  await page.waitForSelector('.step svg.mdl-plot');
  await elementShot(s, '.step', `${prefix}-derivative-plot`);
  await go('cost', ddSteps);
  await elementShot(s, '.step', `${prefix}-derivative-cost`);
}
