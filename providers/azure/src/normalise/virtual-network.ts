import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, provisioningState, relationships, rowFields } from './common.ts';

interface SubnetEntry {
  id?: string;
  name?: string;
  properties?: {
    provisioningState?: string;
    addressPrefix?: string;
    addressPrefixes?: string[];
    networkSecurityGroup?: { id?: string };
    routeTable?: { id?: string };
    ipConfigurations?: unknown[];
    delegations?: { properties?: { serviceName?: string } }[];
  };
}

interface VnetProperties {
  provisioningState: string;
  addressSpace: { addressPrefixes?: string[] };
  subnets: SubnetEntry[];
  enableDdosProtection: boolean;
  virtualNetworkPeerings: unknown[];
}

const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

/**
 * A virtual network and its subnets: subnets are resources of their own
 * (`…/virtualNetworks/{vnet}/subnets/{name}`), read from the network's `properties.subnets`
 * (Resource Graph has no subnet rows). Subnets cannot carry tags in Azure: theirs are empty and
 * `taggable: false` says why, so tag checks can skip them.
 */
export function normaliseVirtualNetwork(row: GraphRow): Resource[] {
  const p = props<VnetProperties>(row);
  const subnets = (p.subnets ?? []).filter((s): s is SubnetEntry & { id: string } => !!s.id);
  const vnet = makeResource({
    ...rowFields(row),
    state: provisioningState(p.provisioningState),
    attributes: {
      addressPrefixes: p.addressSpace?.addressPrefixes ?? [],
      subnetCount: subnets.length,
      peeringCount: p.virtualNetworkPeerings?.length ?? 0,
      ddosProtection: p.enableDdosProtection,
    },
    relationships: [],
  });
  return [
    vnet,
    ...subnets.map((s) => {
      const sp = s.properties ?? {};
      return makeResource({
        id: s.id,
        name: s.name ?? s.id.split('/').pop()!,
        armType: SUBNET_TYPE,
        subscriptionId: row.subscriptionId,
        location: row.location,
        state: provisioningState(sp.provisioningState),
        tags: {},
        attributes: {
          addressPrefix: sp.addressPrefix ?? sp.addressPrefixes?.[0],
          vpcId: row.id,
          ipConfigurationCount: sp.ipConfigurations?.length ?? 0,
          delegatedTo: sp.delegations?.[0]?.properties?.serviceName,
          taggable: false,
        },
        relationships: [
          ...relationships('in-vpc', [row.id]),
          ...relationships('security-group', [sp.networkSecurityGroup?.id]),
        ],
      });
    }),
  ];
}
