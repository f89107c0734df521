import type { Resource } from '@escher/protocol';
import { diffResources } from './resources/resource-diff.ts';
import { contentValues, rowToResource, sameContent, type ResourceRow } from './resources/resource-row.ts';
import { ScopeStatements } from './resources/scope-statements.ts';
import type { Store } from './store.ts';

/** One resource as its provider re-read it after a change; `resource` undefined means it is gone. */
export interface RefreshedResource {
  id: string;
  resource: Resource | undefined;
}

/** What writing a set of refreshed resources did (the change set is sync `syncId`). */
export interface RefreshWriteResult {
  syncId: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/**
 * Writes resources an execution changed, as re-read from their clouds, without a full sync: a
 * changed one is updated in place (it keeps its scope) with its field-level diff recorded, a gone
 * one is marked removed, an unchanged one costs nothing. The writes form one change set — a sync
 * of their own, so `escher history ID` and `resources --changed-since` show them like any other.
 * Resources the store does not hold are ignored: an execution only changes what a sync found.
 */
export function writeRefreshed(
  store: Store,
  refreshed: readonly RefreshedResource[],
  now: number = Date.now(),
): RefreshWriteResult {
  const db = store.database();
  const sql = new ScopeStatements(db);
  const syncId = store.beginSync();
  const result: RefreshWriteResult = { syncId, changed: 0, removed: 0, unchanged: 0 };
  db.transaction(() => {
    for (const { id, resource } of refreshed) {
      const row = sql.selectById.get(id) as ResourceRow | undefined;
      if (!row || row.removed_at !== null) continue;
      if (!resource) {
        sql.markRemoved.run(now, now, row.rowid);
        sql.vectorDelete.run(row.rowid);
        sql.recordChange.run(syncId, row.rowid, 'removed', now, null);
        result.removed += 1;
        continue;
      }
      const values = contentValues(resource);
      const changes = diffResources(rowToResource(row), resource);
      if (sameContent(row, values) || changes.length === 0) {
        result.unchanged += 1;
        continue;
      }
      sql.update.run(row.scope_id, ...values, now, row.rowid);
      sql.recordChange.run(syncId, row.rowid, 'changed', now, JSON.stringify(changes));
      result.changed += 1;
    }
  }).immediate();
  store.finishSync(syncId, { apiCalls: refreshed.length });
  return result;
}
