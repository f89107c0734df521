import { PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { getBucketVersioning } from '../s3/get-bucket-versioning.ts';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { bucketName, s3Op } from './s3-target.ts';

/** The catalogue's params, with AWS's shapes for what it narrows. */
const BucketBackupParams = operationParams('storage.bucket.backup').extend({
  /** Undo: suspend versioning again. */
  restore: z
    .object({ versioning: z.literal('Suspended') })
    .strict()
    .optional(),
});

/**
 * Protects a bucket's objects the S3-native way: PutBucketVersioning `Enabled`, so overwritten and
 * deleted objects keep their earlier versions (the `storage.bucket.no-versioning` finding). S3
 * has no dry run (a dry run reads the current status). Undo: `restore` suspends versioning — a
 * bucket can never return to "never versioned", and versions already kept stay.
 */
export const storageBucketBackup = awsOperation({
  id: 'storage.bucket.backup',
  types: ['storage.bucket'],
  params: BucketBackupParams,
  async run({ target, params, dryRun, ctx }) {
    const Bucket = bucketName(target);
    const s3 = ctx.clients.s3;
    const before = await getBucketVersioning(ctx, s3, Bucket);
    const wanted = params.restore || params.enabled === false ? 'Suspended' : 'Enabled';
    if (before.status === wanted || (wanted === 'Suspended' && before.status === 'Disabled'))
      return { status: 'succeeded', message: `${Bucket} versioning is already ${before.status}` };
    if (dryRun) return localDryRun(`S3 would set ${Bucket}'s versioning to ${wanted}`);
    await send(ctx, s3Op('PutBucketVersioning'), (o) =>
      s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: wanted } }), o),
    );
    return {
      status: 'succeeded',
      message: `${Bucket} versioning ${wanted} (was ${before.status})`,
      undo:
        wanted === 'Enabled'
          ? { operation: 'storage.bucket.backup', params: { restore: { versioning: 'Suspended' } } }
          : { operation: 'storage.bucket.backup', params: {} },
    };
  },
});
