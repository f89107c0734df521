import { operationParams } from '@escher/protocol';
import { StartDBInstanceCommand } from '@aws-sdk/client-rds';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { dbId, describeDb, rdsOp, requireDbStatus } from './rds-target.ts';

/** RDS StartDBInstance of a stopped instance (no dry run: the status is checked). Undo: stop. */
export const databaseInstanceStart = awsOperation({
  id: 'database.instance.start',
  types: ['database.instance'],
  params: operationParams('database.instance.start'),
  async run({ target, dryRun, ctx }) {
    const id = dbId(target);
    if (dryRun) {
      requireDbStatus(await describeDb(ctx, target), ['stopped'], 'StartDBInstance');
      return localDryRun(`RDS would start ${id}`);
    }
    const out = await send(ctx, rdsOp('StartDBInstance'), (o) =>
      ctx.clients.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: id }), o),
    );
    return {
      status: 'accepted',
      message: `${id} is ${out.DBInstance?.DBInstanceStatus ?? 'starting'}`,
      undo: { operation: 'database.instance.stop', params: {} },
    };
  },
});
