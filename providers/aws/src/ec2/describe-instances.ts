import { DescribeInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** EC2 DescribeInstances, 1,000 a page, reservations flattened to instances. */
export function describeInstances(ctx: AwsContext): AsyncGenerator<Instance[]> {
  return paginate(async (NextToken) => {
    const out = await call(ctx, { service: 'ec2', operation: 'DescribeInstances' }, (o) =>
      ctx.clients.ec2.send(new DescribeInstancesCommand({ MaxResults: 1000, NextToken }), o),
    );
    return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: out.NextToken };
  });
}
