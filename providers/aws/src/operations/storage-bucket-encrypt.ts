import { PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import { operationParams } from '@escher/protocol';
import { getBucketEncryption } from '../s3/get-bucket-encryption.ts';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { bucketName, s3Op } from './s3-target.ts';

/**
 * The catalogue's params as S3 takes them: `algorithm` `AES256` (SSE-S3, the default) or `aws:kms`
 * (SSE-KMS, the default when a `key` is given), `key` the KMS key id or ARN.
 */
const BucketEncryptParams = operationParams('storage.bucket.encrypt')
  .refine((p) => p.key === undefined || p.algorithm !== 'AES256', {
    message: 'a KMS key needs algorithm aws:kms',
    path: ['key'],
  })
  .transform(({ key, algorithm, bucketKey, restore }) => ({
    algorithm: algorithm ?? (key ? ('aws:kms' as const) : ('AES256' as const)),
    ...(key ? { kmsKeyId: key } : {}),
    ...(bucketKey === undefined ? {} : { bucketKey }),
    restore,
  }));

/**
 * Sets a bucket's default encryption: GetBucketEncryption (kept for the undo), then
 * PutBucketEncryption. New objects are encrypted; existing ones are not rewritten. S3 has no dry
 * run (a dry run reads the current rule). Undo: the earlier rule — but when the bucket had none
 * there is no undo, because S3 no longer lets a bucket go back to no default encryption.
 */
export const storageBucketEncrypt = awsOperation({
  id: 'storage.bucket.encrypt',
  types: ['storage.bucket'],
  params: BucketEncryptParams,
  async run({ target, params, dryRun, ctx }) {
    const Bucket = bucketName(target);
    const s3 = ctx.clients.s3;
    const before = await getBucketEncryption(ctx, s3, Bucket);
    const same =
      before?.algorithm === params.algorithm &&
      before.kmsKeyId === params.kmsKeyId &&
      (params.bucketKey === undefined || before.bucketKey === params.bucketKey);
    if (same) return { status: 'succeeded', message: `${Bucket} already encrypts with ${params.algorithm}` };
    if (dryRun) return localDryRun(`S3 would set ${Bucket}'s default encryption to ${params.algorithm}`);
    await send(ctx, s3Op('PutBucketEncryption'), (o) =>
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: params.algorithm,
                  ...(params.kmsKeyId ? { KMSMasterKeyID: params.kmsKeyId } : {}),
                },
                ...(params.bucketKey !== undefined ? { BucketKeyEnabled: params.bucketKey } : {}),
              },
            ],
          },
        }),
        o,
      ),
    );
    const message = `${Bucket} encrypts new objects with ${params.algorithm}${before ? ` (was ${before.algorithm})` : ''}`;
    if (!before)
      return { status: 'succeeded', message: `${message}; S3 cannot remove default encryption, so no undo` };
    return {
      status: 'succeeded',
      message,
      undo: {
        operation: 'storage.bucket.encrypt',
        params: {
          algorithm: before.algorithm,
          ...(before.kmsKeyId ? { key: before.kmsKeyId } : {}),
          ...(before.bucketKey !== undefined ? { bucketKey: before.bucketKey } : {}),
        },
      },
    };
  },
});
