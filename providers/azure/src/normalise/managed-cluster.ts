import type { Resource, ResourceState } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, parentId, props, relationships, rowFields, userAssignedIdentities } from './common.ts';

interface AksProperties {
  provisioningState: string;
  powerState: { code?: string };
  kubernetesVersion: string;
  currentKubernetesVersion: string;
  fqdn: string;
  privateFQDN: string;
  enableRBAC: boolean;
  nodeResourceGroup: string;
  agentPoolProfiles: {
    name?: string;
    count?: number;
    vmSize?: string;
    mode?: string;
    vnetSubnetID?: string;
  }[];
  apiServerAccessProfile: { enablePrivateCluster?: boolean; authorizedIPRanges?: string[] };
  networkProfile: { networkPlugin?: string };
  identityProfile: Record<string, { resourceId?: string }>;
}

const TRANSITIONS: Readonly<Record<string, ResourceState>> = {
  starting: 'starting',
  stopping: 'stopping',
  deleting: 'deleting',
  failed: 'failed',
  creating: 'pending',
  upgrading: 'pending',
};

/**
 * An AKS cluster. `endpointPublic`: the API server is reachable from the Internet — not a private
 * cluster and no authorized IP ranges. State: a provisioning transition if one runs, else the
 * power state. size = the system pool's VM size; nodeCount sums every pool.
 */
export function normaliseManagedCluster(row: GraphRow): Resource[] {
  const p = props<AksProperties>(row);
  const pools = p.agentPoolProfiles ?? [];
  const access = p.apiServerAccessProfile ?? {};
  const ranges = access.authorizedIPRanges ?? [];
  const power = (p.powerState?.code ?? '').toLowerCase();
  const state: ResourceState =
    TRANSITIONS[(p.provisioningState ?? '').toLowerCase()] ??
    (power === 'running' ? 'running' : power === 'stopped' ? 'stopped' : 'unknown');
  const subnets = pools.map((pool) => pool.vnetSubnetID);
  const kubelet = p.identityProfile?.['kubeletidentity']?.resourceId;
  return [
    makeResource({
      ...rowFields(row),
      state,
      attributes: {
        version: p.currentKubernetesVersion ?? p.kubernetesVersion,
        size: (pools.find((pool) => pool.mode === 'System') ?? pools[0])?.vmSize,
        nodeCount: pools.reduce((n, pool) => n + (pool.count ?? 0), 0),
        nodePoolCount: pools.length,
        endpointPublic: access.enablePrivateCluster !== true && ranges.length === 0,
        privateCluster: access.enablePrivateCluster === true,
        authorizedIpRanges: ranges.length > 0 ? ranges : undefined,
        endpoint: p.fqdn ?? p.privateFQDN,
        rbac: p.enableRBAC,
        networkPlugin: p.networkProfile?.networkPlugin,
        tier: row.sku?.tier,
        nodeResourceGroup: p.nodeResourceGroup,
      },
      relationships: [
        ...relationships('in-subnet', subnets),
        ...relationships(
          'in-vpc',
          subnets.map((s) => (s ? parentId(s) : undefined)),
        ),
        ...relationships('uses-role', [...userAssignedIdentities(row), kubelet]),
      ],
    }),
  ];
}
