import type { protos } from '@google-cloud/container';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, labelsOf, regionOfZone } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type Cluster = protos.google.container.v1.ICluster;

const STATES: Readonly<Record<string, string>> = {
  PROVISIONING: 'pending',
  RUNNING: 'running',
  RECONCILING: 'running',
  DEGRADED: 'running',
  STOPPING: 'deleting',
  ERROR: 'failed',
};

/** A GKE cluster status as a SPEC state (STOPPING is GKE's word for being deleted). */
export function clusterState(status: unknown): string {
  return (typeof status === 'string' && STATES[status]) || 'unknown';
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/**
 * Whether the control plane answers from the internet: it has a public endpoint (no private
 * endpoint enforced) and master authorised networks are off or include the whole internet.
 */
export function endpointPublic(cluster: Cluster): boolean {
  if (cluster.privateClusterConfig?.enablePrivateEndpoint) return false;
  const authorized = cluster.masterAuthorizedNetworksConfig;
  if (!authorized?.enabled) return true;
  return (authorized.cidrBlocks ?? []).some((b) => WORLD.has(b.cidrBlock ?? ''));
}

/**
 * A GKE cluster, regional or zonal (`zone` set for zonal ones). `version` is the control plane's
 * Kubernetes version, `size` the first node pool's machine type, `nodeCount` the current nodes.
 */
export function normaliseCluster(record: Cluster, project: string): Resource {
  const location = record.location ?? record.zone ?? '';
  const zonal = /-[a-z]$/.test(location);
  const network = record.networkConfig?.network ?? undefined;
  const subnet = record.networkConfig?.subnetwork ?? undefined;
  const isPublic = endpointPublic(record);
  return gcpResource({
    nativeId: `//container.googleapis.com/projects/${project}/locations/${location}/clusters/${record.name}`,
    account: project,
    region: zonal ? regionOfZone(location) : location,
    zone: zonal ? location : undefined,
    type: 'container.cluster',
    nativeType: 'container.googleapis.com/Cluster',
    name: record.name ?? '',
    state: clusterState(record.status),
    tags: labelsOf(record.resourceLabels),
    createdAt: isoTime(record.createTime),
    attributes: {
      version: record.currentMasterVersion ?? undefined,
      nodeVersion: record.currentNodeVersion ?? undefined,
      size: record.nodePools?.[0]?.config?.machineType ?? record.nodeConfig?.machineType ?? undefined,
      nodeCount: record.currentNodeCount ?? undefined,
      nodePools: record.nodePools?.length ?? 0,
      autopilot: record.autopilot?.enabled === true,
      releaseChannel: record.releaseChannel?.channel ?? undefined,
      endpointPublic: isPublic,
      public: isPublic,
      endpoint: record.endpoint ?? undefined,
      privateNodes: record.privateClusterConfig?.enablePrivateNodes === true,
      authorizedNetworks: record.masterAuthorizedNetworksConfig?.enabled
        ? (record.masterAuthorizedNetworksConfig.cidrBlocks ?? []).map((b) => b.cidrBlock ?? '')
        : undefined,
      encrypted: true,
      secretsEncryption: record.databaseEncryption?.state === 'ENCRYPTED',
    },
    relationships: [related('in-vpc', computeIdOf(network)), related('in-subnet', computeIdOf(subnet))],
  });
}
