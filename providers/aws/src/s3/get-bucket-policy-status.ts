import { GetBucketPolicyStatusCommand, type S3Client } from '@aws-sdk/client-s3';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/**
 * S3 GetBucketPolicyStatus: whether the bucket policy grants public access — false without a
 * policy, undefined when the endpoint answered without one (moto answers an empty PolicyStatus).
 */
export async function getBucketPolicyStatus(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<boolean | undefined> {
  const out = await callOptional(
    ctx,
    { service: 's3', operation: 'GetBucketPolicyStatus' },
    ['NoSuchBucketPolicy'],
    (o) => s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }), o),
  );
  if (!out) return false;
  const isPublic = out.PolicyStatus?.IsPublic;
  return typeof isPublic === 'boolean' ? isPublic : undefined;
}
