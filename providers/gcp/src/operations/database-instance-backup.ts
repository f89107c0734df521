import { operationParams } from '@escher/protocol';
import { defineOperation, localDryRun } from './core/define.ts';
import { sqlChange } from './core/sql-operation.ts';
import { sqlRef } from './core/target.ts';
import { getSqlInstance } from './refresh/service-readers.ts';

/**
 * `database.instance.backup`: turns automated daily backups on (instances.patch
 * `settings.backupConfiguration.enabled`), waited on. `enabled: false` turns them off (the undo).
 */
export const databaseInstanceBackup = defineOperation({
  id: 'database.instance.backup',
  types: ['database.instance'],
  params: operationParams('database.instance.backup').transform((p) => ({ enabled: p.enabled ?? true })),
  async run({ ctx, target, params, dryRun }) {
    const ref = sqlRef(target);
    const before =
      (await getSqlInstance(ctx, ref.project, ref.instance)).settings?.backupConfiguration?.enabled === true;
    const word = params.enabled ? 'on' : 'off';
    const label = `automated backups of Cloud SQL instance ${ref.instance}`;
    if (before === params.enabled)
      return { status: dryRun ? 'dry-run-ok' : 'succeeded', message: `${label} are already ${word}` };
    if (dryRun) return localDryRun(`would turn ${label} ${word}`);
    await sqlChange(
      ctx,
      { service: 'sqladmin', operation: 'instances.patch' },
      `turning ${label} ${word}`,
      (sql) =>
        sql.instances.patch({
          project: ref.project,
          instance: ref.instance,
          requestBody: { settings: { backupConfiguration: { enabled: params.enabled } } },
        }),
    );
    return {
      status: 'succeeded',
      message: `turned ${label} ${word}`,
      undo: { operation: 'database.instance.backup', params: { enabled: before } },
    };
  },
});
