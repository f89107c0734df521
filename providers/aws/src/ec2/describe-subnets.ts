import { DescribeSubnetsCommand, type Subnet } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** EC2 DescribeSubnets, 1,000 a page. */
export function describeSubnets(ctx: AwsContext): AsyncGenerator<Subnet[]> {
  return paginate(async (NextToken) => {
    const out = await call(ctx, { service: 'ec2', operation: 'DescribeSubnets' }, (o) =>
      ctx.clients.ec2.send(new DescribeSubnetsCommand({ MaxResults: 1000, NextToken }), o),
    );
    return { items: out.Subnets, next: out.NextToken };
  });
}
