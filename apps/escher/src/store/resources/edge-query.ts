import type { Resource } from '@escher/protocol';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import { toIso } from '../time.ts';
import { RESOURCE_SELECT_COLUMNS, rowToResource, type ResourceRow } from './resource-row.ts';

/** One relationship of a stored resource: `sourceId` points at `targetId` with `kind`. */
export interface StoredEdge {
  sourceId: string;
  kind: string;
  targetId: string;
}

/** A resource as the store last knew it; `removedAt` is set when a sync no longer found it. */
export interface KnownResource {
  resource: Resource;
  /** ISO 8601. */
  removedAt?: string;
}

/**
 * Read side of the resource graph. Relationships live inside each resource's JSON
 * `relationships` column; triggers (migration 9) mirror them into `resource_edges`, indexed by
 * target, so a reverse lookup (who points at X?) is an index lookup per target rather than a
 * scan of every row (figures at 100k resources in docs/graph.md).
 */
export class EdgeQueries {
  private readonly incomingMany: SqliteStatement<[string], StoredEdge & Record<string, string>>;
  private readonly byIds: SqliteStatement<[string], ResourceRow>;

  constructor(db: SqliteDatabase) {
    this.incomingMany = db.prepare(
      `SELECT r.id AS sourceId, e.kind AS kind, e.target_id AS targetId
       FROM resource_edges e JOIN resources r ON r.rowid = e.source_rowid
       WHERE e.target_id IN (SELECT value FROM json_each(?)) AND r.removed_at IS NULL
       ORDER BY r.id, e.target_id, e.kind`,
    );
    this.byIds = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE id IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Edges of live resources that point at any of `targetIds`, ordered by source id. */
  incoming(targetIds: readonly string[]): StoredEdge[] {
    if (targetIds.length === 0) return [];
    return this.incomingMany
      .all(JSON.stringify(targetIds))
      .map((row) => ({ sourceId: row.sourceId, kind: row.kind, targetId: row.targetId }));
  }

  /** The given ids the store knows, live or removed (ids it never saw are simply absent). */
  known(ids: readonly string[]): Map<string, KnownResource> {
    const found = new Map<string, KnownResource>();
    if (ids.length === 0) return found;
    for (const row of this.byIds.all(JSON.stringify(ids))) {
      const entry: KnownResource = { resource: rowToResource(row) };
      if (row.removed_at !== null) entry.removedAt = toIso(row.removed_at);
      found.set(row.id, entry);
    }
    return found;
  }
}
