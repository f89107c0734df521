import { statSync } from 'node:fs';
import type { SqliteDatabase } from './database/sqlite.ts';
import type { StoreStats } from './store.types.ts';

/** Tables whose row counts `stats()` reports. */
const COUNTED_TABLES = [
  'resources',
  'resource_changes',
  'resource_vectors',
  'syncs',
  'sync_scopes',
  'chat_messages',
  'operations',
  'reports',
  'alerts',
  'events',
  'playbooks',
] as const;

/** File size and row counts of an open store. */
export function storeStats(db: SqliteDatabase, path: string): StoreStats {
  const rows: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    rows[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  const live = db.prepare('SELECT count(*) AS n FROM resources WHERE removed_at IS NULL').get() as {
    n: number;
  };
  return { fileBytes: fileSize(path) + fileSize(`${path}-wal`), resources: live.n, rows };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
