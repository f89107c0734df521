import {
  ModifyDBInstanceCommand,
  type DBInstance,
  type ModifyDBInstanceCommandInput,
} from '@aws-sdk/client-rds';
import type { AwsContext } from '../core/context.ts';
import { send } from './op-call.ts';
import { rdsOp } from './rds-target.ts';

/**
 * RDS ModifyDBInstance with `ApplyImmediately` (unless told to wait for the maintenance window):
 * how backup, restrict and resize change an instance.
 */
export async function modifyDb(
  ctx: AwsContext,
  id: string,
  change: Omit<ModifyDBInstanceCommandInput, 'DBInstanceIdentifier'>,
  applyImmediately = true,
): Promise<DBInstance | undefined> {
  const out = await send(ctx, rdsOp('ModifyDBInstance'), (o) =>
    ctx.clients.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: id,
        ApplyImmediately: applyImmediately,
        ...change,
      }),
      o,
    ),
  );
  return out.DBInstance;
}

/** Statuses in which RDS accepts a modification. */
export const MODIFIABLE = ['available', 'stopped', 'storage-optimization'];
