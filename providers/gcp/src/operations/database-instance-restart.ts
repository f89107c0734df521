import { operationParams } from '@escher/protocol';
import { defineOperation, localDryRun, wrongState } from './core/define.ts';
import { sqlChange } from './core/sql-operation.ts';
import { sqlRef } from './core/target.ts';
import { getSqlInstance } from './refresh/service-readers.ts';

/**
 * `database.instance.restart`: Cloud SQL instances.restart, waited on until the RESTART operation
 * is done. Cloud SQL refuses a stopped instance (400 "instance is not running"). No undo.
 */
export const databaseInstanceRestart = defineOperation({
  id: 'database.instance.restart',
  types: ['database.instance'],
  params: operationParams('database.instance.restart'),
  async run({ ctx, target, dryRun }) {
    const ref = sqlRef(target);
    const before = await getSqlInstance(ctx, ref.project, ref.instance);
    const label = `Cloud SQL instance ${ref.instance} (${before.state ?? 'unknown'})`;
    if (dryRun) {
      if (before.state !== 'RUNNABLE')
        throw wrongState(
          `Cloud SQL would refuse to restart ${label}: it is not running.`,
          'Start the instance first',
        );
      return localDryRun(`would restart ${label}`);
    }
    await sqlChange(
      ctx,
      { service: 'sqladmin', operation: 'instances.restart' },
      `restart of ${label}`,
      (sql) => sql.instances.restart({ project: ref.project, instance: ref.instance }),
    );
    return { status: 'succeeded', message: `restarted ${label}` };
  },
});
