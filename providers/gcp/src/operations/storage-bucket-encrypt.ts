import { operationParams } from '@escher/protocol';
import { mutate } from './core/call.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { bucketRef } from './core/target.ts';
import { getBucket } from './refresh/service-readers.ts';

const KEY =
  /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]{1,63}\/cryptoKeys\/[A-Za-z0-9_-]{1,63}$/;

/**
 * `storage.bucket.encrypt`: sets the bucket's default Cloud KMS key (buckets.patch
 * `encryption.defaultKmsKeyName`), so new objects are encrypted with a customer-managed key.
 * Google already encrypts every object with its own keys; this is the only encryption choice a
 * bucket has, and it applies to objects written from now on. `kmsKeyName: null` goes back to
 * Google-managed keys; the undo restores the previous key (or null). The bucket's Cloud Storage
 * service agent needs `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key, or Google refuses.
 */
export const storageBucketEncrypt = defineOperation({
  id: 'storage.bucket.encrypt',
  types: ['storage.bucket'],
  // `key`: a Cloud KMS key; without it, Google-managed keys.
  params: operationParams('storage.bucket.encrypt').transform((p, zctx) => {
    if (p.key !== undefined && !KEY.test(p.key))
      zctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: 'projects/P/locations/L/keyRings/R/cryptoKeys/K',
      });
    return { kmsKeyName: p.key ?? null };
  }),
  async run({ ctx, target, params, dryRun }) {
    const { bucket } = bucketRef(target);
    const before = (await getBucket(ctx, bucket)).encryption?.defaultKmsKeyName ?? null;
    const word = params.kmsKeyName ? `key ${params.kmsKeyName}` : 'Google-managed keys';
    if (before === params.kmsKeyName)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `bucket ${bucket} already uses ${word}`,
      };
    if (dryRun) return localDryRun(`would set the default encryption of bucket ${bucket} to ${word}`);
    const storage = await ctx.clients.storage();
    await mutate(ctx, { service: 'storage', operation: 'buckets.patch' }, () =>
      storage
        .bucket(bucket)
        .setMetadata({ encryption: params.kmsKeyName ? { defaultKmsKeyName: params.kmsKeyName } : null }),
    );
    return {
      status: 'succeeded',
      message: `bucket ${bucket} now encrypts new objects with ${word}`,
      undo: { operation: 'storage.bucket.encrypt', params: before ? { key: before } : {} },
    };
  },
});
