import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members } from '../protocol/xml.ts';
import { checkArn, pageOf } from './elbv2-request.ts';
import type { TargetGroup } from './state.ts';

/** One `TargetGroups/member`. */
export function targetGroupXml(g: TargetGroup): object {
  const http = g.protocol === 'HTTP' || g.protocol === 'HTTPS';
  return {
    TargetGroupArn: g.arn,
    TargetGroupName: g.name,
    Protocol: g.protocol,
    Port: g.port,
    VpcId: g.vpcId,
    HealthCheckProtocol: http ? g.protocol : 'TCP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: http ? 5 : 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: g.healthCheckPath,
    Matcher: http ? { HttpCode: '200' } : undefined,
    LoadBalancerArns: members(g.loadBalancerArns),
    TargetType: 'instance',
    ProtocolVersion: http ? 'HTTP1' : undefined,
    IpAddressType: 'ipv4',
  };
}

/**
 * DescribeTargetGroups: all, those of `LoadBalancerArn`, or `TargetGroupArns.member.N` /
 * `Names.member.N`; unknown ones are TargetGroupNotFound (LoadBalancerNotFound for the balancer).
 */
export const describeTargetGroups: AwsOperation = {
  name: 'DescribeTargetGroups',
  handle: (call) => {
    const { params, regionState } = call;
    const { targetGroups, loadBalancers } = regionState.elbv2;
    const lbArn = params.get('LoadBalancerArn');
    const arns = params.members('TargetGroupArns');
    const names = params.members('Names');
    if ([lbArn !== undefined, arns.length > 0, names.length > 0].filter(Boolean).length > 1) {
      throw new AwsError(
        'ValidationError',
        'Load balancer ARN, target group ARNs and target group names cannot be specified at the same time',
      );
    }
    let selected: TargetGroup[];
    if (lbArn !== undefined) {
      checkArn(lbArn, 'load balancer');
      if (!loadBalancers.has(lbArn))
        throw new AwsError('LoadBalancerNotFound', `Load balancer '${lbArn}' not found`);
      selected = [...targetGroups.values()].filter((g) => g.loadBalancerArns.includes(lbArn));
    } else if (arns.length > 0) {
      arns.forEach((arn) => checkArn(arn, 'target group'));
      selected = arns.map((arn) => targetGroups.get(arn) ?? notFound(arn));
    } else if (names.length > 0) {
      const byName = new Map([...targetGroups.values()].map((g) => [g.name, g]));
      selected = names.map((name) => byName.get(name) ?? notFound(name));
    } else selected = [...targetGroups.values()];
    const page = pageOf(call, selected);
    return { TargetGroups: members(page.items.map(targetGroupXml)), NextMarker: page.nextToken };
  },
};

function notFound(what: string): never {
  throw new AwsError('TargetGroupNotFound', `Target groups '[${what}]' not found`);
}
