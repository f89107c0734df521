import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { addRule, normaliseProtocol, type RuleSource } from './permissions.ts';
import { requestedPermissions, targetGroup } from './permission-request.ts';
import type { Permission } from './state.ts';

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+\/\d{1,3}$/;

/**
 * AuthorizeSecurityGroupIngress by `GroupId` (or `GroupName` in the default VPC) with
 * `IpPermissions.N.*` or the legacy top-level fields. Every rule is checked before any is added:
 * a malformed CIDR or a TCP/UDP rule without ports is InvalidParameterValue, a rule the group
 * already has is InvalidPermission.Duplicate, and then nothing changes. `return true`.
 */
export const authorizeSecurityGroupIngress: AwsOperation = {
  name: 'AuthorizeSecurityGroupIngress',
  mutating: true,
  handle: ({ params, regionState }) => {
    const ec2 = regionState.ec2;
    const group = targetGroup(ec2, params);
    const requested = requestedPermissions(params, ec2);
    if (requested.length === 0 || requested.every((r) => r.sources.length === 0))
      throw new AwsError('MissingParameter', 'The request must contain the parameter ipPermissions');
    const ingress = structuredClone(group.ingress);
    for (const r of requested) {
      const protocol = normaliseProtocol(r.protocol);
      if ((protocol === 'tcp' || protocol === 'udp') && (r.fromPort === undefined || r.toPort === undefined))
        throw new AwsError(
          'InvalidParameterValue',
          'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.',
        );
      if (r.fromPort !== undefined && r.toPort !== undefined && protocol !== 'icmp' && r.fromPort > r.toPort)
        throw new AwsError(
          'InvalidParameterValue',
          `Invalid value for portRange. From port (${r.fromPort}) must be at most to port (${r.toPort}).`,
        );
      for (const source of r.sources) {
        checkCidr(source);
        if (has(ingress, protocol, r.fromPort, r.toPort, source))
          throw new AwsError(
            'InvalidPermission.Duplicate',
            `the specified rule "peer: ${peerOf(source)}, ${protocol.toUpperCase()}, from port: ${r.fromPort ?? -1}, to port: ${r.toPort ?? -1}, ALLOW" already exists`,
          );
        addRule(ingress, protocol, r.fromPort, r.toPort, source);
      }
    }
    checkDryRun(params);
    group.ingress = ingress;
    return RETURN_TRUE;
  },
};

function checkCidr(source: RuleSource): void {
  const bad = (cidr: string) => new AwsError('InvalidParameterValue', `CIDR block ${cidr} is malformed`);
  if (source.ipv4 !== undefined) {
    const m = IPV4_CIDR.exec(source.ipv4);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) throw bad(source.ipv4);
  }
  if (source.ipv6 !== undefined && !IPV6_CIDR.test(source.ipv6)) throw bad(source.ipv6);
}

function has(
  permissions: readonly Permission[],
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  source: RuleSource,
): boolean {
  const from = protocol === '-1' ? undefined : fromPort;
  const to = protocol === '-1' ? undefined : (toPort ?? fromPort);
  const p = permissions.find((x) => x.protocol === protocol && x.fromPort === from && x.toPort === to);
  if (!p) return false;
  return (
    (source.ipv4 !== undefined && p.ipv4.some((r) => r.cidr === source.ipv4)) ||
    (source.ipv6 !== undefined && p.ipv6.some((r) => r.cidr === source.ipv6)) ||
    (source.group !== undefined && p.groups.some((g) => g.groupId === source.group!.groupId)) ||
    (source.prefixListId !== undefined && p.prefixLists.some((l) => l.prefixListId === source.prefixListId))
  );
}

function peerOf(source: RuleSource): string {
  return source.ipv4 ?? source.ipv6 ?? source.group?.groupId ?? source.prefixListId ?? '';
}
