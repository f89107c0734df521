import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { envToken } from '../../estate/naming.ts';
import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';
import { vpcPlacements } from '../network-view.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import type { EksCluster } from './state.ts';

const DAY = 86_400_000;
const VERSIONS = ['1.29', '1.30', '1.31', '1.32', '1.33'];

/**
 * Generates this region's EKS clusters in this region's VPCs (subnets and security groups from
 * EC2). `container.cluster.public-endpoint`: the public endpoint is on and open to 0.0.0.0/0; the
 * others are private-only or public but limited to office CIDRs. Role:
 * `arn:aws:iam::{account}:role/{name}-cluster-role` (IAM creates it).
 * Native id: `arn:aws:eks:{region}:{account}:cluster/{name}`.
 */
export function generateEks(ctx: AwsGenContext, region: AwsRegionState, budget: AwsBudget): void {
  const rng = ctx.rng.fork('eks');
  const { account, manifest } = ctx;
  const vpcs = vpcPlacements(region);
  const state = region.eks;
  for (let i = 0; i < budget.clusters; i++) {
    const labels = drawLabels(rng);
    const base = `${labels.app}-${envToken(rng, labels.env)}-eks`;
    let name = base;
    for (let n = 2; state.byName.has(name); n++) name = `${base}-${n}`;
    const arn = `arn:aws:eks:${ctx.region}:${account.id}:cluster/${name}`;
    const open = rng.chance(MISCONFIG_RATES['container.cluster.public-endpoint']);
    const privateOnly = !open && rng.chance(0.5);
    const vpc = vpcs.length ? rng.pick(vpcs) : undefined;
    const id = rng.hex(32).toUpperCase();
    const minor = rng.int(1, 12);
    const cluster: EksCluster = {
      name,
      arn,
      createdAt: ctx.epoch - rng.int(30, 1000) * DAY - rng.int(0, 86_399) * 1000,
      version: rng.pick(VERSIONS),
      platformVersion: `eks.${minor}`,
      endpoint: `https://${id}.gr7.${ctx.region}.eks.amazonaws.com`,
      roleArn: `arn:aws:iam::${account.id}:role/${name}-cluster-role`,
      vpcId: vpc?.vpcId,
      subnetIds: vpc ? vpc.subnets.slice(0, 3).map((s) => s.id) : [],
      securityGroupIds: vpc ? vpc.securityGroupIds.slice(0, 1) : [],
      clusterSecurityGroupId: `sg-${rng.hex(17)}`,
      endpointPublicAccess: !privateOnly,
      endpointPrivateAccess: privateOnly || rng.chance(0.5),
      publicAccessCidrs: open
        ? ['0.0.0.0/0']
        : privateOnly
          ? ['0.0.0.0/0']
          : [`203.0.113.${rng.int(0, 7) * 32}/27`, `198.51.100.${rng.int(0, 15) * 16}/28`],
      serviceIpv4Cidr: rng.pick(['10.100.0.0/16', '172.20.0.0/16']),
      oidcIssuer: `https://oidc.eks.${ctx.region}.amazonaws.com/id/${id}`,
      certificateData: Buffer.from(
        `-----BEGIN CERTIFICATE-----\nescher-sim ${name}\n-----END CERTIFICATE-----\n`,
      ).toString('base64'),
      loggingEnabled: rng.chance(0.4),
      clientRequestToken: rng.uuid(),
      tags: labels.tags,
    };
    if (open) manifest.misconfig('container.cluster.public-endpoint', arn);
    state.clusters.push(cluster);
    state.byName.set(name, cluster);
    manifest.resource('aws', account.id, 'container.cluster');
    recordUntagged(manifest, arn, cluster.tags);
  }
}
