import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import { checkDryRun } from './ec2-request.ts';
import { groupsByName } from './describe-security-groups.ts';
import { isEc2Id } from './ids.ts';
import { normaliseProtocol, removeRule, renderPermissions, type RuleSource } from './permissions.ts';
import type { Ec2State, Permission } from './state.ts';

interface Requested {
  protocol: string;
  fromPort: number | undefined;
  toPort: number | undefined;
  sources: RuleSource[];
}

/**
 * RevokeSecurityGroupIngress by `GroupId` (or `GroupName` in the default VPC) with
 * `IpPermissions.N.*` (or the legacy top-level `IpProtocol`/`FromPort`/`ToPort`/`CidrIp`).
 * When no requested rule exists: InvalidPermission.NotFound. When some do: they go, and the
 * others come back in `unknownIpPermissionSet` with `return true`.
 */
export const revokeSecurityGroupIngress: AwsOperation = {
  name: 'RevokeSecurityGroupIngress',
  mutating: true,
  handle: ({ params, regionState }) => {
    const ec2 = regionState.ec2;
    const group = targetGroup(ec2, params);
    if (params.list('SecurityGroupRuleId').length > 0) {
      const id = params.list('SecurityGroupRuleId')[0]!;
      throw new AwsError(
        'InvalidSecurityGroupRuleId.NotFound',
        `The security group rule ID '${id}' does not exist`,
      );
    }
    const requested = requestedPermissions(params, ec2);
    if (requested.length === 0)
      throw new AwsError('MissingParameter', 'The request must contain the parameter ipPermissions');
    const ingress = structuredClone(group.ingress);
    const unknown: Permission[] = [];
    let removed = 0;
    for (const r of requested) {
      for (const source of r.sources) {
        if (removeRule(ingress, r.protocol, r.fromPort, r.toPort, source)) removed++;
        else
          unknown.push({
            protocol: normaliseProtocol(r.protocol),
            fromPort: r.fromPort,
            toPort: r.toPort,
            ipv4: source.ipv4 ? [{ cidr: source.ipv4 }] : [],
            ipv6: source.ipv6 ? [{ cidr: source.ipv6 }] : [],
            groups: source.group ? [source.group] : [],
            prefixLists: source.prefixListId ? [{ prefixListId: source.prefixListId }] : [],
          });
      }
    }
    if (removed === 0)
      throw new AwsError(
        'InvalidPermission.NotFound',
        'The specified rule does not exist in this security group.',
      );
    checkDryRun(params);
    group.ingress = ingress;
    return {
      return: true,
      unknownIpPermissionSet: unknown.length > 0 ? renderPermissions(unknown) : undefined,
    };
  },
};

function targetGroup(
  ec2: Ec2State,
  params: QueryParams,
): NonNullable<ReturnType<Ec2State['securityGroups']['get']>> {
  const id = params.get('GroupId');
  if (id) {
    if (!isEc2Id(id, 'sg'))
      throw new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`);
    const group = ec2.securityGroups.get(id);
    if (!group) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    return group;
  }
  const name = params.get('GroupName');
  if (!name)
    throw new AwsError('MissingParameter', 'The request must contain the parameter groupId or groupName');
  return groupsByName(ec2, [name])[0]!;
}

function port(params: QueryParams, name: string): number | undefined {
  return params.int(name);
}

function requestedPermissions(params: QueryParams, ec2: Ec2State): Requested[] {
  const out: Requested[] = params.structs('IpPermissions').map((p) => {
    const sources: RuleSource[] = [
      ...p.structs('IpRanges').map((r) => ({ ipv4: r.require('CidrIp') })),
      ...p.structs('Ipv6Ranges').map((r) => ({ ipv6: r.require('CidrIpv6') })),
      ...p
        .structs('Groups')
        .map((g) => ({ group: { groupId: groupIdOf(ec2, g), userId: g.get('UserId') ?? '' } })),
      ...p.structs('PrefixListIds').map((r) => ({ prefixListId: r.require('PrefixListId') })),
    ];
    return {
      protocol: p.require('IpProtocol'),
      fromPort: port(p, 'FromPort'),
      toPort: port(p, 'ToPort'),
      sources,
    };
  });
  const legacyProtocol = params.get('IpProtocol');
  const cidr = params.get('CidrIp');
  const sourceGroup = params.get('SourceSecurityGroupName');
  if (legacyProtocol || cidr || sourceGroup) {
    const protocol = legacyProtocol ?? '-1';
    const sources: RuleSource[] = [];
    if (cidr) sources.push({ ipv4: cidr });
    if (sourceGroup)
      sources.push({ group: { groupId: groupsByName(ec2, [sourceGroup])[0]!.id, userId: '' } });
    out.push({ protocol, fromPort: port(params, 'FromPort'), toPort: port(params, 'ToPort'), sources });
  }
  return out;
}

function groupIdOf(ec2: Ec2State, pair: QueryParams): string {
  const id = pair.get('GroupId');
  if (id) return id;
  const name = pair.require('GroupName');
  return groupsByName(ec2, [name])[0]!.id;
}
