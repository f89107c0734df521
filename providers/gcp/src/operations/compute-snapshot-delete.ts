import { operationParams } from '@escher/protocol';
import { computeChange } from './core/compute-operation.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { computeRef } from './core/target.ts';
import { getSnapshot } from './refresh/compute-readers.ts';

/** `compute.snapshot.delete`: snapshots.delete, waited on until the global operation is done. No undo. */
export const computeSnapshotDelete = defineOperation({
  id: 'compute.snapshot.delete',
  types: ['compute.snapshot'],
  params: operationParams('compute.snapshot.delete'),
  async run({ ctx, target, dryRun }) {
    const ref = computeRef(target, 'snapshots');
    const snapshot = await getSnapshot(ctx, ref);
    const label = `snapshot ${ref.name} (${snapshot.status ?? 'unknown'})`;
    if (dryRun) return localDryRun(`would delete ${label}`);
    const client = await ctx.clients.snapshots();
    await computeChange(
      ctx,
      { service: 'compute', operation: 'snapshots.delete' },
      `deletion of ${label}`,
      () => client.delete({ project: ref.project, snapshot: ref.name }),
    );
    return { status: 'succeeded', message: `deleted ${label}` };
  },
});
