import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, labelsOf, lastSegment } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type ForwardingRule = protos.google.cloud.compute.v1.IForwardingRule;

/**
 * A forwarding rule: the front end of a Google Cloud load balancer, regional or global. `public`
 * is true for EXTERNAL / EXTERNAL_MANAGED schemes; `target` / `backendService` name what it
 * forwards to (target pools, proxies and backend services are not discovered as resources).
 */
export function normaliseForwardingRule(record: ForwardingRule, project: string): Resource {
  const region = lastSegment(record.region) ?? 'global';
  const scope = region === 'global' ? 'global' : `regions/${region}`;
  const scheme = record.loadBalancingScheme ?? 'EXTERNAL';
  const external = scheme.startsWith('EXTERNAL');
  const network = computeIdOf(record.network);
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/${scope}/forwardingRules/${record.name}`,
    account: project,
    region,
    type: 'network.loadbalancer',
    nativeType: 'compute.googleapis.com/ForwardingRule',
    name: record.name ?? '',
    state: 'available',
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      scheme,
      public: external,
      address: record.IPAddress ?? undefined,
      publicIp: external ? (record.IPAddress ?? undefined) : undefined,
      protocol: record.IPProtocol ?? undefined,
      portRange: record.portRange ?? undefined,
      ports: record.ports?.length ? [...record.ports] : undefined,
      target: computeIdOf(record.target),
      backendService: computeIdOf(record.backendService),
      networkTier: record.networkTier ?? undefined,
    },
    relationships: [related('in-vpc', network), related('in-subnet', computeIdOf(record.subnetwork))],
  });
}
