import { DescribeLoadBalancersCommand, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** ELBv2 DescribeLoadBalancers (ALB, NLB, GWLB), 400 a page. */
export function describeLoadBalancers(ctx: AwsContext): AsyncGenerator<LoadBalancer[]> {
  return paginate(async (Marker) => {
    const out = await call(
      ctx,
      { service: 'elasticloadbalancing', operation: 'DescribeLoadBalancers' },
      (o) => ctx.clients.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 400, Marker }), o),
    );
    return { items: out.LoadBalancers, next: out.NextMarker };
  });
}
