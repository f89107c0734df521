import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, provisioningState, relationships, rowFields } from './common.ts';
import type { NetworkIndex } from './network-index.ts';

interface PipProperties {
  provisioningState: string;
  ipAddress: string;
  publicIPAllocationMethod: string;
  publicIPAddressVersion: string;
  ipConfiguration: { id?: string };
  natGateway: { id?: string };
  dnsSettings: { fqdn?: string };
}

/**
 * A public IP address. Associated (state in-use) when an ipConfiguration or NAT gateway uses it;
 * `attachedTo` resolves a NIC's configuration to its VM and a frontend to its load balancer.
 * Dynamic addresses have no `publicIp` until something uses them.
 */
export function normalisePublicIp(row: GraphRow, network: NetworkIndex): Resource[] {
  const p = props<PipProperties>(row);
  const attachedTo = network.ownerOfIpConfiguration(p.ipConfiguration?.id) ?? p.natGateway?.id;
  const base = provisioningState(p.provisioningState);
  return [
    makeResource({
      ...rowFields(row),
      state: base === 'available' ? (attachedTo ? 'in-use' : 'available') : base,
      attributes: {
        publicIp: p.ipAddress,
        allocation: p.publicIPAllocationMethod,
        ipVersion: p.publicIPAddressVersion,
        sku: row.sku?.name,
        fqdn: p.dnsSettings?.fqdn,
        associated: attachedTo !== undefined,
        attachedTo,
      },
      relationships: relationships('attached-to', [attachedTo]),
    }),
  ];
}
