import { operationParams } from '@escher/protocol';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { MODIFIABLE, modifyDb } from './database-instance-modify.ts';
import { dbId, describeDb, requireDbStatus } from './rds-target.ts';

/**
 * Turns on automated backups: RDS ModifyDBInstance `BackupRetentionPeriod` (days, default 7;
 * 0 turns them off, which is how the undo reads), applied immediately. No dry run: the status is
 * checked. Undo: the retention it had.
 */
export const databaseInstanceBackup = awsOperation({
  id: 'database.instance.backup',
  types: ['database.instance'],
  // `enabled: false` is a retention of 0 days, which is how RDS turns automated backups off.
  params: operationParams('database.instance.backup').transform((p) => ({
    retentionDays: p.enabled === false ? 0 : (p.retentionDays ?? 7),
  })),
  async run({ target, params, dryRun, ctx }) {
    const id = dbId(target);
    const db = await describeDb(ctx, target);
    const before = db.BackupRetentionPeriod ?? 0;
    if (before === params.retentionDays)
      return { status: 'succeeded', message: `${id} already keeps backups for ${before} day(s)` };
    requireDbStatus(db, MODIFIABLE, 'ModifyDBInstance');
    if (dryRun) return localDryRun(`RDS would keep backups of ${id} for ${params.retentionDays} day(s)`);
    await modifyDb(ctx, id, { BackupRetentionPeriod: params.retentionDays });
    return {
      status: 'succeeded',
      message: `${id} keeps automated backups for ${params.retentionDays} day(s) (was ${before})`,
      undo: { operation: 'database.instance.backup', params: { retentionDays: before } },
    };
  },
});
