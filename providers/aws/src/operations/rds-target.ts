import { DescribeDBInstancesCommand, type DBInstance } from '@aws-sdk/client-rds';
import type { Resource } from '@escher/protocol';
import { arnResourceId } from '../core/arn.ts';
import type { AwsContext } from '../core/context.ts';
import { gone, send, wrongState } from './op-call.ts';

/** The DBInstanceIdentifier an `arn:aws:rds:…:db:{id}` ARN names. */
export function dbId(target: Resource): string {
  return arnResourceId(target.nativeId);
}

/** The `{ service, operation }` of an RDS call. */
export const rdsOp = (operation: string) => ({ service: 'rds', operation }) as const;

/** DescribeDBInstances of the target: what a change needs to know first (and what a dry run checks). */
export async function describeDb(ctx: AwsContext, target: Resource): Promise<DBInstance> {
  const out = await send(ctx, rdsOp('DescribeDBInstances'), (o) =>
    ctx.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: dbId(target) }), o),
  );
  const db = out.DBInstances?.[0];
  if (!db) throw gone(target.nativeId);
  return db;
}

/**
 * RDS has no dry run: a dry run checks the status the real call needs, and refuses the way RDS
 * would (InvalidDBInstanceState) when it is wrong.
 */
export function requireDbStatus(db: DBInstance, allowed: readonly string[], action: string): void {
  const status = db.DBInstanceStatus ?? 'unknown';
  if (!allowed.includes(status)) {
    throw wrongState(
      `rds:${action} ${db.DBInstanceIdentifier ?? ''}: InvalidDBInstanceState: the instance is ${status}, not ${allowed.join(' or ')}`,
    );
  }
}
