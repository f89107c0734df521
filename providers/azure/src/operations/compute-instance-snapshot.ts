import { parseArmId } from './arm-target.ts';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { armRead, dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { readDisk, snapshotDisk, snapshotNameFor } from './snapshot-kit.ts';
import { vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.snapshot';

const Params = z.object({
  /** Incremental snapshots store only changed blocks. Default true. */
  incremental: z.boolean().optional(),
});

/**
 * Snapshots every managed disk of a VM (OS disk first, then data disks), one
 * `compute.volume.snapshot` each, all with one timestamp so they read as one set. Crash-consistent,
 * not application-consistent: for that, stop the VM first or use Azure Backup. No undo; the
 * snapshots' ids are in `created`.
 */
export const computeInstanceSnapshot: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const params = parseParams(Params, request, ID);
    const vm = vmTarget(request, ID);
    const got = await armRead(request, vm.subscriptionId, 'virtualMachines.get', () =>
      clients
        .compute(vm.subscriptionId)
        .virtualMachines.get(vm.resourceGroup, vm.name, { abortSignal: request.signal }),
    );
    const diskIds = [
      got.storageProfile?.osDisk?.managedDisk?.id,
      ...(got.storageProfile?.dataDisks ?? []).map((d) => d.managedDisk?.id),
    ].filter((id): id is string => !!id);
    if (request.dryRun) return dryRunOk(`Would snapshot ${diskIds.length} disk(s) of VM ${vm.name}`);
    const now = new Date();
    const created: string[] = [];
    for (const diskId of diskIds) {
      const target = parseArmId(diskId);
      const disk = await readDisk(clients, request, target);
      created.push(
        await snapshotDisk(
          clients,
          request,
          target.subscriptionId,
          disk,
          snapshotNameFor(disk.name, now),
          params.incremental ?? true,
        ),
      );
    }
    return {
      status: 'succeeded',
      message: `Snapshotted ${created.length} disk(s) of VM ${vm.name}`,
      created,
    };
  },
});
