import { nativeSize, operationParams, UserError } from '@escher/protocol';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { MODIFIABLE, modifyDb } from './database-instance-modify.ts';
import { dbId, describeDb, requireDbStatus } from './rds-target.ts';

/**
 * RDS ModifyDBInstance `DBInstanceClass` (`db.m6g.large`), applied immediately unless
 * `applyImmediately` is false (then at the next maintenance window). The instance is `modifying`
 * meanwhile. No dry run: the status is checked. Undo: the class it had.
 */
export const databaseInstanceResize = awsOperation({
  id: 'database.instance.resize',
  types: ['database.instance'],
  params: operationParams('database.instance.resize'),
  async run({ target, params: portable, dryRun, ctx }) {
    const params = { size: rdsClass(portable.size), applyImmediately: portable.applyImmediately ?? true };
    const id = dbId(target);
    const db = await describeDb(ctx, target);
    const before = db.DBInstanceClass;
    if (before === params.size) return { status: 'succeeded', message: `${id} is already ${params.size}` };
    requireDbStatus(db, MODIFIABLE, 'ModifyDBInstance');
    if (dryRun) return localDryRun(`RDS would resize ${id} from ${String(before)} to ${params.size}`);
    const after = await modifyDb(ctx, id, { DBInstanceClass: params.size }, params.applyImmediately);
    return {
      status: 'accepted',
      message: `${id}: ${String(before)} → ${params.size} (${after?.DBInstanceStatus ?? 'modifying'}${params.applyImmediately ? '' : ', at the next maintenance window'})`,
      ...(before
        ? {
            undo: {
              operation: 'database.instance.resize' as const,
              params: { size: before, applyImmediately: params.applyImmediately },
            },
          }
        : {}),
    };
  },
});

/** The portable sizes as RDS instance classes (burstable). */
export const RDS_SIZES = {
  small: 'db.t3.small',
  medium: 'db.t3.medium',
  large: 'db.t3.large',
  xlarge: 'db.t3.xlarge',
};

function rdsClass(size: string): string {
  const cls = nativeSize(size, RDS_SIZES);
  if (!/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(cls))
    throw new UserError(
      'aws-operation-params',
      `database.instance.resize: '${size}' is not an RDS instance class`,
      {
        hint: 'Give small, medium, large, xlarge or an RDS instance class such as db.m6g.large',
      },
    );
  return cls;
}
