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
 * `relationships` column (no edge table), so a reverse lookup (who points at X?) is a scan.
 * `incoming` answers it for a whole set of targets in one scan, so a breadth-first walk costs
 * one scan per level (figures at 100k resources in docs/graph.md).
 */
export class EdgeQueries {
  private readonly incomingOne: SqliteStatement<[string, string], { source_id: string; kind: string }>;
  private readonly incomingMany: SqliteStatement<[string], StoredEdge & Record<string, string>>;
  private readonly byIds: SqliteStatement<[string], ResourceRow>;

  constructor(db: SqliteDatabase) {
    // instr() on the raw JSON skips every row that cannot mention the target before json_each
    // parses anything: about half the time of the general query for one id at 100k resources.
    this.incomingOne = db.prepare(
      `SELECT r.id AS source_id, json_extract(e.value, '$.kind') AS kind
       FROM resources r, json_each(r.relationships) e
       WHERE r.removed_at IS NULL AND instr(r.relationships, ?) > 0
         AND json_extract(e.value, '$.targetId') = ?
       ORDER BY r.id`,
    );
    this.incomingMany = db.prepare(
      `SELECT r.id AS sourceId, json_extract(e.value, '$.kind') AS kind,
              json_extract(e.value, '$.targetId') AS targetId
       FROM resources r, json_each(r.relationships) e
       WHERE r.removed_at IS NULL AND r.relationships <> '[]'
         AND json_extract(e.value, '$.targetId') IN (SELECT value FROM json_each(?))
       ORDER BY r.id`,
    );
    this.byIds = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE id IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Edges of live resources that point at any of `targetIds`, ordered by source id. */
  incoming(targetIds: readonly string[]): StoredEdge[] {
    if (targetIds.length === 0) return [];
    if (targetIds.length === 1) {
      const targetId = targetIds[0] as string;
      // instr() looks for the id as the JSON text spells it: only ids JSON needs no escapes for
      // (no quotes, backslashes or control characters) can take this path.
      if (JSON.stringify(targetId) === `"${targetId}"`) {
        return this.incomingOne
          .all(targetId, targetId)
          .map((row) => ({ sourceId: row.source_id, kind: row.kind, targetId }));
      }
    }
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
