import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { armTargetOf } from './arm-target.ts';
import { armRead, dryRunOk, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart } from './vm-kit.ts';

const ID = 'compute.snapshot.delete';

/** Deletes a disk snapshot (DELETE …/snapshots/{name}), waited for. No undo. */
export const computeSnapshotDelete: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const target = armTargetOf(request.target, ID, ['Microsoft.Compute/snapshots']);
    const compute = clients.compute(target.subscriptionId);
    if (request.dryRun) {
      const snap = await armRead(request, target.subscriptionId, 'snapshots.get', () =>
        compute.snapshots.get(target.resourceGroup, target.name, { abortSignal: request.signal }),
      );
      return dryRunOk(`Would delete snapshot ${target.name} (${snap.diskSizeGB ?? '?'} GiB)`);
    }
    await runLro(
      request,
      target.subscriptionId,
      'snapshots.delete',
      computeStart((o) => compute.snapshots.delete(target.resourceGroup, target.name, o)),
    );
    return { status: 'succeeded', message: `Deleted snapshot ${target.name}` };
  },
});
