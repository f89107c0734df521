import { DescribeVolumesCommand, type Volume } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** EC2 DescribeVolumes, 500 a page (its maximum). */
export function describeVolumes(ctx: AwsContext): AsyncGenerator<Volume[]> {
  return paginate(async (NextToken) => {
    const out = await call(ctx, { service: 'ec2', operation: 'DescribeVolumes' }, (o) =>
      ctx.clients.ec2.send(new DescribeVolumesCommand({ MaxResults: 500, NextToken }), o),
    );
    return { items: out.Volumes, next: out.NextToken };
  });
}
