import { parseArmId } from './arm-target.ts';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { operationParams } from '@escher/protocol';
import { armRead, dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { readDisk, SNAPSHOT_NAME, snapshotDisk, snapshotNameFor, snapshotTags } from './snapshot-kit.ts';
import { vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.snapshot' as const;

/** The catalogue's snapshot params; `name` prefixes each disk's snapshot (`{name}-{disk}`). Snapshots are incremental. */
const Params = operationParams(ID).superRefine((p, ctx) => {
  if (p.name !== undefined && !SNAPSHOT_NAME.test(p.name))
    ctx.addIssue({ code: 'custom', path: ['name'], message: '1–80 letters, digits, _ . -' });
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
          params.name ? `${params.name}-${disk.name}`.slice(0, 80) : snapshotNameFor(disk.name, now),
          true,
          snapshotTags(params),
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
