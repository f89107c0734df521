import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, ec2ArnOf } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import type { TargetState } from './describe-target-health.ts';

/** A load balancer's target groups and their registered targets. */
export interface LoadBalancerTargets {
  targetGroups: { arn: string; name?: string; type?: string; port?: number; targets: TargetState[] }[];
}

/**
 * An ALB / NLB / GWLB as a `network.loadbalancer`. `public` when internet-facing; `lb-target`
 * relationships point at the instances registered in its target groups.
 */
export function normaliseLoadBalancer(
  lb: LoadBalancer,
  scope: RecordScope,
  tags: Record<string, string>,
  targets: LoadBalancerTargets,
): Resource {
  const { account, region } = scope;
  const instanceTargets = targets.targetGroups
    .filter((g) => (g.type ?? 'instance') === 'instance')
    .flatMap((g) => g.targets);
  const unhealthy = instanceTargets.filter((t) => t.health === 'unhealthy').length;
  return toResource({
    arn: lb.LoadBalancerArn ?? '',
    account,
    region,
    type: 'network.loadbalancer',
    nativeType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    name: lb.LoadBalancerName ?? '',
    state: normaliseState('loadBalancer', lb.State?.Code),
    tags,
    createdAt: lb.CreatedTime,
    attributes: {
      nativeState: lb.State?.Code,
      lbType: lb.Type,
      scheme: lb.Scheme,
      public: lb.Scheme === 'internet-facing',
      dnsName: lb.DNSName,
      ipAddressType: lb.IpAddressType,
      vpcId: lb.VpcId,
      zones: (lb.AvailabilityZones ?? []).map((z) => z.ZoneName).filter(Boolean),
      targetGroups: targets.targetGroups.map((g) => ({
        arn: g.arn,
        name: g.name,
        targetType: g.type,
        port: g.port,
        targets: g.targets.length,
      })),
      targetCount: instanceTargets.length,
      unhealthyTargets: unhealthy,
    },
    relationships: [
      rel('in-vpc', ec2ArnOf(region, account, 'vpc', lb.VpcId)),
      ...(lb.AvailabilityZones ?? []).map((z) =>
        rel('in-subnet', ec2ArnOf(region, account, 'subnet', z.SubnetId)),
      ),
      ...(lb.SecurityGroups ?? []).map((g) =>
        rel('security-group', ec2Arn(region, account, 'security-group', g)),
      ),
      ...instanceTargets.map((t) => rel('lb-target', ec2Arn(region, account, 'instance', t.id))),
    ],
  });
}
