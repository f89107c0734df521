import { DescribeTargetGroupsCommand, type TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** ELBv2 DescribeTargetGroups for the whole region, 400 a page (each names its load balancers). */
export function describeTargetGroups(ctx: AwsContext): AsyncGenerator<TargetGroup[]> {
  return paginate(async (Marker) => {
    const out = await call(ctx, { service: 'elasticloadbalancing', operation: 'DescribeTargetGroups' }, (o) =>
      ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ PageSize: 400, Marker }), o),
    );
    return { items: out.TargetGroups, next: out.NextMarker };
  });
}
