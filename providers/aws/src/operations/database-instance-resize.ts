import { z } from 'zod';
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
  params: z
    .object({
      size: z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, 'an RDS instance class such as db.m6g.large'),
      applyImmediately: z.boolean().default(true),
    })
    .strict(),
  async run({ target, params, dryRun, ctx }) {
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
