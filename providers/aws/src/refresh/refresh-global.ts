import type { Resource } from '@escher/protocol';
import { arnResourceId } from '../core/arn.ts';
import type { AwsContext } from '../core/context.ts';
import { userResource } from '../iam/discover.ts';
import { getRole } from '../iam/get-role.ts';
import { normaliseRole } from '../iam/normalise-role.ts';
import { bucketDetails } from '../s3/discover.ts';
import { normaliseBucket } from '../s3/normalise-bucket.ts';

/*
 * S3 buckets and IAM users and roles by ARN, read exactly as discovery reads them; undefined when
 * gone. A bucket is read in the region its resource names (where discovery found it).
 */

export async function refreshBucket(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const name = target.nativeId.replace(/^arn:aws[\w-]*:s3:::/, '');
  const region = target.region === 'global' ? undefined : target.region;
  const details = await bucketDetails(ctx, { Name: name, ...(region ? { BucketRegion: region } : {}) });
  if (!details) return undefined;
  return normaliseBucket({
    ...details,
    createdAt: details.createdAt ?? (target.createdAt ? new Date(target.createdAt) : undefined),
  });
}

export async function refreshUser(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  return userResource(ctx, arnResourceId(target.nativeId));
}

export async function refreshRole(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const role = await getRole(ctx, arnResourceId(target.nativeId));
  return role ? normaliseRole(role, ctx.account) : undefined;
}
