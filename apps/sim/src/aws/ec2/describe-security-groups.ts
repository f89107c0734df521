import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { checkDryRun, idList, pageOf, tagSet } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { renderPermissions } from './permissions.ts';
import type { Ec2SecurityGroup, Ec2State, Permission } from './state.ts';

const cidrs = (perms: readonly Permission[]): string[] => perms.flatMap((p) => p.ipv4.map((r) => r.cidr));
const FILTERS: FilterTable<Ec2SecurityGroup> = {
  'group-id': (g) => g.id,
  'group-name': (g) => g.name,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': (g) => g.ownerId,
  'ip-permission.cidr': (g) => cidrs(g.ingress),
  'ip-permission.ipv6-cidr': (g) => g.ingress.flatMap((p) => p.ipv6.map((r) => r.cidr)),
  'ip-permission.from-port': (g) => g.ingress.map((p) => p.fromPort ?? -1),
  'ip-permission.to-port': (g) => g.ingress.map((p) => p.toPort ?? -1),
  'ip-permission.protocol': (g) => g.ingress.map((p) => p.protocol),
  'ip-permission.group-id': (g) => g.ingress.flatMap((p) => p.groups.map((x) => x.groupId)),
  'egress.ip-permission.cidr': (g) => cidrs(g.egress),
  'egress.ip-permission.protocol': (g) => g.egress.map((p) => p.protocol),
};

/** One `securityGroupInfo/item`. */
export function securityGroupXml(g: Ec2SecurityGroup, region: string): object {
  return {
    ownerId: g.ownerId,
    groupId: g.id,
    groupName: g.name,
    groupDescription: g.description,
    ipPermissions: renderPermissions(g.ingress),
    ipPermissionsEgress: renderPermissions(g.egress),
    vpcId: g.vpcId,
    securityGroupArn: `arn:aws:ec2:${region}:${g.ownerId}:security-group/${g.id}`,
    tagSet: tagSet(g.tags),
  };
}

/** Groups named in `GroupName.N`: names are unique per VPC, and EC2 looks them up in the default VPC. */
export function groupsByName(ec2: Ec2State, names: readonly string[]): Ec2SecurityGroup[] {
  const defaultVpc = [...ec2.vpcs.values()].find((v) => v.isDefault)?.id;
  return names.map((name) => {
    for (const g of ec2.securityGroups.values()) if (g.name === name && g.vpcId === defaultVpc) return g;
    throw new AwsError(
      'InvalidGroup.NotFound',
      `The security group '${name}' does not exist in default VPC '${defaultVpc ?? 'none'}'`,
    );
  });
}

/** DescribeSecurityGroups: `GroupId.N`, `GroupName.N`, `Filter.N`, `MaxResults` (5–1000) / `NextToken`. */
export const describeSecurityGroups: AwsOperation = {
  name: 'DescribeSecurityGroups',
  handle: (call) => {
    const { params, regionState, region } = call;
    const ec2 = regionState.ec2;
    const ids = idList(params, 'GroupId', 'sg', 'InvalidGroupId.Malformed');
    const names = params.list('GroupName');
    if ((ids.length > 0 || names.length > 0) && params.get('MaxResults') !== undefined) {
      throw new AwsError(
        'InvalidParameterCombination',
        'The parameter groupIdSet cannot be used with the parameter maxResults',
      );
    }
    checkDryRun(params);
    let base: Ec2SecurityGroup[];
    if (ids.length > 0 || names.length > 0) {
      const missing = ids.filter((id) => !ec2.securityGroups.has(id));
      if (missing.length > 0)
        throw new AwsError('InvalidGroup.NotFound', `The security group '${missing[0]}' does not exist`);
      const chosen = new Set([...ids.map((id) => ec2.securityGroups.get(id)!), ...groupsByName(ec2, names)]);
      base = [...chosen];
    } else base = [...ec2.securityGroups.values()];
    const page = pageOf(
      call,
      applyFilters(params, base, FILTERS, (g) => g.tags),
    );
    return {
      securityGroupInfo: items(page.items.map((g) => securityGroupXml(g, region))),
      nextToken: page.nextToken,
    };
  },
};
