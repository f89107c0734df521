import { operationParams } from '@escher/protocol';
import { mutate } from './core/call.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { bucketRef } from './core/target.ts';
import { getBucket } from './refresh/service-readers.ts';

/**
 * `storage.bucket.backup`: turns on object versioning (buckets.patch `versioning.enabled`), so
 * overwritten and deleted objects stay recoverable. `enabled: false` turns it off (the undo).
 */
export const storageBucketBackup = defineOperation({
  id: 'storage.bucket.backup',
  types: ['storage.bucket'],
  params: operationParams('storage.bucket.backup').transform((p) => ({ enabled: p.enabled ?? true })),
  async run({ ctx, target, params, dryRun }) {
    const { bucket } = bucketRef(target);
    const before = (await getBucket(ctx, bucket)).versioning?.enabled === true;
    const word = params.enabled ? 'on' : 'off';
    if (before === params.enabled)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `versioning of bucket ${bucket} is already ${word}`,
      };
    if (dryRun) return localDryRun(`would turn versioning of bucket ${bucket} ${word}`);
    const storage = await ctx.clients.storage();
    await mutate(ctx, { service: 'storage', operation: 'buckets.patch' }, () =>
      storage.bucket(bucket).setMetadata({ versioning: { enabled: params.enabled } }),
    );
    return {
      status: 'succeeded',
      message: `turned versioning of bucket ${bucket} ${word}`,
      undo: { operation: 'storage.bucket.backup', params: { enabled: before } },
    };
  },
});
