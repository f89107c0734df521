import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { armTargetOf } from './arm-target.ts';
import { armRead, dryRunOk, parseParams, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart } from './vm-kit.ts';

const ID = 'compute.snapshot.restrict' as const;

const Access = z.object({
  networkAccessPolicy: z.enum(['AllowAll', 'AllowPrivate', 'DenyAll']),
  publicNetworkAccess: z.enum(['Enabled', 'Disabled']),
  diskAccessId: z.string().optional(),
});
type Access = z.infer<typeof Access>;

/** The catalogue's params, with Azure's shape of what it narrows. */
const Params = operationParams(ID).extend({
  /** Set by the undo: the settings to put back instead of locking down. */
  restore: Access.optional(),
});

const LOCKED: Access = { networkAccessPolicy: 'DenyAll', publicNetworkAccess: 'Disabled' };

/**
 * Stops a snapshot being exported from anywhere: PATCH …/snapshots/{name} with
 * networkAccessPolicy DenyAll and publicNetworkAccess Disabled (no SAS export at all), waited for.
 * The undo is the same operation with `restore`: the exact settings it replaced.
 */
export const computeSnapshotRestrict: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const { restore } = parseParams(Params, request, ID);
    const target = armTargetOf(request.target, ID, ['Microsoft.Compute/snapshots']);
    const compute = clients.compute(target.subscriptionId);
    const snap = await armRead(request, target.subscriptionId, 'snapshots.get', () =>
      compute.snapshots.get(target.resourceGroup, target.name, { abortSignal: request.signal }),
    );
    const before: Access = {
      // Absent means ARM's defaults, which are the open ones.
      networkAccessPolicy:
        (snap.networkAccessPolicy as Access['networkAccessPolicy'] | undefined) ?? 'AllowAll',
      publicNetworkAccess:
        (snap.publicNetworkAccess as Access['publicNetworkAccess'] | undefined) ?? 'Enabled',
      ...(snap.diskAccessId ? { diskAccessId: snap.diskAccessId } : {}),
    };
    const want = restore ?? LOCKED;
    const describe = (a: Access): string => `${a.networkAccessPolicy}/${a.publicNetworkAccess}`;
    if (
      before.networkAccessPolicy === want.networkAccessPolicy &&
      before.publicNetworkAccess === want.publicNetworkAccess
    ) {
      const message = `Snapshot ${target.name} is already ${describe(want)}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun)
      return dryRunOk(`Would set snapshot ${target.name} from ${describe(before)} to ${describe(want)}`);
    await runLro(
      request,
      target.subscriptionId,
      'snapshots.update',
      computeStart((o) => compute.snapshots.update(target.resourceGroup, target.name, want, o)),
    );
    return {
      status: 'succeeded',
      message: `${restore ? 'Restored' : 'Restricted'} snapshot ${target.name}: ${describe(before)} → ${describe(want)}`,
      undo: { operation: ID, params: { restore: before } },
    };
  },
});
