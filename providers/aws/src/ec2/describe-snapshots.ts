import { DescribeSnapshotsCommand, type Snapshot } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/**
 * EC2 DescribeSnapshots of the account's own snapshots (`OwnerIds: self`; without it EC2 lists
 * every public snapshot in the region). With `publicOnly`, only those anyone may restore
 * (`RestorableByUserIds: all`): one listing instead of a DescribeSnapshotAttribute per snapshot.
 */
export function describeSnapshots(ctx: AwsContext, publicOnly = false): AsyncGenerator<Snapshot[]> {
  return paginate(async (NextToken) => {
    const out = await call(ctx, { service: 'ec2', operation: 'DescribeSnapshots' }, (o) =>
      ctx.clients.ec2.send(
        new DescribeSnapshotsCommand({
          OwnerIds: ['self'],
          ...(publicOnly ? { RestorableByUserIds: ['all'] } : {}),
          MaxResults: 1000,
          NextToken,
        }),
        o,
      ),
    );
    return { items: out.Snapshots, next: out.NextToken };
  });
}
