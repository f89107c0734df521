import { operationParams, UserError } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { armTargetOf } from './arm-target.ts';
import { armRead, cloudCodeOf, dryRunOk, runLro, type OperationFactory } from './operation-kit.ts';

const ID = 'network.ip.delete';
const IN_USE = new Set(['PublicIPAddressCannotBeDeleted', 'PublicIPAddressInUse']);

function associated(name: string, user: string | undefined, cause?: unknown): UserError {
  return new UserError(
    'azure-ip-associated',
    `Public IP ${name} is still associated${user ? ` with ${user}` : ''}; Azure deletes only unassociated addresses (PublicIPAddressCannotBeDeleted)`,
    {
      hint: 'Disassociate it first (remove it from the NIC ipconfig, load balancer frontend or NAT gateway), then delete it',
      cause,
      details: { cloudCode: 'PublicIPAddressCannotBeDeleted', associatedWith: user },
    },
  );
}

/**
 * Releases a public IP address (DELETE …/publicIPAddresses/{ip}), waited for. Network refuses an
 * address still used by a NIC, load balancer or NAT gateway (400 PublicIPAddressCannotBeDeleted);
 * that refusal, and the dry run's prediction of it, surface as `azure-ip-associated` naming the
 * user. No undo: a released static address is gone for good.
 */
export const networkIpDelete: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const ip = armTargetOf(request.target, ID, ['Microsoft.Network/publicIPAddresses']);
    const network = clients.network(ip.subscriptionId);
    if (request.dryRun) {
      const got = await armRead(request, ip.subscriptionId, 'publicIPAddresses.get', () =>
        network.publicIPAddresses.get(ip.resourceGroup, ip.name, { abortSignal: request.signal }),
      );
      const user = got.ipConfiguration?.id ?? got.natGateway?.id;
      if (user) throw associated(ip.name, user);
      return dryRunOk(`Would release public IP ${ip.name}${got.ipAddress ? ` (${got.ipAddress})` : ''}`);
    }
    try {
      await runLro(request, ip.subscriptionId, 'publicIPAddresses.delete', async (abortSignal) => ({
        poller: await network.publicIPAddresses.beginDelete(ip.resourceGroup, ip.name, { abortSignal }),
      }));
    } catch (error) {
      if (IN_USE.has(cloudCodeOf(error) ?? ''))
        throw associated(ip.name, request.target.attributes['attachedTo'] as string | undefined, error);
      throw error;
    }
    return { status: 'succeeded', message: `Released public IP ${ip.name}` };
  },
});
