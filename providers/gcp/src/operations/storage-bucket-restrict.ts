import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import type { GcpContext } from '../context.ts';
import { mutate } from './core/call.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import {
  describeGrants,
  PublicGrantsSchema,
  withGrants,
  withoutPublic,
  type Binding,
} from './core/public-bindings.ts';
import { bucketRef } from './core/target.ts';
import { getBucket, getBucketPolicy } from './refresh/service-readers.ts';

const Restore = z
  .object({
    publicAccessPrevention: z.enum(['inherited', 'unspecified', 'enforced']),
    grants: PublicGrantsSchema,
  })
  .strict();

async function setPrevention(ctx: GcpContext, bucket: string, value: string): Promise<void> {
  const storage = await ctx.clients.storage();
  await mutate(ctx, { service: 'storage', operation: 'buckets.patch' }, () =>
    storage.bucket(bucket).setMetadata({ iamConfiguration: { publicAccessPrevention: value } }),
  );
}

async function setBindings(
  ctx: GcpContext,
  bucket: string,
  bindings: Binding[],
  policy: { etag?: string | undefined; version?: number | undefined },
): Promise<void> {
  const storage = await ctx.clients.storage();
  await mutate(ctx, { service: 'storage', operation: 'buckets.setIamPolicy' }, () =>
    storage.bucket(bucket).iam.setPolicy({
      bindings: bindings as never,
      ...(policy.etag ? { etag: policy.etag } : {}),
      ...(policy.version ? { version: policy.version } : {}),
    }),
  );
}

/**
 * `storage.bucket.restrict`: removes `allUsers` / `allAuthenticatedUsers` from the bucket's IAM
 * policy (buckets.setIamPolicy with the read etag) and enforces public access prevention
 * (buckets.patch `iamConfiguration.publicAccessPrevention: enforced`), which also blocks public
 * ACLs and any later public grant. Undo: `restore` with the old prevention setting and the exact
 * grants removed; prevention is relaxed first, since Google refuses public grants while it is
 * enforced.
 */
export const storageBucketRestrict = defineOperation({
  id: 'storage.bucket.restrict',
  types: ['storage.bucket'],
  params: operationParams('storage.bucket.restrict').extend({ restore: Restore.optional() }),
  async run({ ctx, target, params, dryRun }) {
    const { bucket } = bucketRef(target);
    const [metadata, policy] = await Promise.all([getBucket(ctx, bucket), getBucketPolicy(ctx, bucket)]);
    const prevention = metadata.iamConfiguration?.publicAccessPrevention ?? 'inherited';
    const { restore } = params;
    if (restore) {
      if (dryRun)
        return localDryRun(
          `would set public access prevention of bucket ${bucket} to ${restore.publicAccessPrevention} and restore ${describeGrants(restore.grants) || 'no grants'}`,
        );
      const relax = prevention !== restore.publicAccessPrevention;
      if (relax) await setPrevention(ctx, bucket, restore.publicAccessPrevention);
      // The policy's etag follows the bucket's metageneration, which the patch above moved on.
      const fresh = relax ? await getBucketPolicy(ctx, bucket) : policy;
      if (restore.grants.length)
        await setBindings(ctx, bucket, withGrants(fresh.bindings, restore.grants), fresh);
      return {
        status: 'succeeded',
        message: `restored public access on bucket ${bucket}: prevention ${restore.publicAccessPrevention}${restore.grants.length ? `, ${describeGrants(restore.grants)}` : ''}`,
        undo: { operation: 'storage.bucket.restrict', params: {} },
      };
    }
    const { kept, removed } = withoutPublic(policy.bindings);
    const steps = [
      ...(removed.length ? [`remove ${describeGrants(removed)}`] : []),
      ...(prevention !== 'enforced' ? ['enforce public access prevention'] : []),
    ];
    if (steps.length === 0)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `bucket ${bucket} is already restricted`,
      };
    if (dryRun) return localDryRun(`would ${steps.join(' and ')} on bucket ${bucket}`);
    if (removed.length) await setBindings(ctx, bucket, kept, policy);
    if (prevention !== 'enforced') await setPrevention(ctx, bucket, 'enforced');
    return {
      status: 'succeeded',
      message: `${steps.join(' and ')} on bucket ${bucket}: done`,
      undo: {
        operation: 'storage.bucket.restrict',
        params: { restore: { publicAccessPrevention: prevention, grants: removed } },
      },
    };
  },
});
