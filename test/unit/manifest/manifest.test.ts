// The manifest is code too: every command, setting and walkthrough step checked
// against package.nls.json, the l10n bundle and the sources that must honour them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls: Record<string, string> = JSON.parse(read('package.nls.json'));
const c = pkg.contributes;

/** Every .ts file under `dir`, with its text. */
function sources(dir: string): Array<{ file: string; text: string }> {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: path.join(dir, f), text: read(path.join(dir, f)) }));
}
const extensionSources = sources('src/extension');
const allSource = sources('src').map((s) => s.text).join('\n');

/** Every "%key%" string anywhere in the manifest. */
function nlsKeys(x: unknown, found: string[] = []): string[] {
  if (typeof x === 'string') {
    const m = /^%(.+)%$/.exec(x);
    if (m) found.push(m[1]);
  } else if (Array.isArray(x)) x.forEach((v) => nlsKeys(v, found));
  else if (x && typeof x === 'object') Object.values(x).forEach((v) => nlsKeys(v, found));
  return found;
}
const resolve = (s: string) => (/^%(.+)%$/.test(s) ? nls[s.slice(1, -1)] : s);

/** The literal first arguments of vscode.l10n.t(...) in the extension layer. */
function l10nLiterals(): Array<{ file: string; text: string }> {
  const found: Array<{ file: string; text: string }> = [];
  for (const { file, text } of extensionSources) {
    for (const m of text.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      assert.notEqual(m[1], '`', `${file}: l10n.t takes a plain string with {0} placeholders, not a template literal`);
      found.push({ file, text: m[2].replace(/\\(.)/g, '$1') });
    }
  }
  return found;
}

describe('manifest: commands', () => {
  const ids: string[] = c.commands.map((x: { command: string }) => x.command);
  const palette = new Map<string, string>(c.menus.commandPalette.map((e: { command: string; when: string }) => [e.command, e.when]));

  it('puts every command in category MDL with a localised title', () => {
    assert.ok(ids.length >= 12);
    for (const cmd of c.commands) {
      assert.equal(cmd.category, '%category%', cmd.command);
      assert.equal(nls.category, 'MDL');
      assert.match(cmd.title, /^%command\.[\w.]+%$/, cmd.command);
      assert.ok(resolve(cmd.title), `${cmd.command}: ${cmd.title} is missing from package.nls.json`);
    }
  });

  it('gives every command exactly one commandPalette entry with a when clause', () => {
    for (const id of ids) assert.ok(palette.get(id)?.trim(), `${id} has no commandPalette when clause`);
    assert.equal(palette.size, c.menus.commandPalette.length, 'a command is listed twice');
    for (const id of palette.keys()) assert.ok(ids.includes(id), `commandPalette lists ${id}, which is not contributed`);
  });

  it('never requires a selection for SVD/PCA in the palette (the cursor inside a matrix is enough)', () => {
    for (const id of ['mdlSteps.decomposeSvd', 'mdlSteps.reducePca']) assert.doesNotMatch(palette.get(id)!, /HasSelection/, id);
  });

  it('shows the editor context-menu entries only with a selection', () => {
    const entries = c.menus['editor/context'];
    assert.ok(entries.some((e: { command: string }) => e.command === 'mdlSteps.decomposeSvd'));
    for (const e of entries) assert.match(e.when, /\beditorHasSelection\b/, e.command);
  });

  it('offers "Compress image with SVD" in the explorer on PNG and JPEG files only', () => {
    const entry = c.menus['explorer/context'].find((e: { command: string }) => e.command === 'mdlSteps.compressImage');
    assert.ok(entry, 'no explorer/context entry');
    const m = /^resourceExtname =~ \/(.+)\/(\w*)$/.exec(entry.when);
    assert.ok(m, entry.when);
    const re = new RegExp(m[1].replace(/\\\\/g, '\\'), m[2]);
    for (const ext of ['.png', '.jpg', '.jpeg', '.PNG', '.JPG']) assert.match(ext, re, ext);
    for (const ext of ['.gif', '.svg', '.json', '.pngx', '']) assert.doesNotMatch(ext, re, ext);
  });

  it('gives a codicon to every command shown in a title bar', () => {
    const titled = new Set(c.menus['editor/title'].map((e: { command: string }) => e.command));
    assert.ok(titled.has('mdlSteps.nextStep') && titled.has('mdlSteps.exportMarkdown'));
    for (const cmd of c.commands) if (titled.has(cmd.command)) assert.match(cmd.icon ?? '', /^\$\([\w-]+\)$/, cmd.command);
  });

  it('binds alt+] / alt+[ to next/previous step while the panel has focus', () => {
    const key = (id: string) => c.keybindings.find((k: { command: string }) => k.command === id);
    assert.deepEqual([key('mdlSteps.nextStep').key, key('mdlSteps.nextStep').when], ['alt+]', 'mdlSteps.panelFocused']);
    assert.deepEqual([key('mdlSteps.previousStep').key, key('mdlSteps.previousStep').when], ['alt+[', 'mdlSteps.panelFocused']);
  });

  it('sets every mdlSteps.* context key that a when clause or completion event reads', () => {
    const used = new Set(JSON.stringify(c).match(/\bmdlSteps\.(?:panelActive|panelFocused|hoverShown|[a-z]+(?:Focused|Active|Shown))\b/g));
    assert.ok(used.size >= 3, [...used].join());
    for (const key of used) assert.match(allSource, new RegExp(`'setContext', '${key.replace('.', '\\.')}'`), `${key} is never set`);
  });
});

describe('manifest: package.nls.json', () => {
  const used = nlsKeys(pkg);

  it('has every %key% the manifest uses', () => {
    assert.ok(used.length > 40);
    for (const k of used) assert.ok(typeof nls[k] === 'string' && nls[k].length > 0, `%${k}% is not in package.nls.json`);
  });

  it('has no key the manifest does not use', () => {
    for (const k of Object.keys(nls)) assert.ok(used.includes(k), `package.nls.json has unused key ${k}`);
  });

  it('localises the user-visible manifest strings (titles, settings, walkthrough, names)', () => {
    for (const s of [pkg.displayName, pkg.description, c.configuration.title]) assert.match(s, /^%.+%$/);
    for (const p of Object.values<Record<string, unknown>>(c.configuration.properties)) {
      assert.equal(p.description, undefined, 'use markdownDescription');
      assert.match(String(p.markdownDescription), /^%.+%$/);
      for (const d of (p.enumDescriptions as string[] | undefined) ?? []) assert.match(d, /^%.+%$/);
    }
    for (const w of c.walkthroughs) {
      for (const s of [w.title, w.description, ...w.steps.flatMap((st: { title: string; description: string; media: { altText: string } }) => [st.title, st.description, st.media.altText])]) {
        assert.match(s, /^%.+%$/);
      }
    }
  });
});

describe('manifest: settings', () => {
  const props = Object.entries<Record<string, unknown>>(c.configuration.properties);
  const required = ['precision', 'exactForms', 'pca.covarianceDenominator', 'codeLens.enabled', 'hovers.enabled', 'reusePanel', 'maxEntries', 'pca.maxEntries', 'image.maxSide'];

  it('documents precision, exact forms, the covariance denominator, CodeLens, hovers, panel reuse and the size limits', () => {
    for (const s of required) assert.ok(c.configuration.properties[`mdlSteps.${s}`], s);
  });

  it('reads every setting somewhere in src/extension', () => {
    const text = extensionSources.map((s) => s.text).join('\n');
    for (const [name] of props) {
      const short = name.replace(/^mdlSteps\./, '');
      assert.ok(text.includes(`'${short}'`) || text.includes(`'${name}'`), `${name} is never read`);
    }
  });

  it('orders the settings without gaps or repeats', () => {
    const orders = props.map(([, p]) => p.order as number).sort((a, b) => a - b);
    assert.deepEqual(orders, props.map((_, i) => i + 1));
  });
});

describe('manifest: walkthrough', () => {
  const [w] = c.walkthroughs;
  const commandIds = new Set(c.commands.map((x: { command: string }) => x.command));

  it('walks through examples, a decomposition, a hover and Adam', () => {
    assert.deepEqual(
      w.steps.map((s: { id: string }) => s.id),
      ['openExample', 'decompose', 'hover', 'adam'],
    );
  });

  it('has small media that exist, and completion events that can fire', () => {
    for (const step of w.steps) {
      const media = path.join(root, step.media.image);
      assert.ok(fs.existsSync(media), `${step.id}: ${step.media.image} is missing`);
      assert.ok(fs.statSync(media).size < 150 * 1024, `${step.media.image} is over 150 KB`);
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const e of step.completionEvents) {
        assert.match(e, /^(onCommand|onContext|onView|onLink|onSettingChanged):\S+$/, e);
        if (e.startsWith('onCommand:')) assert.ok(commandIds.has(e.slice('onCommand:'.length)), `${e}: no such command`);
      }
    }
  });

  it('links only to contributed commands', () => {
    const links = w.steps.flatMap((s: { description: string }) => [...resolve(s.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]));
    assert.ok(links.length >= 3);
    for (const id of links) assert.ok(commandIds.has(id), id);
  });
});

describe('manifest: localisation of the extension layer', () => {
  const bundle: Record<string, string> = JSON.parse(read('l10n/bundle.l10n.json'));
  const literals = l10nLiterals();

  it('points VS Code at the l10n bundle', () => {
    assert.equal(pkg.l10n, './l10n');
  });

  it('has every vscode.l10n.t string in l10n/bundle.l10n.json (run `npm run l10n` after adding one)', () => {
    assert.ok(literals.length > 50, `${literals.length}`);
    for (const { file, text } of literals) assert.ok(text in bundle, `${file}: "${text}" is not in the bundle`);
  });

  it('has no stale bundle entries', () => {
    const texts = new Set(literals.map((l) => l.text));
    for (const k of Object.keys(bundle)) assert.ok(texts.has(k), `bundle entry "${k}" is no longer used`);
  });

  it('passes every message, quick pick, input box and progress title through vscode.l10n.t', () => {
    const calls = /\b(show(?:Error|Information|Warning)Message|setStatusBarMessage|showQuickPick|showInputBox|showOpenDialog)\(\s*([^,\n]*)/g;
    const labels = /\b(title|placeHolder|prompt|tooltip):\s*(['"`])/g;
    for (const { file, text } of extensionSources) {
      for (const m of text.matchAll(calls)) {
        if (m[1] === 'showQuickPick' || m[1] === 'showInputBox' || m[1] === 'showOpenDialog') continue; // checked through their option labels below
        // notificationText(…) only makes a localised text inert (no command links): the text inside must still be l10n.t.
        assert.match(m[2], /^(notificationText\()?vscode\.l10n\.t\(/, `${file}: ${m[0]}`);
      }
      for (const m of text.matchAll(labels)) assert.fail(`${file}: "${m[0]}" is a bare string; wrap it in vscode.l10n.t`);
      // Progress titles: the second argument of compute.run(...) must be localised too.
      for (const m of text.matchAll(/\.run\(\{[^\n]*\},\s*(['"`])/g)) assert.fail(`${file}: bare progress title in ${m[0]}`);
    }
  });
});

describe('manifest: Marketplace metadata', () => {
  it('has an icon: a 256×256 PNG', () => {
    const png = fs.readFileSync(path.join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [256, 256]);
  });

  it('has a banner, repository, homepage, bugs, categories and at most 30 keywords', () => {
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    assert.deepEqual(pkg.repository, { type: 'git', url: 'https://github.com/mdl-steps/mdl-steps' });
    assert.match(pkg.homepage, /^https:\/\/github\.com\/mdl-steps\/mdl-steps/);
    assert.match(pkg.bugs.url, /^https:\/\/github\.com\/mdl-steps\/mdl-steps\/issues/);
    assert.deepEqual(pkg.categories, ['Education', 'Visualization', 'Data Science']);
    assert.ok(pkg.keywords.length > 5 && pkg.keywords.length <= 30, `${pkg.keywords.length} keywords`);
    assert.equal(new Set(pkg.keywords).size, pkg.keywords.length, 'a keyword is repeated');
    assert.doesNotMatch(pkg.scripts.package, /allow-missing-repository/);
  });

  it('has a Keep a Changelog entry for the current version', () => {
    const log = read('CHANGELOG.md');
    assert.match(log, /keepachangelog\.com/);
    assert.match(log, new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
  });

  it('ships package.nls.json, the l10n bundle, the examples and the walkthrough media', () => {
    const ignore = read('.vscodeignore');
    for (const p of ['!package.nls*.json', '!l10n/**', '!examples/**', '!media/icon.png', '!media/walkthrough/**']) assert.ok(ignore.split('\n').includes(p), p);
  });
});
