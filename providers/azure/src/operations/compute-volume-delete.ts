import { operationParams, UserError } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { armTargetOf } from './arm-target.ts';
import { armRead, cloudCodeOf, dryRunOk, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart } from './vm-kit.ts';

const ID = 'compute.volume.delete';

function attached(disk: string, vm: string | undefined, cause?: unknown): UserError {
  return new UserError(
    'azure-disk-attached',
    `Disk ${disk} is attached to VM ${vm ?? '(unknown)'}; Azure deletes only unattached disks (OperationNotAllowed)`,
    {
      hint: 'Detach it from the VM first (or delete the VM), then delete the disk',
      cause,
      details: { cloudCode: 'OperationNotAllowed', attachedTo: vm },
    },
  );
}

/**
 * Deletes a managed disk (DELETE …/disks/{disk}), waited for. Compute refuses an attached disk
 * (409 OperationNotAllowed); that refusal, and the dry run's prediction of it from `managedBy`,
 * surface as `azure-disk-attached` naming the VM. No undo: snapshot first if the data matters.
 */
export const computeVolumeDelete: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const target = armTargetOf(request.target, ID, ['Microsoft.Compute/disks']);
    const compute = clients.compute(target.subscriptionId);
    if (request.dryRun) {
      const disk = await armRead(request, target.subscriptionId, 'disks.get', () =>
        compute.disks.get(target.resourceGroup, target.name, { abortSignal: request.signal }),
      );
      if (disk.managedBy) throw attached(target.name, disk.managedBy);
      return dryRunOk(
        `Would delete disk ${target.name} (${disk.diskSizeGB ?? '?'} GiB, ${disk.diskState ?? 'unknown'})`,
      );
    }
    try {
      await runLro(
        request,
        target.subscriptionId,
        'disks.delete',
        computeStart((o) => compute.disks.delete(target.resourceGroup, target.name, o)),
      );
    } catch (error) {
      if (cloudCodeOf(error) === 'OperationNotAllowed')
        throw attached(target.name, request.target.attributes['attachedTo'] as string | undefined, error);
      throw error;
    }
    return { status: 'succeeded', message: `Deleted disk ${target.name}` };
  },
});
