import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime } from '../names.ts';
import { gcpResource, related } from '../resource.ts';
import { firewallPermissions, type FirewallPermission } from './firewall-rules.ts';

type Firewall = protos.google.cloud.compute.v1.IFirewall;

/**
 * A VPC firewall rule (global). `permissions` is the rule in the cloud-neutral shape; `enabled`
 * is false for disabled rules (which expose nothing); `targetTags` / `targetServiceAccounts`
 * narrow which instances it applies to (none: every instance in the network). `openToWorld`,
 * `openSsh`, `openRdp` and `openAll` are the same world-exposure facts AWS security groups and
 * Azure NSGs carry: an enabled ingress rule allowing traffic from 0.0.0.0/0 or ::/0 (any port;
 * TCP 22; TCP 3389; every protocol and port).
 */
export function normaliseFirewall(record: Firewall, project: string): Resource {
  const network = computeIdOf(record.network);
  const permissions = firewallPermissions(record);
  const world =
    record.disabled === true || record.direction === 'EGRESS'
      ? []
      : permissions.filter((p) => p.action === 'allow' && p.ranges.some((r) => WORLD.has(r)));
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/global/firewalls/${record.name}`,
    account: project,
    region: 'global',
    type: 'network.firewall',
    nativeType: 'compute.googleapis.com/Firewall',
    name: record.name ?? '',
    tags: {},
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      direction: record.direction === 'EGRESS' ? 'egress' : 'ingress',
      enabled: record.disabled !== true,
      priority: record.priority ?? undefined,
      sourceRanges: record.sourceRanges?.length ? [...record.sourceRanges] : undefined,
      destinationRanges: record.destinationRanges?.length ? [...record.destinationRanges] : undefined,
      targetTags: record.targetTags?.length ? [...record.targetTags] : undefined,
      targetServiceAccounts: record.targetServiceAccounts?.length
        ? [...record.targetServiceAccounts]
        : undefined,
      permissions,
      openToWorld: world.length > 0,
      openSsh: world.some((p) => opens(p, 22)),
      openRdp: world.some((p) => opens(p, 3389)),
      openAll: world.some((p) => p.protocol === 'all'),
      network,
      description: record.description || undefined,
      logging: record.logConfig?.enable ?? undefined,
    },
    relationships: [related('in-vpc', network)],
  });
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);

function opens(p: FirewallPermission, port: number): boolean {
  return (
    (p.protocol === 'all' || p.protocol === 'tcp') && (p.fromPort ?? 0) <= port && port <= (p.toPort ?? 65535)
  );
}
