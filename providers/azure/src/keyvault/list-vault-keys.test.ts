import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summariseKeys } from './list-vault-keys.ts';

describe('key vault rotation', () => {
  it('counts keys without a rotate action (notify-only policies do not rotate)', () => {
    const rotate = {
      rotationPolicy: { lifetimeActions: [{ action: { type: 'Rotate' } }, { action: { type: 'Notify' } }] },
    };
    const notify = { rotationPolicy: { lifetimeActions: [{ action: { type: 'notify' } }] } };
    assert.deepEqual(summariseKeys([rotate, notify, {}]), { keyCount: 3, keysWithoutRotation: 2 });
    assert.deepEqual(summariseKeys([]), { keyCount: 0, keysWithoutRotation: 0 });
  });
});
