import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, lastSegment } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type Subnetwork = protos.google.cloud.compute.v1.ISubnetwork;

/** A regional subnetwork of a VPC network. */
export function normaliseSubnetwork(record: Subnetwork, project: string): Resource {
  const region = lastSegment(record.region) ?? 'global';
  const network = computeIdOf(record.network);
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/regions/${region}/subnetworks/${record.name}`,
    account: project,
    region,
    type: 'network.subnet',
    nativeType: 'compute.googleapis.com/Subnetwork',
    name: record.name ?? '',
    state: record.state === 'DRAINING' ? 'deleting' : 'available',
    tags: {},
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      cidr: record.ipCidrRange ?? undefined,
      gatewayIp: record.gatewayAddress ?? undefined,
      privateGoogleAccess: record.privateIpGoogleAccess ?? undefined,
      purpose: record.purpose ?? undefined,
      stackType: record.stackType ?? undefined,
      network,
    },
    relationships: [related('in-vpc', network)],
  });
}
