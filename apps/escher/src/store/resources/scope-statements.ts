import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import { RESOURCE_SELECT_COLUMNS, type ResourceRow } from './resource-row.ts';

type ScopeKey = [cloud: string, account: string, region: string, service: string];

/**
 * Every statement the scope writer runs, prepared once per connection: preparing costs more than
 * running most of them, and a sync runs them hundreds of thousands of times.
 */
export class ScopeStatements {
  readonly insertScope: SqliteStatement<ScopeKey>;
  readonly scopeId: SqliteStatement<ScopeKey, { id: number }>;
  readonly selectScope: SqliteStatement<[number], ResourceRow>;
  readonly selectById: SqliteStatement<[string], ResourceRow>;
  /**
   * id, scope_id, the 15 content columns, first_seen, updated_at. The only insert into
   * `resources`: whoever runs it writes the new rows' edges with `insertEdgesFrom` (migration 9).
   */
  readonly insert: SqliteStatement;
  /** The edges of every resource row above a rowid: one statement per scope, after its inserts. */
  readonly insertEdgesFrom: SqliteStatement<[number]>;
  /** scope_id, the 15 content columns, updated_at, rowid. */
  readonly update: SqliteStatement;
  readonly markRemoved: SqliteStatement<[number, number, number]>;
  readonly maxRowid: SqliteStatement<[], { max: number }>;
  readonly vectorDelete: SqliteStatement<[number]>;
  readonly recordAddedFrom: SqliteStatement<[number, number, number]>;
  readonly recordChange: SqliteStatement<[number, number, string, number, string | null]>;
  /** Takes back a removal recorded in this sync (sync id, resource rowid). */
  readonly unrecordRemoval: SqliteStatement<[number, number]>;
  /** Lowers the removed count of the scope (by id) that recorded it in this sync. */
  readonly uncountRemoval: SqliteStatement<[number, number]>;
  readonly recordScope: SqliteStatement;

  constructor(db: SqliteDatabase) {
    this.insertScope = db.prepare(
      'INSERT INTO scopes (cloud, account, region, service) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.scopeId = db.prepare(
      'SELECT id FROM scopes WHERE cloud = ? AND account = ? AND region = ? AND service = ?',
    );
    this.selectScope = db.prepare(`SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE scope_id = ?`);
    this.selectById = db.prepare(`SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE id = ?`);
    const content =
      'cloud, account, region, type, native_type, name, state, environment, zone, created_at, cost_monthly, ' +
      'native_id, tags, attributes, relationships';
    this.insert = db.prepare(
      `INSERT INTO resources (id, scope_id, ${content}, first_seen, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.insertEdgesFrom = db.prepare(
      `INSERT OR IGNORE INTO resource_edges (target_id, source_rowid, kind)
       SELECT json_extract(e.value, '$.targetId'), r.rowid, json_extract(e.value, '$.kind')
       FROM resources r, json_each(r.relationships) e
       WHERE r.rowid > ? AND r.relationships <> '[]' AND json_extract(e.value, '$.targetId') IS NOT NULL`,
    );
    this.update = db.prepare(
      `UPDATE resources SET scope_id = ?, ${content
        .split(', ')
        .map((column) => `${column} = ?`)
        .join(', ')}, updated_at = ?, removed_at = NULL
       WHERE rowid = ?`,
    );
    this.markRemoved = db.prepare('UPDATE resources SET removed_at = ?, updated_at = ? WHERE rowid = ?');
    this.maxRowid = db.prepare('SELECT coalesce(max(rowid), 0) AS max FROM resources');
    this.vectorDelete = db.prepare('DELETE FROM resource_vectors WHERE rowid = ?');
    this.recordAddedFrom = db.prepare(
      "INSERT INTO resource_changes (sync_id, resource_rowid, kind, at) SELECT ?, rowid, 'added', ? FROM resources WHERE rowid > ?",
    );
    this.recordChange = db.prepare(
      'INSERT INTO resource_changes (sync_id, resource_rowid, kind, at, diff) VALUES (?, ?, ?, ?, ?)',
    );
    this.unrecordRemoval = db.prepare(
      "DELETE FROM resource_changes WHERE sync_id = ? AND resource_rowid = ? AND kind = 'removed'",
    );
    this.uncountRemoval = db.prepare(
      `UPDATE sync_scopes SET removed = removed - 1
       WHERE sync_id = ? AND (cloud, account, region, service) =
         (SELECT cloud, account, region, service FROM scopes WHERE id = ?)`,
    );
    this.recordScope = db.prepare(
      `INSERT OR REPLACE INTO sync_scopes (sync_id, cloud, account, region, service, status, resources, added, changed,
         removed, error_code, error_message, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }
}
