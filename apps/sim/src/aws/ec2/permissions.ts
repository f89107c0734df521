import { items } from '../protocol/xml.ts';
import type { GroupPair, Permission } from './state.ts';

/** One source of a rule: an IPv4 CIDR, an IPv6 CIDR or another security group. */
export interface RuleSource {
  ipv4?: string | undefined;
  ipv6?: string | undefined;
  group?: GroupPair | undefined;
  prefixListId?: string | undefined;
  description?: string | undefined;
}

/**
 * Adds a source to the permission for (protocol, ports), creating it if needed: EC2 groups every
 * range of one protocol and port range into one `IpPermission`. `toPort` defaults to `fromPort`;
 * protocol `-1` has no ports.
 */
export function addRule(
  permissions: Permission[],
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  source: RuleSource,
): void {
  const from = protocol === '-1' ? undefined : fromPort;
  const to = protocol === '-1' ? undefined : (toPort ?? fromPort);
  let permission = permissions.find((p) => p.protocol === protocol && p.fromPort === from && p.toPort === to);
  if (!permission) {
    permission = { protocol, fromPort: from, toPort: to, ipv4: [], ipv6: [], groups: [], prefixLists: [] };
    permissions.push(permission);
  }
  const description = source.description;
  if (source.ipv4 && !permission.ipv4.some((r) => r.cidr === source.ipv4))
    permission.ipv4.push({ cidr: source.ipv4, description });
  if (source.ipv6 && !permission.ipv6.some((r) => r.cidr === source.ipv6))
    permission.ipv6.push({ cidr: source.ipv6, description });
  if (source.group && !permission.groups.some((r) => r.groupId === source.group!.groupId))
    permission.groups.push({ ...source.group, description });
  if (source.prefixListId && !permission.prefixLists.some((r) => r.prefixListId === source.prefixListId))
    permission.prefixLists.push({ prefixListId: source.prefixListId, description });
}

/** Normalises the protocol names EC2 accepts (`TCP`, `6`, `all`) to what it returns. */
export function normaliseProtocol(protocol: string): string {
  const p = protocol.toLowerCase();
  if (p === '6') return 'tcp';
  if (p === '17') return 'udp';
  if (p === '1') return 'icmp';
  if (p === 'all' || p === '-1') return '-1';
  return p;
}

/**
 * Removes `source` from the matching permission; answers whether anything matched. A permission
 * left with no sources disappears, as in EC2.
 */
export function removeRule(
  permissions: Permission[],
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  source: RuleSource,
): boolean {
  const p = normaliseProtocol(protocol);
  const from = p === '-1' ? undefined : fromPort;
  const to = p === '-1' ? undefined : toPort;
  const index = permissions.findIndex(
    (x) => x.protocol === p && (p === '-1' || (x.fromPort === from && x.toPort === to)),
  );
  const permission = permissions[index];
  if (!permission) return false;
  let removed = false;
  const drop = <T>(list: T[], match: (item: T) => boolean): void => {
    const i = list.findIndex(match);
    if (i >= 0) {
      list.splice(i, 1);
      removed = true;
    }
  };
  if (source.ipv4) drop(permission.ipv4, (r) => r.cidr === source.ipv4);
  if (source.ipv6) drop(permission.ipv6, (r) => r.cidr === source.ipv6);
  if (source.group) drop(permission.groups, (r) => r.groupId === source.group!.groupId);
  if (source.prefixListId) drop(permission.prefixLists, (r) => r.prefixListId === source.prefixListId);
  const empty =
    permission.ipv4.length +
      permission.ipv6.length +
      permission.groups.length +
      permission.prefixLists.length ===
    0;
  if (empty) permissions.splice(index, 1);
  return removed;
}

/** `ipPermissions` / `ipPermissionsEgress` items as DescribeSecurityGroups returns them. */
export function renderPermissions(permissions: readonly Permission[]): ReturnType<typeof items> {
  return items(
    permissions.map((p) => ({
      ipProtocol: p.protocol,
      fromPort: p.fromPort,
      toPort: p.toPort,
      groups: items(
        p.groups.map((g) => ({ description: g.description, groupId: g.groupId, userId: g.userId })),
      ),
      ipRanges: items(p.ipv4.map((r) => ({ description: r.description, cidrIp: r.cidr }))),
      ipv6Ranges: items(p.ipv6.map((r) => ({ description: r.description, cidrIpv6: r.cidr }))),
      prefixListIds: items(
        p.prefixLists.map((r) => ({ description: r.description, prefixListId: r.prefixListId })),
      ),
    })),
  );
}
