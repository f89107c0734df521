import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceSchema } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { keyState, normaliseCryptoKey } from './normalise-crypto-key.ts';

const fixture = loadSimRecords(import.meta.url);

describe('Cloud KMS crypto key normaliser on simulator records', () => {
  it('rotation from the rotation period; location as region', () => {
    for (const { project, nativeId, checks, record } of fixture['cryptoKeys']!) {
      const r = normaliseCryptoKey(record, project);
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, nativeId);
      assert.equal(r.attributes['rotationEnabled'], !checks.includes('security.key.no-rotation'));
      assert.equal(r.state, 'available');
      assert.equal(r.region, nativeId.split('/')[6]);
    }
    const rotating = normaliseCryptoKey(
      fixture['cryptoKeys']![1]!.record,
      fixture['cryptoKeys']![1]!.project,
    );
    assert.ok(Number(rotating.attributes['rotationPeriodDays']) >= 30);
    assert.equal(keyState('DISABLED', true), 'stopped');
    assert.equal(keyState(undefined, false), 'available');
  });
});
