import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, parentId, props, provisioningState, relationships, rowFields } from './common.ts';
import type { NetworkIndex } from './network-index.ts';

interface LbProperties {
  provisioningState: string;
  frontendIPConfigurations: {
    properties?: { publicIPAddress?: { id?: string }; subnet?: { id?: string }; privateIPAddress?: string };
  }[];
  backendAddressPools: {
    properties?: {
      backendIPConfigurations?: { id?: string }[];
      loadBalancerBackendAddresses?: { properties?: { virtualNetwork?: { id?: string } } }[];
    };
  }[];
  loadBalancingRules: unknown[];
}

/**
 * A load balancer. Targets are the VMs behind its backend pools (pool ipconfig → NIC → VM);
 * `public` is true when a frontend has a public IP. Internal frontends relate in-subnet.
 */
export function normaliseLoadBalancer(row: GraphRow, network: NetworkIndex): Resource[] {
  const p = props<LbProperties>(row);
  const frontends = p.frontendIPConfigurations ?? [];
  const publicIpIds = frontends
    .map((f) => f.properties?.publicIPAddress?.id)
    .filter((id): id is string => !!id);
  const subnets = frontends.map((f) => f.properties?.subnet?.id);
  const targets = (p.backendAddressPools ?? [])
    .flatMap((pool) => pool.properties?.backendIPConfigurations ?? [])
    .map((config) => network.ownerOfIpConfiguration(config.id));
  const dedupedTargets = relationships('lb-target', targets);
  return [
    makeResource({
      ...rowFields(row),
      state: provisioningState(p.provisioningState),
      attributes: {
        sku: row.sku?.name,
        scheme: publicIpIds.length > 0 ? 'internet-facing' : 'internal',
        public: publicIpIds.length > 0,
        privateIp: frontends.map((f) => f.properties?.privateIPAddress).find((ip) => !!ip),
        ruleCount: p.loadBalancingRules?.length ?? 0,
        targetCount: dedupedTargets.length,
      },
      relationships: [
        ...dedupedTargets,
        ...relationships('in-subnet', subnets),
        ...relationships(
          'in-vpc',
          subnets.map((s) => (s ? parentId(s) : undefined)),
        ),
      ],
    }),
  ];
}
