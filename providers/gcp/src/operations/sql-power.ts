import { operationParams } from '@escher/protocol';
import type { OperationId } from '@escher/protocol';
import type { GcpOperation } from './core/define.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { sqlChange } from './core/sql-operation.ts';
import { sqlRef } from './core/target.ts';
import { getSqlInstance } from './refresh/service-readers.ts';

/**
 * Cloud SQL start / stop: instances.patch of `settings.activationPolicy` (ALWAYS starts, NEVER
 * stops), waited on until the UPDATE operation is done. Undo: the previous activation policy's
 * operation when the instance changed state (a stop of a stopped instance changes nothing).
 */
export function sqlPowerOperation(action: 'start' | 'stop'): GcpOperation {
  const policy = action === 'start' ? 'ALWAYS' : 'NEVER';
  const id: OperationId = action === 'start' ? 'database.instance.start' : 'database.instance.stop';
  const reverse: OperationId = action === 'start' ? 'database.instance.stop' : 'database.instance.start';
  return defineOperation({
    id,
    types: ['database.instance'],
    params: operationParams(id),
    async run({ ctx, target, dryRun }) {
      const ref = sqlRef(target);
      const before = await getSqlInstance(ctx, ref.project, ref.instance);
      const label = `Cloud SQL instance ${ref.instance} (${before.state ?? 'unknown'}, activation ${before.settings?.activationPolicy ?? '?'})`;
      const already = before.settings?.activationPolicy === policy;
      if (already)
        return {
          status: dryRun ? 'dry-run-ok' : 'succeeded',
          message: `${label} is already set to ${policy}`,
        };
      if (dryRun) return localDryRun(`would ${action} ${label}`);
      await sqlChange(
        ctx,
        { service: 'sqladmin', operation: 'instances.patch' },
        `${action} of ${label}`,
        (sql) =>
          sql.instances.patch({
            project: ref.project,
            instance: ref.instance,
            requestBody: { settings: { activationPolicy: policy } },
          }),
      );
      return {
        status: 'succeeded',
        message: `${action === 'start' ? 'started' : 'stopped'} ${label}`,
        undo: { operation: reverse, params: {} },
      };
    },
  });
}
