import { operationParams } from '@escher/protocol';
import { lastSegment } from '../names.ts';
import { computeChange } from './core/compute-operation.ts';
import { defineOperation, localDryRun, wrongState } from './core/define.ts';
import { zonalRef } from './core/target.ts';
import { getDisk } from './refresh/compute-readers.ts';

/**
 * `compute.volume.delete`: disks.delete, waited on until done. Google refuses to delete a disk an
 * instance still uses (400 resourceInUseByAnotherResource); a dry run says so first. No undo.
 */
export const computeVolumeDelete = defineOperation({
  id: 'compute.volume.delete',
  types: ['compute.volume'],
  params: operationParams('compute.volume.delete'),
  async run({ ctx, target, dryRun }) {
    const ref = zonalRef(target, 'disks');
    const disk = await getDisk(ctx, ref);
    if (dryRun) {
      const user = disk.users?.[0];
      if (user)
        throw wrongState(
          `Google would refuse to delete disk ${ref.name}: instance ${lastSegment(user)} uses it.`,
          'Detach the disk or delete the instance first',
        );
      return localDryRun(`would delete disk ${ref.name} (${disk.sizeGb ?? '?'} GB)`);
    }
    const client = await ctx.clients.disks();
    await computeChange(
      ctx,
      { service: 'compute', operation: 'disks.delete' },
      `deletion of disk ${ref.name}`,
      () => client.delete({ project: ref.project, zone: ref.location, disk: ref.name }),
    );
    return { status: 'succeeded', message: `deleted disk ${ref.name} (${disk.sizeGb ?? '?'} GB)` };
  },
});
