import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members } from '../protocol/xml.ts';
import { checkArn, pageOf } from './elbv2-request.ts';
import type { LoadBalancer } from './state.ts';

/** One `LoadBalancers/member`. */
export function loadBalancerXml(lb: LoadBalancer): object {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: new Date(lb.createdTime),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: 'active' },
    Type: lb.type,
    AvailabilityZones: members(
      lb.zones.map((z) => ({
        ZoneName: z.zoneName,
        SubnetId: z.subnetId,
        LoadBalancerAddresses: members([]),
      })),
    ),
    SecurityGroups: lb.type === 'application' ? members(lb.securityGroupIds) : undefined,
    IpAddressType: 'ipv4',
  };
}

/**
 * DescribeLoadBalancers: all, or `LoadBalancerArns.member.N` / `Names.member.N` (any unknown one
 * is LoadBalancerNotFound), paged by `Marker` / `PageSize`.
 */
export const describeLoadBalancers: AwsOperation = {
  name: 'DescribeLoadBalancers',
  handle: (call) => {
    const { params, regionState } = call;
    const all = regionState.elbv2.loadBalancers;
    const arns = params.members('LoadBalancerArns');
    const names = params.members('Names');
    if (arns.length > 0 && names.length > 0) {
      throw new AwsError(
        'ValidationError',
        'Load balancer names and load balancer ARNs cannot be specified at the same time',
      );
    }
    let selected: LoadBalancer[];
    if (arns.length > 0) {
      arns.forEach((arn) => checkArn(arn, 'load balancer'));
      selected = arns.map((arn) => all.get(arn) ?? notFound(arn));
    } else if (names.length > 0) {
      const byName = new Map([...all.values()].map((lb) => [lb.name, lb]));
      selected = names.map((name) => byName.get(name) ?? notFound(name));
    } else selected = [...all.values()];
    const page = pageOf(call, selected);
    return { LoadBalancers: members(page.items.map(loadBalancerXml)), NextMarker: page.nextToken };
  },
};

function notFound(what: string): never {
  throw new AwsError('LoadBalancerNotFound', `Load balancers '[${what}]' not found`);
}
