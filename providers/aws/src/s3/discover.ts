import type { Bucket } from '@aws-sdk/client-s3';
import { EscherError, type Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { mapLimit } from '@escher/provider-api';
import { getBucketPublicAclGrants } from './get-bucket-acl.ts';
import { getBucketEncryption } from './get-bucket-encryption.ts';
import { getBucketLocation } from './get-bucket-location.ts';
import { getBucketPolicy } from './get-bucket-policy.ts';
import { getBucketPolicyStatus } from './get-bucket-policy-status.ts';
import { getBucketTagging } from './get-bucket-tagging.ts';
import { getBucketVersioning } from './get-bucket-versioning.ts';
import { getPublicAccessBlock } from './get-public-access-block.ts';
import { listBuckets } from './list-buckets.ts';
import { normaliseBucket, type BucketDetails } from './normalise-bucket.ts';
import { policyIsPublic } from './policy-is-public.ts';

/**
 * The account's S3 buckets (a global scope): ListBuckets, then per bucket — against a client of
 * the bucket's own region — its tags, default encryption, versioning, policy status, public access
 * block and ACL (and the policy itself where the endpoint cannot evaluate it). A bucket deleted between the listing and its details is left out.
 */
export async function* discoverBuckets(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of listBuckets(ctx)) {
    const details = await mapLimit(page, ctx.itemConcurrency, (bucket) => bucketDetails(ctx, bucket));
    const found = details.filter((d) => d !== undefined);
    if (found.length) yield found.map(normaliseBucket);
  }
}

/**
 * Everything discovery reads about one bucket (also how `refresh` re-reads one); undefined when
 * the bucket is gone.
 */
export async function bucketDetails(ctx: AwsContext, bucket: Bucket): Promise<BucketDetails | undefined> {
  const name = bucket.Name;
  if (!name) return undefined;
  try {
    const region = bucket.BucketRegion || (await getBucketLocation(ctx, name));
    const s3 = ctx.clientsIn(region).s3;
    const [tags, encryption, versioning, policyStatus, publicAccessBlock, publicAclGrants] =
      await Promise.all([
        getBucketTagging(ctx, s3, name),
        getBucketEncryption(ctx, s3, name),
        getBucketVersioning(ctx, s3, name),
        getBucketPolicyStatus(ctx, s3, name),
        getPublicAccessBlock(ctx, s3, name),
        getBucketPublicAclGrants(ctx, s3, name),
      ]);
    // S3 evaluates the policy itself; read the policy only where the endpoint could not say.
    const policyPublic = policyStatus ?? policyIsPublic(await getBucketPolicy(ctx, s3, name));
    return {
      name,
      account: ctx.account,
      region,
      createdAt: bucket.CreationDate,
      tags,
      encryption,
      versioning,
      policyPublic,
      publicAccessBlock,
      publicAclGrants,
    };
  } catch (error) {
    if (error instanceof EscherError && error.details?.awsCode === 'NoSuchBucket') return undefined;
    throw error;
  }
}
