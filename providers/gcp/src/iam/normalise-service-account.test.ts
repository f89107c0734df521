import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceSchema } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseServiceAccount } from './normalise-service-account.ts';

const fixture = loadSimRecords(import.meta.url);

describe('service account normaliser on simulator records', () => {
  it('named by email, default accounts flagged, disabled ones stopped', () => {
    const [compute, user] = fixture['serviceAccounts']!.map((e) => {
      const r = normaliseServiceAccount(e.record, e.project);
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, e.nativeId);
      return r;
    });
    assert.equal(compute!.attributes['default'], true);
    assert.equal(user!.attributes['default'], false);
    assert.equal(user!.name, user!.attributes['email']);
    const e = fixture['serviceAccounts']![1]!;
    assert.equal(
      normaliseServiceAccount({ ...(e.record as object), disabled: true }, e.project).state,
      'stopped',
    );
  });
});
