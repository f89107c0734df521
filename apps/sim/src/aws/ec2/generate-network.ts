import type { Environment } from '@escher/protocol';
import type { Rng } from '../../core/rng.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { resourceName } from '../../estate/naming.ts';
import { zonesOf } from './catalog.ts';
import type { Ec2GenScope } from './gen-scope.ts';
import { ec2Id } from './ids.ts';
import { addRule, type RuleSource } from './permissions.ts';
import type { Ec2SecurityGroup, Ec2Subnet, Ec2Vpc, Permission } from './state.ts';

/** A VPC with what the instance generator places into it. */
export interface VpcPlan {
  vpc: Ec2Vpc;
  subnets: Ec2Subnet[];
  /** Custom groups (the VPC's `default` group is `defaultGroup`). */
  groups: Ec2SecurityGroup[];
  defaultGroup: Ec2SecurityGroup;
}

export interface NetworkBudget {
  vpcs: number;
  subnets: number;
  securityGroups: number;
}

const SG_ROLES = ['web', 'api', 'app', 'db', 'cache', 'bastion', 'worker', 'lb', 'internal'] as const;

/**
 * VPCs (the first is the region's default VPC, 172.31.0.0/16 with a /20 default subnet per zone),
 * subnets spread over the zones, and security groups: each VPC's `default` group plus custom groups
 * whose rules follow their role, with world-open SSH / RDP / all-traffic rules drawn at
 * MISCONFIG_RATES. Every region in use has at least one VPC, subnet and group.
 */
export function generateNetwork(g: Ec2GenScope, budget: NetworkBudget): VpcPlan[] {
  const rng = g.ctx.rng.fork('ec2-network');
  const zones = zonesOf(g.region);
  const vpcCount = Math.max(1, budget.vpcs);
  const subnetCount = Math.max(vpcCount, budget.subnets);
  const groupCount = Math.max(vpcCount, budget.securityGroups);
  const plans: VpcPlan[] = [];

  for (let v = 0; v < vpcCount; v++) {
    const isDefault = v === 0;
    const { app, env } = g.owner(rng);
    const id = ec2Id(rng, 'vpc');
    const name = isDefault ? undefined : resourceName(rng, app, 'vpc', env, v);
    const tags = g.tags(rng, app, env, name);
    const vpc: Ec2Vpc = {
      id,
      cidr: isDefault ? '172.31.0.0/16' : `10.${v % 256}.0.0/16`,
      cidrAssociationId: ec2Id(rng, 'vpc-cidr-assoc'),
      isDefault,
      dhcpOptionsId: ec2Id(rng, 'dopt'),
      ownerId: g.account,
      tags,
    };
    g.state.vpcs.set(id, vpc);
    g.record('network.vpc', 'vpc', id, tags);
    const defaultGroup = securityGroup(g, rng, vpc, 'default', 'default VPC security group', app, env);
    plans.push({ vpc, subnets: [], groups: [], defaultGroup });
  }

  for (let s = 0; s < subnetCount; s++) {
    const plan = plans[s % vpcCount]!;
    const k = plan.subnets.length;
    const zone = zones[k % zones.length]!;
    const { vpc } = plan;
    const defaultForAz = vpc.isDefault && k < zones.length;
    const isPublic = vpc.isDefault || k % 3 === 1;
    const octets = vpc.cidr.split('.');
    const cidr = vpc.isDefault
      ? k < 16
        ? `172.31.${k * 16}.0/20`
        : `172.31.${k % 256}.128/25`
      : `${octets[0]}.${octets[1]}.${k % 256}.0/24`;
    const { app, env } = g.owner(rng);
    const tier = isPublic ? 'public' : 'private';
    const name =
      vpc.isDefault && defaultForAz
        ? undefined
        : `${vpc.tags['Name'] ?? 'vpc'}-${tier}-${zone.name.slice(-1)}`;
    const id = ec2Id(rng, 'subnet');
    const tags = g.tags(rng, app, env, name);
    const size = Number(cidr.split('/')[1]);
    const subnet: Ec2Subnet = {
      id,
      vpcId: vpc.id,
      cidr,
      az: zone.name,
      azId: zone.id,
      availableIps: 2 ** (32 - size) - 5,
      defaultForAz,
      mapPublicIpOnLaunch: isPublic,
      ownerId: g.account,
      tags,
      nextHost: 4 + rng.int(0, 20),
    };
    g.state.subnets.set(id, subnet);
    g.record('network.subnet', 'subnet', id, tags);
    plan.subnets.push(subnet);
  }

  for (let i = vpcCount; i < groupCount; i++) {
    // Custom groups go mostly to custom VPCs, as teams rarely build in the default one.
    const plan = vpcCount > 1 && rng.chance(0.85) ? plans[rng.int(1, vpcCount - 1)]! : rng.pick(plans);
    const { app, env } = g.owner(rng);
    const role = rng.pick(SG_ROLES);
    const name = `${resourceName(rng, app, role, env, i)}-sg`;
    plan.groups.push(
      securityGroup(g, rng, plan.vpc, name, `${role} tier for ${app}`, app, env, role, plan.groups),
    );
  }
  return plans;
}

function securityGroup(
  g: Ec2GenScope,
  rng: Rng,
  vpc: Ec2Vpc,
  name: string,
  description: string,
  app: string,
  env: Environment,
  role?: (typeof SG_ROLES)[number],
  peers: readonly Ec2SecurityGroup[] = [],
): Ec2SecurityGroup {
  const id = ec2Id(rng, 'sg');
  const tags = g.tags(rng, app, env, name === 'default' ? undefined : name);
  const ingress: Permission[] = [];
  const self: RuleSource = { group: { groupId: id, userId: g.account } };
  if (!role) addRule(ingress, '-1', undefined, undefined, self);
  else roleRules(rng, ingress, role, vpc, peers, g.account);

  // World-open rules at the documented rates; an all-traffic rule opens SSH and RDP too.
  const rates = MISCONFIG_RATES;
  const all = rates['network.firewall.open-all'];
  const openAll = g.draw(rng, 'network.firewall.open-all');
  const openSsh =
    openAll ||
    g.draw(rng, 'network.firewall.open-ssh', (rates['network.firewall.open-ssh'] - all) / (1 - all));
  const openRdp =
    openAll ||
    g.draw(rng, 'network.firewall.open-rdp', (rates['network.firewall.open-rdp'] - all) / (1 - all));
  const world = (): RuleSource => (rng.chance(0.2) ? { ipv6: '::/0' } : { ipv4: '0.0.0.0/0' });
  if (openAll) {
    addRule(ingress, '-1', undefined, undefined, world());
    g.misconfig('network.firewall.open-all', 'security-group', id);
  } else {
    if (openSsh)
      addRule(ingress, 'tcp', 22, 22, {
        ...world(),
        description: rng.pick([undefined, 'ssh', 'temp debug access']),
      });
    if (openRdp)
      addRule(ingress, 'tcp', 3389, 3389, { ...world(), description: rng.pick([undefined, 'rdp']) });
  }
  if (openSsh) g.misconfig('network.firewall.open-ssh', 'security-group', id);
  if (openRdp) g.misconfig('network.firewall.open-rdp', 'security-group', id);

  const egress: Permission[] = [];
  addRule(egress, '-1', undefined, undefined, { ipv4: '0.0.0.0/0' });
  const group: Ec2SecurityGroup = {
    id,
    name,
    description,
    vpcId: vpc.id,
    ownerId: g.account,
    ingress,
    egress,
    tags,
  };
  g.state.securityGroups.set(id, group);
  g.record('network.firewall', 'security-group', id, tags);
  return group;
}

/** Rules that fit a group's role; none of them opens SSH, RDP or everything to the world. */
function roleRules(
  rng: Rng,
  ingress: Permission[],
  role: (typeof SG_ROLES)[number],
  vpc: Ec2Vpc,
  peers: readonly Ec2SecurityGroup[],
  account: string,
): void {
  const peer = (): RuleSource =>
    peers.length > 0 && rng.chance(0.6)
      ? { group: { groupId: rng.pick(peers).id, userId: account } }
      : { ipv4: vpc.cidr };
  switch (role) {
    case 'web':
    case 'lb':
      addRule(ingress, 'tcp', 443, 443, { ipv4: '0.0.0.0/0', description: 'HTTPS' });
      if (rng.chance(0.6))
        addRule(ingress, 'tcp', 80, 80, { ipv4: '0.0.0.0/0', description: 'HTTP redirect' });
      if (rng.chance(0.4)) addRule(ingress, 'tcp', 443, 443, { ipv6: '::/0' });
      break;
    case 'api':
    case 'app':
      addRule(ingress, 'tcp', 8080, 8080, peer());
      if (rng.chance(0.3)) addRule(ingress, 'tcp', 8443, 8443, peer());
      break;
    case 'db':
      addRule(ingress, 'tcp', rng.pick([5432, 3306, 1433, 27017]), undefined, peer());
      break;
    case 'cache':
      addRule(ingress, 'tcp', rng.pick([6379, 11211]), undefined, peer());
      break;
    case 'bastion':
      addRule(ingress, 'tcp', 22, 22, {
        ipv4: rng.pick(['203.0.113.0/24', '198.51.100.17/32', '192.0.2.0/28']),
        description: 'office VPN',
      });
      break;
    case 'worker':
      if (rng.chance(0.5)) addRule(ingress, 'tcp', 9090, 9100, { ipv4: vpc.cidr, description: 'metrics' });
      break;
    case 'internal':
      addRule(ingress, 'tcp', 0, 65535, { ipv4: vpc.cidr });
      break;
  }
}
