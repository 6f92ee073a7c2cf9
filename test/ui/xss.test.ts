// Hostile text in the real workbench: HTML, JavaScript-URL, template and TeX payloads
// (test/fixtures/xss/payloads.json) in problem titles and ids, PCA feature names,
// objective and derivative expressions and matrix cells. Every payload that ran would
// open an alert() and set window.__pwned and document.title = 'PWNED'; the test listens
// for dialogs, checks the sentinel in every frame after each step, looks for injected
// elements or handlers in the webview, and checks that the literal payload text is shown
// where it belongs. Screenshots: test-results/ui-xss/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openFile, repoRoot, runPaletteCommand, useWorkbench, webviewFrame } from '../harness';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'xss');
const PAYLOADS: { html: string[]; tex: string[] } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'payloads.json'), 'utf8'));
const IMG = PAYLOADS.html[0];
const SVG_ONLOAD = PAYLOADS.html[3];
const HREF = PAYLOADS.tex[0];
/** The text area of the focused editor group (a panel may sit in another group). */
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor .view-lines';

/** Everything a payload could have done, read from one frame (a string, so no compiled helpers are needed in the page). */
const SENTINEL = `({ pwned: window.__pwned === undefined ? null : String(window.__pwned), title: document.title })`;

/** Injected markup in a page we render: handlers, script URLs, elements our renderer never makes. */
const INJECTED = `(() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) found.push(el.localName + '[' + a.name + ']');
      if (/href$|^src$|^action$/i.test(a.name) && /^\\s*(javascript|data:text\\/html)/i.test(a.value)) found.push(el.localName + '[' + a.name + '=' + a.value + ']');
    }
  }
  for (const el of document.querySelectorAll('img, iframe, object, embed, foreignObject, a, base, form')) found.push(el.localName);
  for (const s of document.querySelectorAll('script')) {
    // VS Code injects one inline script of its own (it defines acquireVsCodeApi); every other script must be our nonce'd bundle.
    if (!s.src && /acquireVsCodeApi/.test(s.textContent)) continue;
    if (!s.src.endsWith('/main.js') || !s.nonce) found.push('script ' + (s.src || s.textContent.slice(0, 80)));
  }
  return found;
})()`;

describe('UI: hostile text is shown, never run', function () {
  const ui = useWorkbench('ui-xss', 'assignment.mdl.json');
  const dialogs: string[] = [];
  let checks = 0;

  before(async () => {
    // The suite opened a fresh copy of examples/; put the fixtures beside them.
    const folder = new URL(ui.page.url()).searchParams.get('folder');
    assert.ok(folder && fs.existsSync(folder), `workspace folder ${folder}`);
    for (const f of ['xss.mdl.json', 'pca-names.tsv', 'matrix-cell.txt', 'matrix-link.txt']) fs.copyFileSync(path.join(FIXTURES, f), path.join(folder, f));
    ui.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
  });

  /** No dialog so far, and no frame carries the sentinel. */
  async function assertNothingRan(where: string): Promise<void> {
    await ui.page.waitForTimeout(500); // an onerror/onload fires within a frame or two of insertion
    assert.deepStrictEqual(dialogs, [], `${where}: a payload opened a dialog`);
    let frames = 0;
    for (const frame of ui.page.frames()) {
      const seen = (await frame.evaluate(SENTINEL).catch(() => undefined)) as { pwned: string | null; title: string } | undefined;
      if (!seen) continue;
      frames++;
      assert.strictEqual(seen.pwned, null, `${where}: window.__pwned set in ${frame.url()}`);
      assert.notStrictEqual(seen.title, 'PWNED', `${where}: document.title set in ${frame.url()}`);
    }
    assert.ok(frames >= 1, 'no frame could be checked');
    checks++;
  }

  /** The frame that holds our renderer (it has #app). */
  async function panelFrame(page: Page): Promise<Frame> {
    for (let i = 0; i < 100; i++) {
      for (const frame of page.frames()) {
        if (await frame.evaluate(`!!document.getElementById('app') && document.body.dataset.ready === 'true'`).catch(() => false)) return frame;
      }
      await page.waitForTimeout(300);
    }
    throw new Error('no ready MDL Steps webview');
  }

  /** A notification containing `text`, from the toasts or, if none is showing, the notification centre. */
  async function notification(text: string) {
    const item = ui.page.locator('.notification-list-item', { hasText: text }).first();
    try {
      await item.waitFor({ timeout: 15_000 });
    } catch {
      await runPaletteCommand(ui.page, 'Notifications: Show Notifications');
      await item.waitFor({ timeout: 30_000 });
    }
    return item;
  }

  async function assertInertPanel(where: string): Promise<string> {
    const frame = await panelFrame(ui.page);
    const injected = (await frame.evaluate(INJECTED)) as string[];
    assert.deepStrictEqual(injected, [], `${where}: injected markup in the webview`);
    await assertNothingRan(where);
    return (await frame.evaluate('document.body.textContent')) as string;
  }

  it('diagnostics of a hostile .mdl.json quote the payloads as text (Problems panel and F8 widget)', async () => {
    await openFile(ui.page, 'xss.mdl.json');
    await ui.page.keyboard.press('Control+Shift+M');
    const markers = ui.page.locator('.markers-panel');
    await markers.locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
    // The list is virtualised: filter it down to the matrix-cell messages.
    const filter = ui.page.locator('.part.panel').getByPlaceholder(/^Filter \(e\.g\./).first();
    const row = markers.locator('.monaco-list-row', { hasText: 'is not a number' }).first();
    for (let attempt = 0; ; attempt++) {
      await filter.click();
      await filter.fill('is not a number');
      try {
        await row.waitFor({ timeout: 15_000 });
        break;
      } catch (e) {
        if (attempt === 2) throw e;
      }
    }
    await ui.shot('01-problems-panel');
    const text = await markers.innerText();
    assert.ok(text.includes('`\\unicode{x41}` is not a number'), 'a TeX payload in a cell is quoted literally');
    assert.ok(text.includes('`\\href{javascript:window.__pwned=1;docum'), 'a javascript: payload is quoted literally, not linked');
    assert.strictEqual(await markers.locator('a[href^="javascript"], a[href^="command"], img').count(), 0);
    await assertNothingRan('Problems panel');
    await filter.fill('');

    // The inline marker widget (F8) on the first problem with an error.
    await ui.page.locator(ACTIVE_EDITOR).click();
    await ui.page.keyboard.press('Control+Home');
    await ui.page.keyboard.press('F8');
    const widget = ui.page.locator('.marker-widget').first();
    await widget.waitFor({ timeout: 30_000 });
    await ui.shot('02-marker-widget');
    assert.strictEqual(await widget.locator('a[href^="javascript"], img').count(), 0);
    await ui.page.keyboard.press('Escape');
    await assertNothingRan('marker widget');
  });

  it('a problem whose feature names are payloads: the panel shows them as text, in tables and typeset maths', async () => {
    await ui.page.keyboard.press('Control+J'); // hide the bottom panel
    await ui.page.locator(ACTIVE_EDITOR).click();
    await ui.page.keyboard.press('Control+Home'); // CodeLens are drawn only for the lines in view
    const lens = ui.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Reduce (PCA)' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    const ready = webviewFrame(ui.page).locator('body[data-ready="true"]');
    // A lens drawn before the extension finished registering its commands can miss; click again once.
    await ready.waitFor({ timeout: 30_000 }).catch(async () => {
      await lens.click();
      await ready.waitFor({ timeout: 60_000 });
    });
    await webviewFrame(ui.page).locator('#mode-toggle').click(); // every step on the page: every table and formula rendered
    await ui.page.waitForTimeout(1500);
    await ui.shot('03-pca-problem-panel');
    const text = await assertInertPanel('PCA problem panel');
    assert.ok(text.includes(IMG) || text.includes(SVG_ONLOAD), 'a feature name appears literally');
  });

  it('CodeLens on problems whose titles are payloads open inert panels', async () => {
    await openFile(ui.page, 'xss.mdl.json');
    // The file may open in either editor group: click the one that shows it.
    await ui.page.locator('.monaco-editor .view-lines', { hasText: '"problems"' }).first().click();
    await ui.page.keyboard.press('Control+Home');
    const lens = ui.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Step through' }).nth(3);
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await ui.page.waitForTimeout(3000); // the panel is reused: give the new derivation time to replace the old one
    await webviewFrame(ui.page).locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await ui.shot('04-titled-problem-panel');
    await assertInertPanel('titled problem panel');
  });

  it('"Reduce dimensions (PCA)" on a table whose feature names are payloads', async () => {
    await openFile(ui.page, 'pca-names.tsv');
    await ui.page.locator(ACTIVE_EDITOR).click();
    await ui.page.keyboard.press('Control+A');
    await runPaletteCommand(ui.page, 'Reduce dimensions (PCA)');
    // Three features: the command asks how many components to keep.
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'how many components' }).waitFor({ timeout: 60_000 });
    await ui.page.keyboard.press('Enter');
    const frame = webviewFrame(ui.page);
    await frame.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await frame.locator('#mode-toggle').click();
    await ui.page.waitForTimeout(1500);
    await ui.shot('05-pca-selection-panel');
    const text = await assertInertPanel('PCA selection panel');
    for (const name of [IMG, SVG_ONLOAD, HREF]) assert.ok(text.includes(name), `feature name shown literally: ${name}`);
  });

  it('the webview drops malformed host messages (logged) and shows a hostile error message as text', async () => {
    const warnings: string[] = [];
    const onConsole = (m: { type(): string; text(): string }) => {
      if (m.type() === 'warning') warnings.push(m.text());
    };
    ui.page.on('console', onConsole);
    const frame = await panelFrame(ui.page);
    const before = await frame.evaluate(`document.getElementById('steps').textContent`);
    // Malformed: wrong field type, extra markup field, unknown type, a derivation with a non-string step.
    for (const bad of [
      `{ type: 'error', message: 5 }`,
      `{ type: 'html', html: ${JSON.stringify(IMG)} }`,
      `{ type: 'show', input: { kind: 'svd', text: '1' }, derivation: { kind: 'svd', title: 'x', steps: [{ id: 1 }], warnings: [] }, view: { step: 0, mode: 'step' }, precision: 4 }`,
    ]) {
      await frame.evaluate(`window.postMessage(${bad}, '*')`);
    }
    await ui.page.waitForTimeout(500);
    assert.strictEqual(await frame.evaluate(`document.getElementById('steps').textContent`), before, 'a malformed message changed the page');
    assert.ok(warnings.filter((w) => /not in the protocol/.test(w)).length >= 3, `each rejection is logged: ${JSON.stringify(warnings)}`);
    ui.page.off('console', onConsole);
    // Well-formed, with a payload as the message: drawn as text.
    await frame.evaluate(`window.postMessage({ type: 'error', message: ${JSON.stringify(IMG)} }, '*')`);
    await ui.page.waitForTimeout(500);
    await ui.shot('06-error-message-in-panel');
    const text = await assertInertPanel('error message in the panel');
    assert.ok(text.includes(IMG), 'the error message is shown literally');
  });

  it('a matrix cell that is a payload fails with a message that shows the cell as text', async () => {
    await openFile(ui.page, 'matrix-cell.txt');
    await ui.page.locator(ACTIVE_EDITOR).click();
    await ui.page.keyboard.press('Control+A');
    await runPaletteCommand(ui.page, 'Decompose selection (SVD)');
    const toast = await notification('onerror');
    await ui.shot('07-matrix-cell-error');
    const message = await toast.locator('.notification-list-item-message').innerText();
    assert.ok(message.includes('<img/src/onerror=alert(1)>'), `the cell is quoted literally: ${message}`);
    assert.strictEqual(await toast.locator('.notification-list-item-message a, .notification-list-item-message img').count(), 0);
    await assertNothingRan('matrix cell notification');
  });

  it('a cell written as a command link is quoted as text, not turned into a clickable link', async () => {
    // Notification messages turn [label](command:…) into links that run the command; the message quotes the cell.
    await ui.page.keyboard.press('Escape');
    await openFile(ui.page, 'matrix-link.txt');
    await ui.page.locator(ACTIVE_EDITOR).click();
    await ui.page.keyboard.press('Control+A');
    await runPaletteCommand(ui.page, 'Decompose selection (SVD)');
    const toast = await notification('command:editor');
    await ui.shot('08-command-link-cell');
    const message = await toast.locator('.notification-list-item-message').innerText();
    assert.ok(message.replace(/\u200b/g, '').includes('[x](command:editor.action.selectAll)'), `the cell is quoted literally: ${message}`);
    assert.strictEqual(await toast.locator('.notification-list-item-message a').count(), 0, 'the quoted cell became a link');
    await assertNothingRan('command-link notification');
  });

  it('a derivative expression that is a payload fails cleanly', async () => {
    await runPaletteCommand(ui.page, 'Differentiate an activation');
    const input = ui.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(SVG_ONLOAD);
    await ui.page.keyboard.press('Enter');
    await notification('').catch(() => undefined);
    await ui.shot('09-derivative-error');
    assert.strictEqual(await ui.page.locator('.notification-list-item img, .notification-list-item a[href^="javascript"]').count(), 0);
    await assertNothingRan('derivative error');
  });

  after(() => {
    const tried = PAYLOADS.html.length + PAYLOADS.tex.length;
    console.log(`      ${tried} payloads, ${checks} checks of every frame, ${dialogs.length} executed`);
  });
});
