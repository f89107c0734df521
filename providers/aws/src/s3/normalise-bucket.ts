import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { Resource } from '@escher/protocol';
import { kmsKeyArn, s3BucketArn } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { BucketEncryption } from './get-bucket-encryption.ts';
import type { BucketVersioning } from './get-bucket-versioning.ts';

/** Everything discovery reads about one bucket. */
export interface BucketDetails {
  name: string;
  account: string;
  region: string;
  createdAt?: Date | undefined;
  tags: Record<string, string>;
  encryption?: BucketEncryption | undefined;
  versioning: BucketVersioning;
  policyPublic: boolean;
  publicAccessBlock?: PublicAccessBlockConfiguration | undefined;
  publicAclGrants: string[];
}

/**
 * An S3 bucket as a `storage.bucket`, in the region it lives in. `public` follows S3's own
 * rule: a policy that grants public access counts unless RestrictPublicBuckets is on, an ACL grant
 * to AllUsers / AuthenticatedUsers unless IgnorePublicAcls is on. `encrypted` means default
 * encryption is configured; `versioning` is Enabled, Suspended or Disabled.
 */
export function normaliseBucket(b: BucketDetails): Resource {
  const block = b.publicAccessBlock;
  const policyPublic = b.policyPublic && block?.RestrictPublicBuckets !== true;
  const aclPublic = b.publicAclGrants.length > 0 && block?.IgnorePublicAcls !== true;
  const fullyBlocked = Boolean(
    block?.BlockPublicAcls &&
    block.IgnorePublicAcls &&
    block.BlockPublicPolicy &&
    block.RestrictPublicBuckets,
  );
  const key = kmsKeyArn(b.region, b.account, b.encryption?.kmsKeyId);
  return toResource({
    arn: s3BucketArn(b.name),
    account: b.account,
    region: b.region,
    type: 'storage.bucket',
    nativeType: 'AWS::S3::Bucket',
    name: b.name,
    state: 'available',
    tags: b.tags,
    createdAt: b.createdAt,
    attributes: {
      public: policyPublic || aclPublic,
      publicByPolicy: policyPublic,
      publicByAcl: aclPublic,
      publicAccessBlocked: fullyBlocked,
      publicAccessBlock: block
        ? {
            blockPublicAcls: block.BlockPublicAcls === true,
            ignorePublicAcls: block.IgnorePublicAcls === true,
            blockPublicPolicy: block.BlockPublicPolicy === true,
            restrictPublicBuckets: block.RestrictPublicBuckets === true,
          }
        : undefined,
      encrypted: b.encryption !== undefined,
      encryption: b.encryption?.algorithm,
      kmsKeyId: b.encryption?.kmsKeyId,
      bucketKey: b.encryption?.bucketKey,
      versioning: b.versioning.status,
      versioningEnabled: b.versioning.status === 'Enabled',
      mfaDelete: b.versioning.mfaDelete,
    },
    relationships: [rel('uses-key', key)],
  });
}
