import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { defineOperation, localDryRun } from './core/define.ts';
import { sqlChange } from './core/sql-operation.ts';
import { sqlRef } from './core/target.ts';
import { getSqlInstance } from './refresh/service-readers.ts';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const Network = z.object({ value: z.string().min(1).max(64), name: z.string().max(256).optional() }).strict();

/** The catalogue's params with Cloud SQL's shape of `restore`. */
const Params = operationParams('database.instance.restrict').extend({
  /**
   * `remove-world-networks` (default): drop `0.0.0.0/0` / `::/0` from the authorised networks;
   * `disable-public-ip`: also turn the public IPv4 address off (needs a private IP).
   */
  mode: z.enum(['remove-world-networks', 'disable-public-ip']).default('remove-world-networks'),
  /** The exact previous `ipv4Enabled` and authorised networks: the undo of a restrict. */
  restore: z
    .object({ ipv4Enabled: z.boolean(), authorizedNetworks: z.array(Network) })
    .strict()
    .optional(),
});

/**
 * `database.instance.restrict`: removes internet access to a Cloud SQL instance
 * (instances.patch of `settings.ipConfiguration`: the world-open authorised networks, and by
 * `mode` the public IPv4 address), waited on. Undo: `restore` with the exact previous settings.
 */
export const databaseInstanceRestrict = defineOperation({
  id: 'database.instance.restrict',
  types: ['database.instance'],
  params: Params,
  async run({ ctx, target, params, dryRun }) {
    const ref = sqlRef(target);
    const ip = (await getSqlInstance(ctx, ref.project, ref.instance)).settings?.ipConfiguration ?? {};
    const networks = (ip.authorizedNetworks ?? []).map((n) => ({
      value: n.value ?? '',
      ...(n.name ? { name: n.name } : {}),
    }));
    const ipv4Enabled = ip.ipv4Enabled === true;
    const label = `Cloud SQL instance ${ref.instance}`;
    let ipConfiguration: { ipv4Enabled?: boolean; authorizedNetworks: { value: string; name?: string }[] };
    let change: string;
    if (params.restore) {
      ipConfiguration = {
        ipv4Enabled: params.restore.ipv4Enabled,
        authorizedNetworks: params.restore.authorizedNetworks,
      };
      change = `restore public IPv4 ${params.restore.ipv4Enabled ? 'on' : 'off'} with ${params.restore.authorizedNetworks.length} authorised network(s)`;
    } else {
      const world = networks.filter((n) => WORLD.has(n.value));
      const disable = params.mode === 'disable-public-ip' && ipv4Enabled;
      if (world.length === 0 && !disable)
        return {
          status: dryRun ? 'dry-run-ok' : 'succeeded',
          message: `${label} allows no connections from the whole internet`,
        };
      ipConfiguration = {
        authorizedNetworks: networks.filter((n) => !WORLD.has(n.value)),
        ...(disable ? { ipv4Enabled: false } : {}),
      };
      change = [
        ...(world.length
          ? [`remove ${world.map((n) => n.value).join(', ')} from the authorised networks`]
          : []),
        ...(disable ? ['turn the public IPv4 address off'] : []),
      ].join(' and ');
    }
    if (dryRun) return localDryRun(`would ${change} of ${label}`);
    await sqlChange(
      ctx,
      { service: 'sqladmin', operation: 'instances.patch' },
      `restriction of ${label}`,
      (sql) =>
        sql.instances.patch({
          project: ref.project,
          instance: ref.instance,
          requestBody: { settings: { ipConfiguration } },
        }),
    );
    return {
      status: 'succeeded',
      message: `${label}: ${change}: done`,
      undo: {
        operation: 'database.instance.restrict',
        params: { restore: { ipv4Enabled, authorizedNetworks: networks } },
      },
    };
  },
});
