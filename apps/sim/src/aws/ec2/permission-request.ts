import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import { groupsByName } from './describe-security-groups.ts';
import { isEc2Id } from './ids.ts';
import type { RuleSource } from './permissions.ts';
import type { Ec2SecurityGroup, Ec2State } from './state.ts';

/** One `IpPermissions.N` of an Authorize/Revoke request: a protocol and port range with its sources. */
export interface RequestedPermission {
  protocol: string;
  fromPort: number | undefined;
  toPort: number | undefined;
  sources: RuleSource[];
}

/** The group an Authorize/Revoke call names: `GroupId`, or `GroupName` in the default VPC. */
export function targetGroup(ec2: Ec2State, params: QueryParams): Ec2SecurityGroup {
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

/**
 * The permissions of a request: `IpPermissions.N.*` (ranges with their optional descriptions), or
 * the legacy top-level `IpProtocol` / `FromPort` / `ToPort` / `CidrIp` / `SourceSecurityGroupName`.
 */
export function requestedPermissions(params: QueryParams, ec2: Ec2State): RequestedPermission[] {
  const out: RequestedPermission[] = params.structs('IpPermissions').map((p) => {
    const sources: RuleSource[] = [
      ...p.structs('IpRanges').map((r) => ({ ipv4: r.require('CidrIp'), description: r.get('Description') })),
      ...p
        .structs('Ipv6Ranges')
        .map((r) => ({ ipv6: r.require('CidrIpv6'), description: r.get('Description') })),
      ...p.structs('Groups').map((g) => ({
        group: { groupId: groupIdOf(ec2, g), userId: g.get('UserId') ?? '' },
        description: g.get('Description'),
      })),
      ...p
        .structs('PrefixListIds')
        .map((r) => ({ prefixListId: r.require('PrefixListId'), description: r.get('Description') })),
    ];
    return {
      protocol: p.require('IpProtocol'),
      fromPort: p.int('FromPort'),
      toPort: p.int('ToPort'),
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
    out.push({ protocol, fromPort: params.int('FromPort'), toPort: params.int('ToPort'), sources });
  }
  return out;
}

function groupIdOf(ec2: Ec2State, pair: QueryParams): string {
  const id = pair.get('GroupId');
  if (id) return id;
  const name = pair.require('GroupName');
  return groupsByName(ec2, [name])[0]!.id;
}
