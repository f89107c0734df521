import type { BucketMetadata } from '@google-cloud/storage';
import type { Resource } from '@escher/protocol';
import { isoTime, kmsKeyId, labelsOf } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

/**
 * A Cloud Storage bucket (global name, located in a region or multi-region: `region` is the
 * location lower-cased, e.g. `us-central1` or `us`). `public` is true when its IAM policy grants
 * `allUsers` / `allAuthenticatedUsers` and public access prevention is not enforced (enforcement
 * makes such grants ineffective). Cloud Storage always encrypts: `encrypted` is true and
 * `encryption` says whose key.
 */
export function normaliseBucket(
  record: BucketMetadata,
  project: string,
  publicMembers: readonly string[],
): Resource {
  const prevention = record.iamConfiguration?.publicAccessPrevention ?? 'inherited';
  const kmsKey = kmsKeyId(record.encryption?.defaultKmsKeyName);
  const retention = record.retentionPolicy?.retentionPeriod;
  return gcpResource({
    nativeId: `//storage.googleapis.com/projects/_/buckets/${record.name}`,
    account: project,
    region: (record.location ?? 'global').toLowerCase(),
    type: 'storage.bucket',
    nativeType: 'storage.googleapis.com/Bucket',
    name: record.name ?? '',
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.timeCreated),
    attributes: {
      location: record.location,
      locationType: record.locationType,
      storageClass: record.storageClass,
      versioning: record.versioning?.enabled === true,
      public: publicMembers.length > 0 && prevention !== 'enforced',
      publicMembers: publicMembers.length ? [...publicMembers] : undefined,
      publicAccessPrevention: prevention,
      uniformAccess: record.iamConfiguration?.uniformBucketLevelAccess?.enabled ?? false,
      encrypted: true,
      encryption: kmsKey ? 'customer-managed' : 'google-managed',
      kmsKeyName: kmsKey,
      retentionSeconds: retention === undefined ? undefined : Number(retention),
      logging: record.logging?.logBucket ? true : undefined,
    },
    relationships: [related('uses-key', kmsKey)],
  });
}
