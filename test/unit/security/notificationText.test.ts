import * as assert from 'node:assert/strict';
import { notificationText } from '../../../src/extension/notificationText';

/** VS Code's link syntax for notification messages (vs/base/common/linkedText.ts). */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('security: notification text', () => {
  it('quoted text can no longer form a link, and reads the same', () => {
    for (const hostile of [
      '`[x](command:git.clone)` is not a number (row 1, column 2)',
      'could not read [a](file:///etc/passwd).png',
      '[Click](https://evil.example "title") here',
      '[run] (command:workbench.action.terminal.new)',
      'nested [[x](command:a)](command:b)',
    ]) {
      assert.match(hostile, /\]\s*\(/);
      const safe = notificationText(hostile);
      assert.equal(safe.match(LINK), null, safe);
      assert.equal(safe.replace(/\u200b/g, ''), hostile, 'only invisible characters were added');
    }
    assert.equal(notificationText('line 1, column 6: [1, 2]'), 'line 1, column 6: [1, 2]');
  });
});
