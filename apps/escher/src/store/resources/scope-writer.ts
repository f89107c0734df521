import type { Resource } from '@escher/protocol';
import { UnexpectedError } from '@escher/protocol';
import type { Clock } from '../clock.ts';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import type { ScopeResult, StoreScope } from '../store.types.ts';
import { diffResources } from './resource-diff.ts';
import {
  contentValues,
  RESOURCE_SELECT_COLUMNS,
  rowToResource,
  indexedTagText,
  sameContent,
  type ResourceRow,
} from './resource-row.ts';

type ScopeValues = [cloud: string, account: string, region: string, service: string];

/** A text-index update: drop the row's old entry (`old`), index the resource as listed (`insert`). */
interface ReindexEntry {
  rowid: number;
  insert?: Resource;
  old?: ResourceRow;
}

/**
 * Writes one scope's listing as a single transaction: upserts what was listed, soft-deletes what
 * vanished, and records the change set. Statements are prepared once; unchanged resources (the
 * common case on a re-sync) cost one string comparison per column and no write.
 */
export class ScopeWriter {
  private readonly selectScope: SqliteStatement<ScopeValues, ResourceRow>;
  private readonly selectById: SqliteStatement<[string], ResourceRow>;
  private readonly insert: SqliteStatement;
  private readonly update: SqliteStatement;
  private readonly markRemoved: SqliteStatement<[number, number, number]>;
  private readonly maxRowid: SqliteStatement<[], { max: number }>;
  private readonly ftsInsert: SqliteStatement<[number, string, string]>;
  private readonly recordAddedFrom: SqliteStatement<[number, number, number]>;
  private readonly ftsDelete: SqliteStatement<[number, string, string]>;
  private readonly vectorDelete: SqliteStatement<[number]>;
  private readonly recordChange: SqliteStatement<[number, number, string, number, string | null]>;
  private readonly recordScope: SqliteStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.selectScope = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE cloud = ? AND account = ? AND region = ? AND service = ?`,
    );
    this.selectById = db.prepare(`SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE id = ?`);
    this.insert = db.prepare(
      `INSERT INTO resources (id, cloud, account, region, service, type, native_type, name, state, environment, zone,
         created_at, cost_monthly, native_id, tags, attributes, relationships, first_seen, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.update = db.prepare(
      `UPDATE resources SET cloud = ?, account = ?, region = ?, service = ?, type = ?, native_type = ?, name = ?,
         state = ?, environment = ?, zone = ?, created_at = ?, cost_monthly = ?, native_id = ?, tags = ?,
         attributes = ?, relationships = ?, updated_at = ?, removed_at = NULL
       WHERE rowid = ?`,
    );
    this.markRemoved = db.prepare('UPDATE resources SET removed_at = ?, updated_at = ? WHERE rowid = ?');
    this.maxRowid = db.prepare('SELECT coalesce(max(rowid), 0) AS max FROM resources');
    this.ftsInsert = db.prepare('INSERT INTO resources_fts (rowid, name, tags) VALUES (?, ?, ?)');
    this.recordAddedFrom = db.prepare(
      "INSERT INTO resource_changes (sync_id, resource_rowid, kind, at) SELECT ?, rowid, 'added', ? FROM resources WHERE rowid > ?",
    );
    this.ftsDelete = db.prepare(
      "INSERT INTO resources_fts (resources_fts, rowid, name, tags) VALUES ('delete', ?, ?, ?)",
    );
    this.vectorDelete = db.prepare('DELETE FROM resource_vectors WHERE rowid = ?');
    this.recordChange = db.prepare(
      'INSERT INTO resource_changes (sync_id, resource_rowid, kind, at, diff) VALUES (?, ?, ?, ?, ?)',
    );
    this.recordScope = db.prepare(
      `INSERT OR REPLACE INTO sync_scopes (sync_id, cloud, account, region, service, status, resources, added, changed,
         removed, error_code, error_message, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** See `Store.replaceScope`. The caller has checked that `syncId` is running. */
  replace(scope: StoreScope, resources: Iterable<Resource>, syncId: number): ScopeResult {
    const run = this.db.transaction(() => this.replaceInTransaction(scope, resources, syncId));
    return run.immediate();
  }

  /** Records a scope that could not be listed; its resources stay as they were. */
  fail(scope: StoreScope, syncId: number, error: { code: string; message: string }): void {
    this.recordScope.run(
      syncId,
      scope.cloud,
      scope.account,
      scope.region,
      scope.service,
      'failed',
      0,
      0,
      0,
      0,
      error.code,
      error.message,
      this.clock.now(),
    );
  }

  private replaceInTransaction(
    scope: StoreScope,
    resources: Iterable<Resource>,
    syncId: number,
  ): ScopeResult {
    const now = this.clock.now();
    const scopeValues: ScopeValues = [scope.cloud, scope.account, scope.region, scope.service];
    const existing = new Map<string, ResourceRow>();
    for (const row of this.selectScope.all(...scopeValues)) existing.set(row.id, row);
    // New rows get rowids above this, so their change records are written with one statement
    // after the loop.
    const firstNew = this.maxRowid.get()?.max ?? 0;

    const reindex: ReindexEntry[] = [];
    const result: ScopeResult = {
      resources: 0,
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: 0,
      duplicates: 0,
    };
    const seen = new Set<string>();
    for (const resource of resources) {
      if (
        resource.cloud !== scope.cloud ||
        resource.account !== scope.account ||
        resource.region !== scope.region
      ) {
        throw new UnexpectedError(
          'store-scope-mismatch',
          `Resource ${resource.id} (${resource.cloud}/${resource.account}/${resource.region}) is outside scope ` +
            `${scope.cloud}/${scope.account}/${scope.region}/${scope.service}.`,
        );
      }
      if (seen.has(resource.id)) {
        result.duplicates += 1;
        continue;
      }
      seen.add(resource.id);
      const values = contentValues(resource);
      const known = existing.get(resource.id);
      if (known === undefined) {
        const info = this.insert.run(resource.id, ...scopeValues, ...values, now, now);
        if (info.changes === 1) {
          reindex.push({ rowid: Number(info.lastInsertRowid), insert: resource });
          result.added += 1;
          continue;
        }
      }
      // Known in this scope, or listed before under another scope (the insert hit the unique id).
      const row = known ?? this.selectById.get(resource.id);
      if (row === undefined) {
        throw new UnexpectedError(
          'store-resource-vanished',
          `Resource ${resource.id} conflicted but cannot be read.`,
        );
      }
      if (row.removed_at !== null) {
        this.update.run(...scopeValues, ...values, now, row.rowid);
        reindex.push({ rowid: row.rowid, insert: resource });
        this.recordChange.run(syncId, row.rowid, 'added', now, null);
        result.added += 1;
        continue;
      }
      const sameScope = known !== undefined;
      if (sameScope && sameContent(row, values)) {
        result.unchanged += 1;
        continue;
      }
      const changes = diffResources(rowToResource(row), resource);
      this.update.run(...scopeValues, ...values, now, row.rowid);
      if (row.name !== values[2] || row.tags !== values[9]) {
        reindex.push({ rowid: row.rowid, insert: resource, old: row });
      }
      if (changes.length === 0) {
        // Only key order or the scope bookkeeping moved: nothing a user would call a change.
        result.unchanged += 1;
        continue;
      }
      this.recordChange.run(syncId, row.rowid, 'changed', now, JSON.stringify(changes));
      result.changed += 1;
    }

    for (const [id, row] of existing) {
      if (seen.has(id) || row.removed_at !== null) continue;
      this.markRemoved.run(now, now, row.rowid);
      reindex.push({ rowid: row.rowid, old: row });
      this.vectorDelete.run(row.rowid);
      this.recordChange.run(syncId, row.rowid, 'removed', now, null);
      result.removed += 1;
    }

    // FTS5 keeps a transaction's postings in memory only while rowids ascend (a delete then an
    // insert of the same rowid is fine); out of order, it flushes a segment per row, ~20× slower.
    // The 'delete' command needs the text that was indexed: the row as it was before this sync.
    for (const { rowid, old, insert } of reindex.sort((a, b) => a.rowid - b.rowid)) {
      if (old) this.ftsDelete.run(rowid, old.name, indexedTagText(old.name, parseTags(old.tags)));
      if (insert) this.ftsInsert.run(rowid, insert.name, indexedTagText(insert.name, insert.tags));
    }
    this.recordAddedFrom.run(syncId, now, firstNew);

    result.resources = seen.size;
    this.recordScope.run(
      syncId,
      ...scopeValues,
      'ok',
      result.resources,
      result.added,
      result.changed,
      result.removed,
      null,
      null,
      now,
    );
    return result;
  }
}

function parseTags(json: string): Record<string, string> {
  return JSON.parse(json) as Record<string, string>;
}
