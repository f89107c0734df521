import { operationParams } from '@escher/protocol';
import { defineOperation, localDryRun } from './core/define.ts';
import { mutate } from './core/call.ts';
import {
  describeGrants,
  PublicGrantsSchema,
  withGrants,
  withoutPublic,
  type Binding,
} from './core/public-bindings.ts';
import { computeRef } from './core/target.ts';
import { getSnapshotPolicy } from './refresh/compute-readers.ts';

/**
 * `compute.snapshot.restrict`: takes `allUsers` / `allAuthenticatedUsers` out of the snapshot's
 * IAM policy (snapshots.setIamPolicy with the read policy's etag, so a concurrent change fails
 * with 412 instead of being overwritten). Undo: the same operation with `restore`, the exact
 * grants removed, which puts them back.
 */
export const computeSnapshotRestrict = defineOperation({
  id: 'compute.snapshot.restrict',
  types: ['compute.snapshot'],
  params: operationParams('compute.snapshot.restrict').extend({ restore: PublicGrantsSchema.optional() }),
  async run({ ctx, target, params, dryRun }) {
    const ref = computeRef(target, 'snapshots');
    const policy = await getSnapshotPolicy(ctx, ref);
    const bindings = (policy.bindings ?? []).map((b) => ({
      ...b,
      role: b.role ?? '',
      members: b.members ?? [],
    })) as Binding[];
    const { kept, removed } = withoutPublic(bindings);
    const restoring = params.restore !== undefined;
    const next = restoring ? withGrants(bindings, params.restore!) : kept;
    const change = restoring
      ? `restore ${describeGrants(params.restore!)}`
      : `remove ${describeGrants(removed)}`;
    if (!restoring && removed.length === 0)
      return { status: dryRun ? 'dry-run-ok' : 'succeeded', message: `snapshot ${ref.name} is not public` };
    if (dryRun) return localDryRun(`would ${change} on snapshot ${ref.name}`);
    const client = await ctx.clients.snapshots();
    await mutate(ctx, { service: 'compute', operation: 'snapshots.setIamPolicy' }, () =>
      client.setIamPolicy({
        project: ref.project,
        resource: ref.name,
        globalSetPolicyRequestResource: {
          policy: { bindings: next as never, etag: policy.etag ?? null, version: policy.version ?? null },
        },
      }),
    );
    return {
      status: 'succeeded',
      message: `${restoring ? 'restored' : 'removed'} ${describeGrants(restoring ? params.restore! : removed)} on snapshot ${ref.name}`,
      undo: { operation: 'compute.snapshot.restrict', params: restoring ? {} : { restore: removed } },
    };
  },
});
