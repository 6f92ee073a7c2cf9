/**
 * The manifest's trust declarations stay honest as settings are added: every
 * restricted setting exists, and every setting that sizes work (a limit a
 * hostile workspace could raise to exhaust memory or CPU) is restricted.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const settings: Record<string, { type: string; description?: string }> = manifest.contributes.configuration.properties;

describe('security: workspace trust and virtual workspaces in package.json', () => {
  it('declares limited support for untrusted workspaces, with a reason and restricted size limits', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.description.length > 40, 'a reason is given');
    for (const key of untrusted.restrictedConfigurations) assert.ok(settings[key], `${key} is restricted but not a setting`);
    const sizing = Object.entries(settings).filter(([key, s]) => s.type === 'integer' && /max|components/i.test(key)).map(([key]) => key);
    assert.ok(sizing.length >= 4);
    for (const key of sizing) assert.ok(untrusted.restrictedConfigurations.includes(key), `${key} sizes work but is not restricted`);
  });

  it('declares virtual workspace support with a reason', () => {
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, true);
    assert.ok(manifest.capabilities.virtualWorkspaces.description.length > 20);
  });

  it('the extension code never reads the disk directly (the claim virtual workspaces rest on)', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'src', 'extension');
    // platform/node.ts is the one exception: it starts the worker thread from the extension's own
    // folder by path (the desktop build only; the web build reads the script through workspace.fs).
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && f !== path.join('platform', 'node.ts'));
    assert.ok(files.length > 10);
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(text, /from 'node:fs'|from 'fs'|require\('fs'\)|\.fsPath\b|child_process/, file);
    }
  });
});
