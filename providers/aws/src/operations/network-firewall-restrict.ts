import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, gone, send } from './op-call.ts';

const Range = z
  .object({ cidr: z.string().min(1).max(64), description: z.string().max(255).optional() })
  .strict();

/** One ingress rule exactly as EC2 holds it: protocol, ports, world-facing ranges (with descriptions). */
const RuleSchema = z
  .object({
    /** EC2's IpProtocol: `tcp`, `udp`, `icmp`, `-1` (all) or a protocol number. */
    protocol: z.string().min(1).max(16),
    fromPort: z.number().int().optional(),
    toPort: z.number().int().optional(),
    ipv4: z.array(Range).optional(),
    ipv6: z.array(Range).optional(),
  })
  .strict();
export type FirewallRuleSpec = z.infer<typeof RuleSchema>;

const Port = z.number().int().min(0).max(65535);

/** The catalogue's params, with AWS's shapes for what it narrows. */
const FirewallRestrictParams = operationParams('network.firewall.restrict').extend({
  /** Only rules that open one of these ports (default: every world-open rule). */
  ports: z.array(Port).min(1).optional(),
  /** Exactly these rules (the undo of a restore); default: the world-open ones. */
  rules: z.array(RuleSchema).min(1).optional(),
  /** Undo: the rules an earlier restrict revoked, to be authorised again. */
  restore: z.array(RuleSchema).min(1).optional(),
});

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';

/**
 * Closes a security group to the internet: DescribeSecurityGroups, then
 * RevokeSecurityGroupIngress of every ingress range open to 0.0.0.0/0 or ::/0 (optionally only
 * those covering `ports`), leaving rules from other CIDRs and groups alone. DryRun supported.
 * Undo: `restore` with the exact rules revoked (descriptions included), which
 * AuthorizeSecurityGroupIngress puts back.
 */
export const networkFirewallRestrict = awsOperation({
  id: 'network.firewall.restrict',
  types: ['network.firewall'],
  params: FirewallRestrictParams,
  async run({ target, params, dryRun, ctx }) {
    const GroupId = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    if (params.restore) {
      const IpPermissions = params.restore.map((r) => toPermission(r, true));
      if (dryRun) {
        await ec2DryRun(ctx, 'AuthorizeSecurityGroupIngress', (o) =>
          ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions, DryRun: true }), o),
        );
        return dryRunOk(`EC2 would re-open ${params.restore.length} rule(s) on ${GroupId}`);
      }
      await send(ctx, ec2Op('AuthorizeSecurityGroupIngress'), (o) =>
        ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions }), o),
      );
      return {
        status: 'succeeded',
        message: `${GroupId}: ${params.restore.length} rule(s) restored`,
        undo: { operation: 'network.firewall.restrict', params: { rules: params.restore } },
      };
    }
    let rules = params.rules;
    if (!rules) {
      const out = await send(ctx, ec2Op('DescribeSecurityGroups'), (o) =>
        ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }), o),
      );
      const group = out.SecurityGroups?.[0];
      if (!group) throw gone(target.nativeId);
      rules = worldOpen(group.IpPermissions ?? [], params.ports);
    }
    if (rules.length === 0)
      return { status: 'succeeded', message: `${GroupId} has no rule open to the internet` };
    // Revoke matches on protocol, ports and CIDR; descriptions are only for putting rules back.
    const IpPermissions = rules.map((r) => toPermission(r, false));
    if (dryRun) {
      await ec2DryRun(ctx, 'RevokeSecurityGroupIngress', (o) =>
        ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would revoke ${rules.length} rule(s) on ${GroupId}`);
    }
    await send(ctx, ec2Op('RevokeSecurityGroupIngress'), (o) =>
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions }), o),
    );
    return {
      status: 'succeeded',
      message: `${GroupId}: revoked ${rules.map(label).join(', ')}`,
      undo: { operation: 'network.firewall.restrict', params: { restore: rules } },
    };
  },
});

/** The world-facing part of each ingress permission (only those covering `ports`, if given). */
function worldOpen(
  permissions: readonly IpPermission[],
  ports: readonly number[] | undefined,
): FirewallRuleSpec[] {
  const out: FirewallRuleSpec[] = [];
  for (const p of permissions) {
    const protocol = p.IpProtocol ?? '-1';
    const ranged = protocol !== '-1' && p.FromPort !== undefined && p.FromPort !== -1;
    if (ports && ranged && !ports.some((port) => p.FromPort! <= port && port <= (p.ToPort ?? p.FromPort!)))
      continue;
    const ipv4 = (p.IpRanges ?? [])
      .filter((r) => r.CidrIp === WORLD_V4)
      .map((r) => range(r.CidrIp!, r.Description));
    const ipv6 = (p.Ipv6Ranges ?? [])
      .filter((r) => r.CidrIpv6 === WORLD_V6)
      .map((r) => range(r.CidrIpv6!, r.Description));
    if (ipv4.length + ipv6.length === 0) continue;
    out.push({
      protocol,
      ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
      ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
      ...(ipv4.length ? { ipv4 } : {}),
      ...(ipv6.length ? { ipv6 } : {}),
    });
  }
  return out;
}

function range(cidr: string, description: string | undefined): { cidr: string; description?: string } {
  return { cidr, ...(description ? { description } : {}) };
}

function toPermission(rule: FirewallRuleSpec, withDescriptions: boolean): IpPermission {
  const d = (description: string | undefined) =>
    withDescriptions && description ? { Description: description } : {};
  return {
    IpProtocol: rule.protocol,
    ...(rule.fromPort !== undefined ? { FromPort: rule.fromPort } : {}),
    ...(rule.toPort !== undefined ? { ToPort: rule.toPort } : {}),
    ...(rule.ipv4?.length
      ? { IpRanges: rule.ipv4.map((r) => ({ CidrIp: r.cidr, ...d(r.description) })) }
      : {}),
    ...(rule.ipv6?.length
      ? {
          Ipv6Ranges: rule.ipv6.map((r) => ({ CidrIpv6: r.cidr, ...d(r.description) })),
        }
      : {}),
  };
}

function label(rule: FirewallRuleSpec): string {
  const what =
    rule.protocol === '-1'
      ? 'all traffic'
      : `${rule.protocol} ${rule.fromPort ?? ''}${rule.toPort !== rule.fromPort ? `-${rule.toPort}` : ''}`;
  const from = [...(rule.ipv4 ?? []), ...(rule.ipv6 ?? [])].map((r) => r.cidr).join(' ');
  return `${what.trim()} from ${from}`;
}
