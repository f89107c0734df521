import { nativeSize, operationParams } from '@escher/protocol';
import { defineOperation, localDryRun } from './core/define.ts';
import { sqlChange } from './core/sql-operation.ts';
import { sqlRef } from './core/target.ts';
import { getSqlInstance } from './refresh/service-readers.ts';

/**
 * `database.instance.resize`: a new machine tier (instances.patch `settings.tier`), waited on;
 * Cloud SQL restarts the instance to apply it and refuses tiers it does not offer. Undo: the old
 * tier.
 */
export const databaseInstanceResize = defineOperation({
  id: 'database.instance.resize',
  types: ['database.instance'],
  // `size`: portable, or a Cloud SQL tier such as db-custom-2-7680.
  params: operationParams('database.instance.resize').transform((p, zctx) => {
    const tier = nativeSize(p.size, SQL_SIZES);
    if (!/^db-[a-z0-9-]+$/i.test(tier))
      zctx.addIssue({ code: 'custom', path: ['size'], message: 'a Cloud SQL tier such as db-custom-2-7680' });
    return { tier };
  }),
  async run({ ctx, target, params, dryRun }) {
    const ref = sqlRef(target);
    const old = (await getSqlInstance(ctx, ref.project, ref.instance)).settings?.tier ?? '';
    const label = `Cloud SQL instance ${ref.instance}`;
    if (old === params.tier)
      return { status: dryRun ? 'dry-run-ok' : 'succeeded', message: `${label} is already ${old}` };
    if (dryRun) return localDryRun(`would resize ${label} from ${old} to ${params.tier} (restarts it)`);
    await sqlChange(ctx, { service: 'sqladmin', operation: 'instances.patch' }, `resize of ${label}`, (sql) =>
      sql.instances.patch({
        project: ref.project,
        instance: ref.instance,
        requestBody: { settings: { tier: params.tier } },
      }),
    );
    return {
      status: 'succeeded',
      message: `resized ${label} from ${old} to ${params.tier}`,
      undo: { operation: 'database.instance.resize', params: { size: old } },
    };
  },
});

/** The portable sizes as Cloud SQL tiers. */
export const SQL_SIZES = {
  small: 'db-g1-small',
  medium: 'db-custom-1-3840',
  large: 'db-custom-2-7680',
  xlarge: 'db-custom-4-15360',
};
