import { zonesOf } from './catalog.ts';
import { ec2Id } from './ids.ts';
import type { Ec2State, Ec2Subnet, Ec2Vpc } from './state.ts';

/**
 * The region's default VPC, created on first need (every real account has one per region, but the
 * simulator only generates VPCs in regions it uses): 172.31.0.0/16, a /20 default subnet per zone
 * and a `default` security group.
 */
export function ensureDefaultVpc(ec2: Ec2State, region: string, account: string): Ec2Vpc | undefined {
  for (const vpc of ec2.vpcs.values()) if (vpc.isDefault) return vpc;
  if (ec2.vpcs.size > 0) return undefined;
  const rng = ec2.rng;
  const vpc: Ec2Vpc = {
    id: ec2Id(rng, 'vpc'),
    cidr: '172.31.0.0/16',
    cidrAssociationId: ec2Id(rng, 'vpc-cidr-assoc'),
    isDefault: true,
    dhcpOptionsId: ec2Id(rng, 'dopt'),
    ownerId: account,
    tags: {},
  };
  ec2.vpcs.set(vpc.id, vpc);
  zonesOf(region).forEach((zone, k) => {
    const subnet: Ec2Subnet = {
      id: ec2Id(rng, 'subnet'),
      vpcId: vpc.id,
      cidr: `172.31.${k * 16}.0/20`,
      az: zone.name,
      azId: zone.id,
      availableIps: 4091,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      ownerId: account,
      tags: {},
      nextHost: 4,
    };
    ec2.subnets.set(subnet.id, subnet);
  });
  const groupId = ec2Id(rng, 'sg');
  ec2.securityGroups.set(groupId, {
    id: groupId,
    name: 'default',
    description: 'default VPC security group',
    vpcId: vpc.id,
    ownerId: account,
    ingress: [
      { protocol: '-1', ipv4: [], ipv6: [], groups: [{ groupId, userId: account }], prefixLists: [] },
    ],
    egress: [{ protocol: '-1', ipv4: [{ cidr: '0.0.0.0/0' }], ipv6: [], groups: [], prefixLists: [] }],
    tags: {},
  });
  return vpc;
}
