import { GetBucketTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { tagRecord } from '../core/tags.ts';

/** S3 GetBucketTagging; a bucket without a tag set (NoSuchTagSet) has no tags. */
export async function getBucketTagging(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<Record<string, string>> {
  const out = await callOptional(
    ctx,
    { service: 's3', operation: 'GetBucketTagging' },
    ['NoSuchTagSet'],
    (o) => s3.send(new GetBucketTaggingCommand({ Bucket: bucket }), o),
  );
  return tagRecord(out?.TagSet);
}
