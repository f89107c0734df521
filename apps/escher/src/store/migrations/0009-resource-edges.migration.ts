import type { Migration } from './migration.ts';

/**
 * An edge table kept by triggers, so "who points at X?" is an index lookup rather than a scan of
 * every resource's relationships JSON. Planning asks it for every target of a plan (blast radius:
 * the load balancers in front of instances, the snapshots of volumes, the users of a firewall),
 * and at 100k resources the scan cost ~170 ms per plan (docs/graph.md). Triggers keep the table
 * right whichever code path writes `resources` (sync, import, refresh after an apply), and the
 * `WHEN` clauses keep them off the common case of a resource without relationships.
 */
export const resourceEdgesMigration: Migration = {
  version: 9,
  name: 'resource-edges',
  up(db) {
    db.exec(`
      CREATE TABLE resource_edges (
        target_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (target_id, source_id, kind)
      ) WITHOUT ROWID;
      CREATE INDEX resource_edges_source ON resource_edges (source_id);

      CREATE TRIGGER resources_edges_insert AFTER INSERT ON resources
      WHEN new.relationships <> '[]' BEGIN
        INSERT OR IGNORE INTO resource_edges (target_id, source_id, kind)
          SELECT json_extract(e.value, '$.targetId'), new.id, json_extract(e.value, '$.kind')
          FROM json_each(new.relationships) e
          WHERE json_extract(e.value, '$.targetId') IS NOT NULL;
      END;
      CREATE TRIGGER resources_edges_update AFTER UPDATE OF relationships ON resources
      WHEN old.relationships IS NOT new.relationships BEGIN
        DELETE FROM resource_edges WHERE source_id = old.id;
        INSERT OR IGNORE INTO resource_edges (target_id, source_id, kind)
          SELECT json_extract(e.value, '$.targetId'), new.id, json_extract(e.value, '$.kind')
          FROM json_each(new.relationships) e
          WHERE json_extract(e.value, '$.targetId') IS NOT NULL;
      END;
      CREATE TRIGGER resources_edges_delete AFTER DELETE ON resources
      WHEN old.relationships <> '[]' BEGIN
        DELETE FROM resource_edges WHERE source_id = old.id;
      END;

      INSERT OR IGNORE INTO resource_edges (target_id, source_id, kind)
        SELECT json_extract(e.value, '$.targetId'), r.id, json_extract(e.value, '$.kind')
        FROM resources r, json_each(r.relationships) e
        WHERE r.relationships <> '[]' AND json_extract(e.value, '$.targetId') IS NOT NULL;
    `);
  },
};
