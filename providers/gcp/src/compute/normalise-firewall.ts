import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime } from '../names.ts';
import { gcpResource, related } from '../resource.ts';
import { firewallPermissions } from './firewall-rules.ts';

type Firewall = protos.google.cloud.compute.v1.IFirewall;

/**
 * A VPC firewall rule (global). `permissions` is the rule in the cloud-neutral shape; `enabled`
 * is false for disabled rules (which expose nothing); `targetTags` / `targetServiceAccounts`
 * narrow which instances it applies to (none: every instance in the network).
 */
export function normaliseFirewall(record: Firewall, project: string): Resource {
  const network = computeIdOf(record.network);
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
      permissions: firewallPermissions(record),
      network,
      description: record.description || undefined,
      logging: record.logConfig?.enable ?? undefined,
    },
    relationships: [related('in-vpc', network)],
  });
}
