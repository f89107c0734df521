import {
  GetPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** S3 GetPublicAccessBlock of the bucket; undefined when the bucket has none. */
export async function getPublicAccessBlock(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<PublicAccessBlockConfiguration | undefined> {
  const out = await callOptional(
    ctx,
    { service: 's3', operation: 'GetPublicAccessBlock' },
    ['NoSuchPublicAccessBlockConfiguration'],
    (o) => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), o),
  );
  return out?.PublicAccessBlockConfiguration;
}
