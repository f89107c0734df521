import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, ec2ArnOf } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { nameTag, tagRecord } from '../core/tags.ts';

/** One ingress rule in cloud-neutral form: protocol, port range, sources. */
export interface FirewallRule {
  /** `all`, `tcp`, `udp`, `icmp`, `icmpv6` or the IP protocol number. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  /** CIDRs (IPv4 and IPv6), security group ids, prefix list ids. */
  sources: string[];
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const PROTOCOLS: Record<string, string> = {
  '-1': 'all',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

/**
 * A security group as a `network.firewall`. `ingress` lists its rules neutrally, and `openSsh`,
 * `openRdp`, `openAll` say whether TCP 22, TCP 3389 or every port is open to 0.0.0.0/0 or ::/0
 * (an all-traffic rule opens SSH and RDP too) — what the firewall checks decide on.
 */
export function normaliseSecurityGroup(group: SecurityGroup, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = group.GroupId ?? '';
  const tags = tagRecord(group.Tags);
  const ingress = (group.IpPermissions ?? []).map(toRule);
  const egress = (group.IpPermissionsEgress ?? []).map(toRule);
  const worldRules = ingress.filter((r) => r.sources.some((s) => WORLD.has(s)));
  const peers = (group.IpPermissions ?? []).flatMap((p) =>
    (p.UserIdGroupPairs ?? [])
      .filter((g) => g.GroupId && (!g.UserId || g.UserId === account))
      .map((g) => g.GroupId!),
  );
  return toResource({
    arn: ec2Arn(region, account, 'security-group', id),
    account,
    region,
    type: 'network.firewall',
    nativeType: 'AWS::EC2::SecurityGroup',
    name: nameTag(tags) ?? group.GroupName ?? id,
    tags,
    attributes: {
      groupId: id,
      groupName: group.GroupName,
      description: group.Description,
      vpcId: group.VpcId,
      isDefault: group.GroupName === 'default',
      ingress,
      egress,
      openToWorld: worldRules.length > 0,
      openSsh: worldRules.some((r) => opens(r, 22)),
      openRdp: worldRules.some((r) => opens(r, 3389)),
      openAll: worldRules.some(
        (r) => r.protocol === 'all' || (r.protocol === 'tcp' && r.fromPort === 0 && r.toPort === 65535),
      ),
    },
    relationships: [
      rel('in-vpc', ec2ArnOf(region, account, 'vpc', group.VpcId)),
      ...peers.map((peer) => rel('allows-from', ec2Arn(region, account, 'security-group', peer))),
    ],
  });
}

function toRule(permission: IpPermission): FirewallRule {
  const raw = permission.IpProtocol ?? '-1';
  const protocol = PROTOCOLS[raw] ?? raw;
  const ranged = protocol !== 'all' && permission.FromPort !== undefined && permission.FromPort !== -1;
  return {
    protocol,
    ...(ranged ? { fromPort: permission.FromPort!, toPort: permission.ToPort ?? permission.FromPort! } : {}),
    sources: [
      ...(permission.IpRanges ?? []).map((r) => r.CidrIp ?? ''),
      ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? ''),
      ...(permission.UserIdGroupPairs ?? []).map((g) => g.GroupId ?? ''),
      ...(permission.PrefixListIds ?? []).map((p) => p.PrefixListId ?? ''),
    ].filter(Boolean),
  };
}

function opens(rule: FirewallRule, port: number): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp') return false;
  if (rule.fromPort === undefined) return true;
  return rule.fromPort <= port && port <= (rule.toPort ?? rule.fromPort);
}
