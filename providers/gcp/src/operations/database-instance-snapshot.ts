import { operationParams } from '@escher/protocol';
import { defineOperation, localDryRun, wrongState } from './core/define.ts';
import { sqlChange } from './core/sql-operation.ts';
import { sqlRef } from './core/target.ts';
import { getSqlInstance } from './refresh/service-readers.ts';

/**
 * `database.instance.snapshot`: an on-demand Cloud SQL backup (backupRuns.insert), waited on until
 * the BACKUP_VOLUME operation is done. `created` names the backup run
 * (`//sqladmin.googleapis.com/projects/p/instances/i/backupRuns/{id}`). Cloud SQL only backs up a
 * running instance. No undo (the backup is new).
 */
export const databaseInstanceSnapshot = defineOperation({
  id: 'database.instance.snapshot',
  types: ['database.instance'],
  // Cloud SQL backup runs carry a description only: `name` leads it; `tags` have nowhere to go.
  params: operationParams('database.instance.snapshot').transform((p) => ({
    description: [p.name, p.description].filter(Boolean).join(': ').slice(0, 1024) || undefined,
  })),
  async run({ ctx, target, params, dryRun }) {
    const ref = sqlRef(target);
    const before = await getSqlInstance(ctx, ref.project, ref.instance);
    const label = `Cloud SQL instance ${ref.instance} (${before.state ?? 'unknown'})`;
    if (dryRun) {
      if (before.state !== 'RUNNABLE')
        throw wrongState(
          `Cloud SQL would refuse to back up ${label}: it is not running.`,
          'Start the instance first',
        );
      return localDryRun(`would take an on-demand backup of ${label}`);
    }
    const op = await sqlChange(
      ctx,
      { service: 'sqladmin', operation: 'backupRuns.insert' },
      `backup of ${label}`,
      (sql) =>
        sql.backupRuns.insert({
          project: ref.project,
          instance: ref.instance,
          requestBody: params.description ? { description: params.description } : {},
        }),
    );
    const id = op.backupContext?.backupId;
    return {
      status: 'succeeded',
      message: `took an on-demand backup of ${label}${id ? ` (backup run ${id})` : ''}`,
      ...(id
        ? {
            created: [
              `//sqladmin.googleapis.com/projects/${ref.project}/instances/${ref.instance}/backupRuns/${id}`,
            ],
          }
        : {}),
    };
  },
});
