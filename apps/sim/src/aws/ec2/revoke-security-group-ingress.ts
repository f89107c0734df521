import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun } from './ec2-request.ts';
import { normaliseProtocol, removeRule, renderPermissions } from './permissions.ts';
import { requestedPermissions, targetGroup } from './permission-request.ts';
import type { Permission } from './state.ts';

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
