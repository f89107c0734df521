import type { Migration } from './migration.ts';

/**
 * An indexed edge table, so "who points at X?" is an index lookup rather than a scan of
 * every resource's relationships JSON. Planning asks it for every target of a plan (blast radius:
 * the load balancers in front of instances, the snapshots of volumes, the users of a firewall),
 * and at 100k resources the scan cost ~170 ms per plan (docs/graph.md).
 *
 * Inserts — the bulk of a first sync — write their edges in one statement per scope
 * (`ScopeStatements.insertEdgesFrom`, after the scope's inserts): an AFTER INSERT trigger cost a
 * third of ingest speed (54k → 37k resources/s CPU at 100k). Updates and deletes, rare and done
 * by several writers (sync, refresh after an apply), keep the table right through triggers,
 * which fire only when the relationships JSON actually changed.
 */
export const resourceEdgesMigration: Migration = {
  version: 9,
  name: 'resource-edges',
  up(db) {
    // One row per edge, keyed (target, source rowid, kind): the lookup by target is the primary
    // key's prefix, and the source is a rowid (the `resources` rowid is an INTEGER PRIMARY KEY,
    // stable across VACUUM), so each edge stores the target id once (~90 bytes) and needs no
    // second index — a trigger removes a source's edges by walking its old relationships.
    db.exec(`
      CREATE TABLE resource_edges (
        target_id TEXT NOT NULL,
        source_rowid INTEGER NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (target_id, source_rowid, kind)
      ) WITHOUT ROWID;

      CREATE TRIGGER resources_edges_update AFTER UPDATE OF relationships ON resources
      WHEN old.relationships IS NOT new.relationships BEGIN
        DELETE FROM resource_edges
          WHERE source_rowid = old.rowid AND target_id IN
            (SELECT json_extract(e.value, '$.targetId') FROM json_each(old.relationships) e);
        INSERT OR IGNORE INTO resource_edges (target_id, source_rowid, kind)
          SELECT json_extract(e.value, '$.targetId'), new.rowid, json_extract(e.value, '$.kind')
          FROM json_each(new.relationships) e
          WHERE json_extract(e.value, '$.targetId') IS NOT NULL;
      END;
      CREATE TRIGGER resources_edges_delete AFTER DELETE ON resources
      WHEN old.relationships <> '[]' BEGIN
        DELETE FROM resource_edges
          WHERE source_rowid = old.rowid AND target_id IN
            (SELECT json_extract(e.value, '$.targetId') FROM json_each(old.relationships) e);
      END;

      INSERT OR IGNORE INTO resource_edges (target_id, source_rowid, kind)
        SELECT json_extract(e.value, '$.targetId'), r.rowid, json_extract(e.value, '$.kind')
        FROM resources r, json_each(r.relationships) e
        WHERE r.relationships <> '[]' AND json_extract(e.value, '$.targetId') IS NOT NULL;
    `);
  },
};
