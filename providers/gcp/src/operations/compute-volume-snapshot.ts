import { defineOperation, localDryRun } from './core/define.ts';
import { zonalRef } from './core/target.ts';
import { createDiskSnapshot, snapshotParams } from './disk-snapshot.ts';
import { validateLabels } from './labels/label-rules.ts';
import { getDisk } from './refresh/compute-readers.ts';

/**
 * `compute.volume.snapshot`: disks.createSnapshot, waited on until the snapshot is READY. No
 * undo (the snapshot is new, listed in `created`).
 */
export const computeVolumeSnapshot = defineOperation({
  id: 'compute.volume.snapshot',
  types: ['compute.volume'],
  params: snapshotParams,
  async run({ ctx, target, params, dryRun }) {
    if (params.tags) validateLabels(params.tags);
    const ref = zonalRef(target, 'disks');
    const disk = await getDisk(ctx, ref);
    if (dryRun) return localDryRun(`would snapshot disk ${ref.name} (${disk.sizeGb ?? '?'} GB)`);
    const id = await createDiskSnapshot(
      ctx,
      { project: ref.project, zone: ref.location, name: ref.name },
      params,
    );
    return { status: 'succeeded', message: `snapshotted disk ${ref.name}`, created: [id] };
  },
});
