import { RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { operationParams } from '@escher/protocol';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { dbId, describeDb, rdsOp, requireDbStatus } from './rds-target.ts';

/**
 * RDS RebootDBInstance of an available instance, with `forceFailover` for Multi-AZ (no dry run:
 * the status is checked). Nothing to put back: no undo.
 */
export const databaseInstanceRestart = awsOperation({
  id: 'database.instance.restart',
  types: ['database.instance'],
  params: operationParams('database.instance.restart'),
  async run({ target, params, dryRun, ctx }) {
    const id = dbId(target);
    if (dryRun) {
      requireDbStatus(await describeDb(ctx, target), ['available'], 'RebootDBInstance');
      return localDryRun(`RDS would reboot ${id}`);
    }
    const out = await send(ctx, rdsOp('RebootDBInstance'), (o) =>
      ctx.clients.rds.send(
        new RebootDBInstanceCommand({
          DBInstanceIdentifier: id,
          ...(params.forceFailover ? { ForceFailover: true } : {}),
        }),
        o,
      ),
    );
    return { status: 'accepted', message: `${id} is ${out.DBInstance?.DBInstanceStatus ?? 'rebooting'}` };
  },
});
