import { isZone, regionOfZone } from '../catalog.ts';
import { notFound, permissionDenied } from '../errors.ts';
import { findProject, type GcpProject } from '../estate.ts';
import { fingerprint, isoTime } from '../ids.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import type { GkeCluster } from './types.ts';

export function requireProject(call: GcpCall): GcpProject {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw permissionDenied(
      `Permission 'container.clusters.list' denied on resource 'projects/${call.params['project']}' (or it may not exist).`,
    );
  return project;
}

/** Whether a cluster is in a requested location: `-` is every location, a region includes its zones. */
function inLocation(cluster: GkeCluster, location: string): boolean {
  if (location === '-' || cluster.location === location) return true;
  return !isZone(location) && isZone(cluster.location) && regionOfZone(cluster.location) === location;
}

export function clusterJson(base: string, c: GkeCluster, now: number): Record<string, unknown> {
  const region = isZone(c.location) ? regionOfZone(c.location) : c.location;
  const nodes = c.nodePools.reduce((n, p) => n + p.nodeCount * c.zones.length, 0);
  return {
    name: c.name,
    nodeConfig: {
      machineType: c.nodePools[0]?.machineType,
      diskSizeGb: c.nodePools[0]?.diskSizeGb,
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      imageType: 'COS_CONTAINERD',
      serviceAccount: 'default',
      diskType: 'pd-balanced',
    },
    masterAuth: {
      clusterCaCertificate: Buffer.from(
        `-----BEGIN CERTIFICATE-----\n${c.id}\n-----END CERTIFICATE-----\n`,
      ).toString('base64'),
    },
    loggingService: 'logging.googleapis.com/kubernetes',
    monitoringService: 'monitoring.googleapis.com/kubernetes',
    network: c.network,
    clusterIpv4Cidr: c.clusterIpv4Cidr,
    subnetwork: c.subnet,
    nodePools: c.nodePools.map((p) => ({
      name: p.name,
      config: {
        machineType: p.machineType,
        diskSizeGb: p.diskSizeGb,
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        imageType: 'COS_CONTAINERD',
        serviceAccount: 'default',
        diskType: 'pd-balanced',
      },
      initialNodeCount: p.nodeCount,
      autoscaling: p.autoscaling
        ? {
            enabled: true,
            minNodeCount: p.autoscaling.min,
            maxNodeCount: p.autoscaling.max,
            locationPolicy: 'BALANCED',
          }
        : undefined,
      management: { autoUpgrade: true, autoRepair: true },
      maxPodsConstraint: { maxPodsPerNode: '110' },
      podIpv4CidrSize: 24,
      locations: c.zones,
      selfLink: `${base}/v1/projects/${c.project}/locations/${c.location}/clusters/${c.name}/nodePools/${p.name}`,
      version: p.version,
      status: 'RUNNING',
    })),
    locations: c.zones,
    labelFingerprint: fingerprint(c.labels),
    legacyAbac: {},
    ipAllocationPolicy: {
      useIpAliases: true,
      clusterIpv4CidrBlock: c.clusterIpv4Cidr,
      servicesIpv4CidrBlock: c.servicesIpv4Cidr,
      stackType: 'IPV4',
    },
    masterAuthorizedNetworksConfig: c.authorizedNetworks
      ? { enabled: true, cidrBlocks: c.authorizedNetworks }
      : {},
    networkConfig: {
      network: `projects/${c.project}/global/networks/${c.network}`,
      subnetwork: `projects/${c.project}/regions/${region}/subnetworks/${c.subnet}`,
      datapathProvider: 'ADVANCED_DATAPATH',
    },
    privateClusterConfig: {
      enablePrivateNodes: c.enablePrivateNodes,
      enablePrivateEndpoint: c.enablePrivateEndpoint,
      masterIpv4CidrBlock: c.enablePrivateNodes
        ? `${c.privateEndpoint.split('.').slice(0, 3).join('.')}.${Number(c.privateEndpoint.split('.')[3]) - 2}/28`
        : undefined,
      privateEndpoint: c.privateEndpoint,
      publicEndpoint: c.enablePrivateEndpoint ? undefined : c.endpoint,
    },
    databaseEncryption: { state: 'DECRYPTED' },
    shieldedNodes: { enabled: true },
    releaseChannel: { channel: c.releaseChannel },
    workloadIdentityConfig: { workloadPool: `${c.project}.svc.id.goog` },
    selfLink: `${base}/v1/projects/${c.project}/locations/${c.location}/clusters/${c.name}`,
    zone: c.location,
    endpoint: c.enablePrivateEndpoint ? c.privateEndpoint : c.endpoint,
    initialClusterVersion: c.version,
    currentMasterVersion: c.version,
    currentNodeVersion: c.version,
    createTime: isoTime(c.createdMs),
    status: c.busy && now < c.busy.untilMs ? 'RECONCILING' : 'RUNNING',
    servicesIpv4Cidr: c.servicesIpv4Cidr,
    currentNodeCount: nodes,
    location: c.location,
    autopilot: { enabled: c.autopilot },
    id: c.id,
    resourceLabels: Object.keys(c.labels).length ? c.labels : undefined,
    etag: c.id.slice(0, 16),
  };
}

function list(call: GcpCall) {
  const project = requireProject(call).projectId;
  const location = call.params['location'] ?? call.params['zone'] ?? '-';
  const clusters = call.estate.container.clusters.filter(
    (c) => c.project === project && inLocation(c, location),
  );
  return ok({ clusters: clusters.map((c) => clusterJson(call.base, c, call.now)) });
}

/** The path's cluster (locations or legacy zones path), or GKE's 404. */
export function requireCluster(call: GcpCall): GkeCluster {
  const project = requireProject(call).projectId;
  const location = call.params['location'] ?? call.params['zone'] ?? '';
  const cluster = call.estate.container.clusters.find(
    (c) => c.project === project && c.location === location && c.name === call.params['cluster'],
  );
  if (!cluster)
    throw notFound(
      `Not found: projects/${call.params['project']}/locations/${location}/clusters/${call.params['cluster']}.`,
    );
  return cluster;
}

function get(call: GcpCall) {
  return ok(clusterJson(call.base, requireCluster(call), call.now));
}

/** GKE v1 clusters list/get (locations and the legacy zones paths); `-` lists every location. */
export const containerRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations/{location}/clusters',
    service: 'container',
    operation: 'projects.locations.clusters.list',
    handle: list,
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations/{location}/clusters/{cluster}',
    service: 'container',
    operation: 'projects.locations.clusters.get',
    handle: get,
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/zones/{zone}/clusters',
    service: 'container',
    operation: 'projects.zones.clusters.list',
    scope: (p) => ({ region: p['zone'] === '-' ? 'global' : regionOfZone(p['zone'] ?? '') }),
    handle: list,
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/zones/{zone}/clusters/{cluster}',
    service: 'container',
    operation: 'projects.zones.clusters.get',
    scope: (p) => ({ region: regionOfZone(p['zone'] ?? '') }),
    handle: get,
  },
];
