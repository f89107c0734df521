import { GetBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** S3 GetBucketPolicy: the policy document, or undefined when the bucket has none. */
export async function getBucketPolicy(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<string | undefined> {
  const out = await callOptional(
    ctx,
    { service: 's3', operation: 'GetBucketPolicy' },
    ['NoSuchBucketPolicy'],
    (o) => s3.send(new GetBucketPolicyCommand({ Bucket: bucket }), o),
  );
  return out?.Policy;
}
