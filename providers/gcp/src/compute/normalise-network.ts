import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { isoTime } from '../names.ts';
import { gcpResource } from '../resource.ts';

type Network = protos.google.cloud.compute.v1.INetwork;

/** A VPC network (global). `mode` is `auto` (a subnet per region made by Google) or `custom`. */
export function normaliseNetwork(record: Network, project: string): Resource {
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/global/networks/${record.name}`,
    account: project,
    region: 'global',
    type: 'network.vpc',
    nativeType: 'compute.googleapis.com/Network',
    name: record.name ?? '',
    state: 'available',
    tags: {},
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      mode: record.autoCreateSubnetworks ? 'auto' : record.IPv4Range ? 'legacy' : 'custom',
      routingMode: record.routingConfig?.routingMode ?? undefined,
      mtu: record.mtu ?? undefined,
      subnetCount: record.subnetworks?.length ?? 0,
      isDefault: record.name === 'default',
      description: record.description || undefined,
    },
  });
}
