import { operationParams, UserError } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { armTargetOf } from './arm-target.ts';
import { dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { readDisk, SNAPSHOT_NAME, snapshotDisk, snapshotNameFor, snapshotTags } from './snapshot-kit.ts';

const ID = 'compute.volume.snapshot' as const;

/** The catalogue's snapshot params; `name` (default `{disk}-{timestamp}`) must be an Azure resource name. Snapshots are incremental. */
const Params = operationParams(ID).superRefine((p, ctx) => {
  if (p.name !== undefined && !SNAPSHOT_NAME.test(p.name))
    ctx.addIssue({ code: 'custom', path: ['name'], message: '1–80 letters, digits, _ . -' });
});

/**
 * Snapshots a managed disk (PUT …/snapshots/{name}, creationData Copy), waited for; the snapshot's
 * id is in `created`. Creating a snapshot changes nothing to undo: deleting it is its own step.
 */
export const computeVolumeSnapshot: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const params = parseParams(Params, request, ID);
    const target = armTargetOf(request.target, ID, ['Microsoft.Compute/disks']);
    const disk = await readDisk(clients, request, target);
    const name = params.name ?? snapshotNameFor(disk.name, new Date());
    if (!SNAPSHOT_NAME.test(name))
      throw new UserError('azure-invalid-params', `${ID}: cannot make a snapshot name from ${disk.name}`, {
        hint: 'Pass params.name',
      });
    if (request.dryRun) return dryRunOk(`Would snapshot disk ${disk.name} as ${name} in ${disk.location}`);
    const id = await snapshotDisk(
      clients,
      request,
      target.subscriptionId,
      disk,
      name,
      true,
      snapshotTags(params),
    );
    return { status: 'succeeded', message: `Snapshotted disk ${disk.name} as ${name}`, created: [id] };
  },
});
