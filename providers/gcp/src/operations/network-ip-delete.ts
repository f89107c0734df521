import { operationParams } from '@escher/protocol';
import { lastSegment } from '../names.ts';
import { computeChange } from './core/compute-operation.ts';
import { defineOperation, localDryRun, wrongState } from './core/define.ts';
import { computeRef } from './core/target.ts';
import { getAddress } from './refresh/compute-readers.ts';

/**
 * `network.ip.delete`: releases a reserved address (addresses.delete, or globalAddresses.delete
 * for a global one), waited on until done. Google refuses while an instance or forwarding rule
 * uses it (400 resourceInUseByAnotherResource). No undo: a released IP cannot be reserved again.
 */
export const networkIpDelete = defineOperation({
  id: 'network.ip.delete',
  types: ['network.ip'],
  params: operationParams('network.ip.delete'),
  async run({ ctx, target, dryRun }) {
    const ref = computeRef(target, 'addresses');
    const address = await getAddress(ctx, ref);
    const label = `address ${ref.name} (${address.address ?? '?'})`;
    if (dryRun) {
      const user = address.users?.[0];
      if (user)
        throw wrongState(
          `Google would refuse to release ${label}: ${lastSegment(user)} uses it.`,
          'Detach it from the instance or forwarding rule first',
        );
      return localDryRun(`would release ${label}`);
    }
    if (ref.scope === 'global') {
      const client = await ctx.clients.globalAddresses();
      await computeChange(
        ctx,
        { service: 'compute', operation: 'globalAddresses.delete' },
        `release of ${label}`,
        () => client.delete({ project: ref.project, address: ref.name }),
      );
    } else {
      const client = await ctx.clients.addresses();
      await computeChange(
        ctx,
        { service: 'compute', operation: 'addresses.delete' },
        `release of ${label}`,
        () => client.delete({ project: ref.project, region: ref.location, address: ref.name }),
      );
    }
    return { status: 'succeeded', message: `released ${label}` };
  },
});
