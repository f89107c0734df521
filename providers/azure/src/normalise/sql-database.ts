import type { Resource, ResourceState } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, parentId, props, rowFields } from './common.ts';

interface SqlDatabaseProperties {
  status: string;
  creationDate: string;
  maxSizeBytes: number;
  currentServiceObjectiveName: string;
  zoneRedundant: boolean;
  requestedBackupStorageRedundancy: string;
}

const STATE: Readonly<Record<string, ResourceState>> = {
  online: 'running',
  paused: 'stopped',
  pausing: 'stopping',
  resuming: 'starting',
  creating: 'pending',
  offline: 'stopped',
  disabled: 'stopped',
  dropping: 'deleting',
};

/**
 * An Azure SQL database (child of a logical server). The `master` system database is not a
 * user resource and is skipped. Encryption (TDE) and firewall exposure live in other APIs and are
 * not read here: `encrypted` and `public` stay unset rather than guessed.
 */
export function normaliseSqlDatabase(row: GraphRow): Resource[] {
  if (row.name.toLowerCase() === 'master' || row.name.toLowerCase().endsWith('/master')) return [];
  const p = props<SqlDatabaseProperties>(row);
  return [
    makeResource({
      ...rowFields(row),
      name: row.name.split('/').pop()!,
      state: STATE[(p.status ?? '').toLowerCase()] ?? 'unknown',
      createdAt: p.creationDate,
      attributes: {
        engine: 'sqlserver',
        size: p.currentServiceObjectiveName ?? row.sku?.name,
        tier: row.sku?.tier,
        storageGb: p.maxSizeBytes ? Math.round(p.maxSizeBytes / 1024 ** 3) : undefined,
        serverId: parentId(row.id),
        zoneRedundant: p.zoneRedundant,
        backupRedundancy: p.requestedBackupStorageRedundancy,
      },
      relationships: [],
    }),
  ];
}
