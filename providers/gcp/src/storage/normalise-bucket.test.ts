import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BucketMetadata } from '@google-cloud/storage';
import { deriveEnvironment, ResourceSchema } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseBucket } from './normalise-bucket.ts';

const fixture = loadSimRecords(import.meta.url);

describe('Cloud Storage bucket normaliser on simulator records', () => {
  it('public from the IAM policy, versioning from metadata, always encrypted', () => {
    for (const { project, nativeId, checks, record, publicMembers } of fixture['buckets']!) {
      const r = normaliseBucket(record as BucketMetadata, project, publicMembers ?? []);
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, nativeId);
      assert.equal(r.attributes['public'], checks.includes('storage.bucket.public'), nativeId);
      assert.equal(r.attributes['versioning'], !checks.includes('storage.bucket.no-versioning'), nativeId);
      assert.equal(r.attributes['encrypted'], true);
      assert.equal(r.environment, deriveEnvironment(r.tags, r.name));
      assert.equal(r.region, String((record as BucketMetadata).location).toLowerCase());
    }
  });

  it('public access prevention makes allUsers grants ineffective', () => {
    const { project, record } = fixture['buckets']!.find((e) => e.publicMembers?.length)!;
    const enforced = {
      ...(record as BucketMetadata),
      iamConfiguration: { publicAccessPrevention: 'enforced' },
    };
    const r = normaliseBucket(enforced, project, ['allUsers']);
    assert.equal(r.attributes['public'], false);
    assert.deepEqual(r.attributes['publicMembers'], ['allUsers']);
  });

  it('a customer-managed key is related', () => {
    const { project, record } = fixture['buckets']!.find((e) => (e.record as BucketMetadata).encryption)!;
    const r = normaliseBucket(record as BucketMetadata, project, []);
    assert.equal(r.attributes['encryption'], 'customer-managed');
    assert.ok(
      r.relationships.some(
        (x) => x.kind === 'uses-key' && x.targetId.startsWith('//cloudkms.googleapis.com/projects/'),
      ),
    );
  });
});
