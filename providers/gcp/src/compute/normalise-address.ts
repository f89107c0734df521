import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, labelsOf, lastSegment } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type Address = protos.google.cloud.compute.v1.IAddress;

const STATES: Readonly<Record<string, string>> = {
  IN_USE: 'in-use',
  RESERVED: 'available',
  RESERVING: 'pending',
};

/**
 * A reserved IP address, regional or global. `public` is true for EXTERNAL addresses; `attachedTo`
 * is the first user (an instance or a forwarding rule), undefined while the address sits unused.
 */
export function normaliseAddress(record: Address, project: string): Resource {
  const region = lastSegment(record.region) ?? 'global';
  const scope = region === 'global' ? 'global' : `regions/${region}`;
  const users = (record.users ?? []).map((u) => computeIdOf(u)).filter((u): u is string => !!u);
  const external = (record.addressType ?? 'EXTERNAL') === 'EXTERNAL';
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/${scope}/addresses/${record.name}`,
    account: project,
    region,
    type: 'network.ip',
    nativeType: 'compute.googleapis.com/Address',
    name: record.name ?? '',
    state: (record.status && STATES[record.status]) || 'unknown',
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      address: record.address ?? undefined,
      publicIp: external ? (record.address ?? undefined) : undefined,
      public: external,
      addressType: record.addressType ?? 'EXTERNAL',
      networkTier: record.networkTier ?? undefined,
      attachedTo: users[0],
      attached: users.length > 0,
      purpose: record.purpose ?? undefined,
    },
    relationships: users.map((u) => related('attached-to', u)),
  });
}
