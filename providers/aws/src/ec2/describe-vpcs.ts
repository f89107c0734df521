import { DescribeVpcsCommand, type Vpc } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** EC2 DescribeVpcs, 1,000 a page. */
export function describeVpcs(ctx: AwsContext): AsyncGenerator<Vpc[]> {
  return paginate(async (NextToken) => {
    const out = await call(ctx, { service: 'ec2', operation: 'DescribeVpcs' }, (o) =>
      ctx.clients.ec2.send(new DescribeVpcsCommand({ MaxResults: 1000, NextToken }), o),
    );
    return { items: out.Vpcs, next: out.NextToken };
  });
}
