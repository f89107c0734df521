import { operationParams } from '@escher/protocol';
import { StopDBInstanceCommand } from '@aws-sdk/client-rds';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { dbId, describeDb, rdsOp, requireDbStatus } from './rds-target.ts';

/**
 * RDS StopDBInstance of an available instance (RDS starts it again by itself after seven days; no
 * dry run: the status is checked). Undo: start.
 */
export const databaseInstanceStop = awsOperation({
  id: 'database.instance.stop',
  types: ['database.instance'],
  params: operationParams('database.instance.stop'),
  async run({ target, dryRun, ctx }) {
    const id = dbId(target);
    if (dryRun) {
      requireDbStatus(await describeDb(ctx, target), ['available'], 'StopDBInstance');
      return localDryRun(`RDS would stop ${id}`);
    }
    const out = await send(ctx, rdsOp('StopDBInstance'), (o) =>
      ctx.clients.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: id }), o),
    );
    return {
      status: 'accepted',
      message: `${id} is ${out.DBInstance?.DBInstanceStatus ?? 'stopping'}`,
      undo: { operation: 'database.instance.start', params: {} },
    };
  },
});
