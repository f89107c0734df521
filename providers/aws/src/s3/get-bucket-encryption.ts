import { GetBucketEncryptionCommand, type S3Client } from '@aws-sdk/client-s3';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

export interface BucketEncryption {
  algorithm: string;
  kmsKeyId?: string;
  bucketKey?: boolean;
}

/** S3 GetBucketEncryption: the default encryption rule, or undefined when there is none. */
export async function getBucketEncryption(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<BucketEncryption | undefined> {
  const out = await callOptional(
    ctx,
    { service: 's3', operation: 'GetBucketEncryption' },
    ['ServerSideEncryptionConfigurationNotFoundError'],
    (o) => s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }), o),
  );
  const rule = out?.ServerSideEncryptionConfiguration?.Rules?.find(
    (r) => r.ApplyServerSideEncryptionByDefault,
  );
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  if (!byDefault?.SSEAlgorithm) return undefined;
  return {
    algorithm: byDefault.SSEAlgorithm,
    ...(byDefault.KMSMasterKeyID ? { kmsKeyId: byDefault.KMSMasterKeyID } : {}),
    ...(rule?.BucketKeyEnabled !== undefined ? { bucketKey: rule.BucketKeyEnabled } : {}),
  };
}
