/**
 * ELBv2 generation for one account and region, after EC2 (it places load balancers in this
 * region's VPCs and registers this region's instances).
 *
 * Native ids recorded in the manifest (SPEC section 3):
 * - application LB `arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/{16 hex}`
 * - network LB     `arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/net/{name}/{16 hex}`
 * Target groups (`…:targetgroup/{name}/{16 hex}`) are not SPEC resources and are not counted.
 */
import { isTagged, generateTags } from '../../estate/tags.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { APPS, ENV_WEIGHTS, envToken } from '../../estate/naming.ts';
import type { Rng } from '../../core/rng.ts';
import type { Ec2Instance, Ec2State, Ec2Subnet } from '../ec2/state.ts';
import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';
import { hostedZoneId } from './hosted-zones.ts';
import type { LoadBalancer, Target, TargetGroup } from './state.ts';

const FAILURES = ['Target.FailedHealthChecks', 'Target.ResponseCodeMismatch', 'Target.Timeout'] as const;

/** Generates `budget.loadBalancers` load balancers with target groups into `region.elbv2`. */
export function generateElbv2(ctx: AwsGenContext, region: AwsRegionState, budget: AwsBudget): void {
  const rng = ctx.rng.fork('elbv2');
  const ec2 = region.ec2;
  const vpcs = vpcCandidates(ec2);
  if (vpcs.length === 0) return;
  const names = new Set<string>();
  const home = ctx.regions[0] === ctx.region;
  for (let n = 0; n < budget.loadBalancers; n++) {
    const vpc = rng.weighted(vpcs.map((v) => [v, 1 + Math.min(20, v.instances.length)] as const));
    const app = rng.pick(APPS);
    const env = rng.weighted(ENV_WEIGHTS);
    // The account's home region always has a network load balancer beside its application ones.
    const type = rng.chance(0.75) && !(home && n === 1) ? 'application' : 'network';
    const scheme = rng.chance(0.7) ? 'internet-facing' : 'internal';
    const name = uniqueName(
      rng,
      names,
      `${app}-${envToken(rng, env)}-${type === 'application' ? 'alb' : 'nlb'}`,
    );
    const id = rng.hex(16);
    const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account.id}:loadbalancer/${type === 'application' ? 'app' : 'net'}/${name}/${id}`;
    const subnets = spreadSubnets(rng, vpc.subnets, scheme === 'internet-facing');
    const tags = generateTags(
      rng,
      { env, app, untagged: rng.chance(MISCONFIG_RATES['resource.untagged']) },
      'aws',
    );
    const lb: LoadBalancer = {
      arn,
      name,
      type,
      scheme,
      vpcId: vpc.id,
      zones: subnets.map((s) => ({ zoneName: s.az, subnetId: s.id })),
      securityGroupIds: type === 'application' ? lbGroups(rng, ec2, vpc.id) : [],
      dnsName: dnsName(rng, ctx.region, name, type, scheme),
      canonicalHostedZoneId: hostedZoneId(ctx.region, type),
      createdTime: ctx.epoch - rng.int(86_400, 800 * 86_400) * 1000,
      tags,
    };
    region.elbv2.loadBalancers.set(arn, lb);
    ctx.manifest.resource('aws', ctx.account.id, 'network.loadbalancer');
    if (!isTagged(tags)) ctx.manifest.misconfig('resource.untagged', arn);

    const groupCount = type === 'application' && rng.chance(0.4) ? 2 : 1;
    for (let k = 0; k < groupCount; k++) {
      const group = targetGroup(rng, ctx, names, lb, vpc.instances, app, k);
      group.tags = { ...tags };
      region.elbv2.targetGroups.set(group.arn, group);
    }
  }
}

interface VpcCandidate {
  id: string;
  subnets: Ec2Subnet[];
  instances: Ec2Instance[];
}

function vpcCandidates(ec2: Ec2State): VpcCandidate[] {
  const byVpc = new Map<string, VpcCandidate>();
  for (const vpc of ec2.vpcs.values()) byVpc.set(vpc.id, { id: vpc.id, subnets: [], instances: [] });
  for (const subnet of ec2.subnets.values()) byVpc.get(subnet.vpcId)?.subnets.push(subnet);
  for (const instance of ec2.instances.values()) byVpc.get(instance.vpcId)?.instances.push(instance);
  return [...byVpc.values()].filter((v) => v.subnets.length > 0);
}

/** Subnets in distinct zones (up to three), public ones first for internet-facing balancers. */
function spreadSubnets(rng: Rng, subnets: readonly Ec2Subnet[], internetFacing: boolean): Ec2Subnet[] {
  const preferred = subnets.filter((s) => s.mapPublicIpOnLaunch === internetFacing);
  const pool = [...(preferred.length > 0 ? preferred : subnets)];
  const out: Ec2Subnet[] = [];
  while (pool.length > 0 && out.length < 3) {
    const subnet = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    if (!out.some((s) => s.az === subnet.az)) out.push(subnet);
  }
  return out;
}

function lbGroups(rng: Rng, ec2: Ec2State, vpcId: string): string[] {
  const groups = [...ec2.securityGroups.values()].filter((g) => g.vpcId === vpcId);
  const web = groups.filter((g) => /-(web|lb)-/.test(g.name));
  const pick = web.length > 0 ? rng.pick(web) : groups.find((g) => g.name === 'default');
  return pick ? [pick.id] : [];
}

function targetGroup(
  rng: Rng,
  ctx: AwsGenContext,
  names: Set<string>,
  lb: LoadBalancer,
  instances: readonly Ec2Instance[],
  app: string,
  k: number,
): TargetGroup {
  const protocol = lb.type === 'network' ? 'TCP' : rng.chance(0.8) ? 'HTTP' : 'HTTPS';
  const port =
    lb.type === 'network'
      ? rng.pick([443, 6379, 9092, 5432])
      : protocol === 'HTTPS'
        ? 443
        : rng.pick([80, 8080, 3000]);
  const name = uniqueName(rng, names, `${app}-tg-${k === 0 ? port : 'blue'}`);
  const members = pickInstances(rng, instances, rng.int(1, 6));
  const targets: Target[] = members.map((i) => {
    const healthy = rng.chance(0.85);
    return {
      id: i.id,
      port,
      health: healthy ? 'healthy' : 'unhealthy',
      reason: healthy ? undefined : rng.pick(FAILURES),
    };
  });
  return {
    arn: `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account.id}:targetgroup/${name}/${rng.hex(16)}`,
    name,
    protocol,
    port,
    vpcId: lb.vpcId,
    loadBalancerArns: [lb.arn],
    healthCheckPath:
      protocol === 'HTTP' || protocol === 'HTTPS'
        ? rng.pick(['/', '/health', '/healthz', '/status'])
        : undefined,
    targets,
    tags: {},
  };
}

function pickInstances(rng: Rng, instances: readonly Ec2Instance[], n: number): Ec2Instance[] {
  if (instances.length <= n) return [...instances];
  const chosen = new Set<Ec2Instance>();
  while (chosen.size < n) chosen.add(rng.pick(instances));
  return [...chosen];
}

/** ELB names: at most 32 characters of letters, digits and hyphens, unique in the region. */
function uniqueName(rng: Rng, taken: Set<string>, base: string): string {
  let name = base.slice(0, 32).replace(/-+$/, '');
  while (taken.has(name)) name = `${base.slice(0, 27).replace(/-+$/, '')}-${rng.int(1, 9999)}`;
  taken.add(name);
  return name;
}

function dnsName(
  rng: Rng,
  region: string,
  name: string,
  type: LoadBalancer['type'],
  scheme: LoadBalancer['scheme'],
): string {
  const prefix = scheme === 'internal' ? 'internal-' : '';
  return type === 'application'
    ? `${prefix}${name}-${rng.digits(10)}.${region}.elb.amazonaws.com`
    : `${prefix}${name}-${rng.hex(16)}.elb.${region}.amazonaws.com`;
}
