import { DescribeDBInstancesCommand, type DBInstance } from '@aws-sdk/client-rds';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** RDS DescribeDBInstances, 100 a page (its maximum); each record carries its TagList. */
export function describeDbInstances(ctx: AwsContext): AsyncGenerator<DBInstance[]> {
  return paginate(async (Marker) => {
    const out = await call(ctx, { service: 'rds', operation: 'DescribeDBInstances' }, (o) =>
      ctx.clients.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 100, Marker }), o),
    );
    return { items: out.DBInstances, next: out.Marker };
  });
}
