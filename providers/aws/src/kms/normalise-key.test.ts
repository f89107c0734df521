import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseKey } from './normalise-key.ts';

const records = loadSimRecords();
const scope = { account: records.account, region: 'us-east-1' };
const { metadata, entry } = records['us-east-1'].keys[0]!;

describe('normaliseKey', () => {
  it('names an AWS-managed key by its alias and counts it as rotating', () => {
    const r = normaliseKey(
      { arn: entry.KeyArn!, keyId: entry.KeyId!, metadata, aliases: ['alias/aws/ebs'], tags: {} },
      scope,
    );
    assert.equal(r.name, 'aws/ebs');
    assert.equal(r.state, 'available');
    assert.deepEqual([r.attributes.customerManaged, r.attributes.rotationEnabled], [false, true]);
  });

  it('reports a customer key’s rotation as read, and its lifecycle states', () => {
    const customer = { ...metadata, KeyManager: 'CUSTOMER' as const };
    const key = (rotationEnabled: boolean | undefined, KeyState = 'Enabled') =>
      normaliseKey(
        {
          arn: entry.KeyArn!,
          keyId: entry.KeyId!,
          metadata: { ...customer, KeyState: KeyState as never },
          aliases: [],
          rotationEnabled,
          tags: { env: 'prd' },
        },
        scope,
      );
    assert.equal(key(false).attributes.rotationEnabled, false);
    assert.equal(key(false).name, entry.KeyId);
    assert.equal(key(false).environment, 'prod');
    assert.equal(key(undefined, 'PendingDeletion').state, 'deleting');
    assert.equal(key(undefined, 'Disabled').state, 'stopped');
  });

  it('still lists a key whose details it may not read', () => {
    const r = normaliseKey({ arn: entry.KeyArn!, keyId: entry.KeyId!, aliases: [], tags: {} }, scope);
    assert.equal(r.state, 'unknown');
    assert.equal(r.type, 'security.key');
  });
});
