import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalSafe } from './terminal-text.ts';

describe('terminalSafe', () => {
  it('shows what a terminal would act on as escapes, and leaves other text alone', () => {
    assert.equal(terminalSafe('web\u001b[31m\nFAKE\r\t\u0007'), 'web\\x1b[31m\\nFAKE\\r\\t\\x07');
    assert.equal(terminalSafe('a\u009bb\u007f'), 'a\\x9bb\\x7f');
    assert.equal(terminalSafe('\u202eevil\u2066'), '\\u202eevil\\u2066');
    assert.equal(terminalSafe('café 日本語 🚀 $(id) `x` "q"'), 'café 日本語 🚀 $(id) `x` "q"');
  });
});
