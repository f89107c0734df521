import { DescribeSecurityGroupsCommand, type SecurityGroup } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** EC2 DescribeSecurityGroups, 1,000 a page. */
export function describeSecurityGroups(ctx: AwsContext): AsyncGenerator<SecurityGroup[]> {
  return paginate(async (NextToken) => {
    const out = await call(ctx, { service: 'ec2', operation: 'DescribeSecurityGroups' }, (o) =>
      ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000, NextToken }), o),
    );
    return { items: out.SecurityGroups, next: out.NextToken };
  });
}
