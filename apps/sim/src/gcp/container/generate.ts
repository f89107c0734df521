import { COMMON_MACHINE_TYPES, GKE_VERSIONS, zonesOf } from '../catalog.ts';
import { fullName } from '../ids.ts';
import {
  counted,
  drawMisconfig,
  envAndApp,
  labelsFor,
  NameSet,
  type GcpGenContext,
} from '../generate-context.ts';
import type { GkeCluster, GkeNodePool } from './types.ts';

const DAY = 86_400_000;

export function clusterFullName(c: Pick<GkeCluster, 'project' | 'location' | 'name'>): string {
  return fullName('container', `projects/${c.project}/locations/${c.location}/clusters/${c.name}`);
}

/**
 * GKE clusters of one project, regional or zonal. A public endpoint
 * (`container.cluster.public-endpoint`) means the control plane answers on a public IP with no
 * authorised networks (or with `0.0.0.0/0`); others have a private endpoint or restrict it to
 * named CIDRs.
 */
export function generateClusters(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('gke');
  const { projectId } = ctx.project;
  const subnets = ctx.estate.compute.subnetworks.list(projectId);
  const names = new NameSet();
  for (let i = 0; i < ctx.budget.clusters; i++) {
    const { env, app } = envAndApp(ctx, rng);
    const region = rng.pick(ctx.project.regions);
    const zones = zonesOf(region);
    const regional = rng.chance(0.6);
    const location = regional ? region : rng.pick(zones);
    const subnet = subnets.find((s) => s.scope === region) ?? subnets[0]!;
    const version = rng.pick(GKE_VERSIONS);
    const autopilot = rng.chance(0.25);
    const cluster: GkeCluster = {
      project: projectId,
      location,
      name: names.take(rng.chance(0.5) ? `${app}-${env}-gke` : `${env}-cluster-${i + 1}`),
      id: rng.hex(32),
      createdMs: ctx.epoch - rng.int(10, 800) * DAY - rng.int(0, DAY - 1),
      version,
      network: subnet.network,
      subnet: subnet.name,
      endpoint: ctx.nextExternalIp(),
      privateEndpoint: `172.16.${rng.int(0, 255)}.${rng.int(1, 14) * 16 + 2}`,
      enablePrivateNodes: rng.chance(0.6),
      enablePrivateEndpoint: false,
      autopilot,
      releaseChannel: rng.pick(['REGULAR', 'REGULAR', 'STABLE', 'RAPID'] as const),
      nodePools: [],
      labels: {},
      clusterIpv4Cidr: `10.${rng.int(100, 120)}.0.0/14`,
      servicesIpv4Cidr: `10.${rng.int(121, 127)}.${rng.int(0, 15) * 16}.0/20`,
      zones: regional ? zones.slice(0, 3) : [location],
    };
    const id = clusterFullName(cluster);
    if (drawMisconfig(ctx, rng, 'container.cluster.public-endpoint', id)) {
      if (rng.chance(0.3)) cluster.authorizedNetworks = [{ displayName: 'anywhere', cidrBlock: '0.0.0.0/0' }];
    } else if (rng.chance(0.4)) {
      cluster.enablePrivateNodes = true;
      cluster.enablePrivateEndpoint = true;
      cluster.authorizedNetworks = [{ displayName: 'vpc', cidrBlock: '10.0.0.0/8' }];
    } else {
      cluster.authorizedNetworks = [
        { displayName: 'office', cidrBlock: `203.0.113.${rng.int(0, 15) * 16}/28` },
        ...(rng.chance(0.5)
          ? [{ displayName: 'ci', cidrBlock: `198.51.100.${rng.int(0, 15) * 16}/28` }]
          : []),
      ];
    }
    const pools = autopilot ? 1 : rng.int(1, 3);
    for (let p = 0; p < pools; p++) cluster.nodePools.push(nodePool(rng, p, version, autopilot));
    cluster.labels = labelsFor(ctx, rng, id, env, app);
    ctx.estate.container.clusters.push(cluster);
    counted(ctx, 'container.cluster');
  }
}

function nodePool(
  rng: GcpGenContext['rng'],
  index: number,
  version: string,
  autopilot: boolean,
): GkeNodePool {
  const autoscale = autopilot || rng.chance(0.6);
  const min = rng.int(1, 3);
  return {
    name: autopilot
      ? 'default-pool'
      : index === 0
        ? 'default-pool'
        : rng.pick(['highmem-pool', 'spot-pool', 'gpu-pool', 'batch-pool', `pool-${index + 1}`]),
    machineType: autopilot ? 'e2-standard-4' : rng.weighted(COMMON_MACHINE_TYPES),
    nodeCount: rng.int(1, 6),
    diskSizeGb: rng.pick([50, 100, 100, 200]),
    autoscaling: autoscale ? { min, max: min + rng.int(2, 10) } : undefined,
    version,
  };
}
