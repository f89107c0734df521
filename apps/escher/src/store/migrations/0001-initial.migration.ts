import type { Migration } from './migration.ts';

/** Dimensions of the embedding vectors migration 1 creates (a MiniLM-class sentence model). */
export const EMBEDDING_DIMENSIONS = 384;

/**
 * The six collections of SPEC section 2 plus sync bookkeeping.
 *
 * Resources are soft-deleted (`removed_at`): a vanished resource keeps its row, so its history
 * and last known state stay readable, while its search entries are dropped. Times are integer
 * milliseconds since the epoch. Resource vectors are int8-quantised to keep a resource under the
 * 3 KB budget of SPEC section 10 (384 bytes instead of 1,536).
 */
export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE syncs (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        summary TEXT
      );

      CREATE TABLE sync_scopes (
        sync_id INTEGER NOT NULL REFERENCES syncs (id),
        cloud TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        service TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        resources INTEGER NOT NULL DEFAULT 0,
        added INTEGER NOT NULL DEFAULT 0,
        changed INTEGER NOT NULL DEFAULT 0,
        removed INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (sync_id, cloud, account, region, service)
      ) WITHOUT ROWID;

      -- Estate inventory. id = nativeId (native_id only when they differ).
      CREATE TABLE resources (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        cloud TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        service TEXT NOT NULL,
        type TEXT NOT NULL,
        native_type TEXT NOT NULL,
        name TEXT NOT NULL,
        state TEXT,
        environment TEXT,
        zone TEXT,
        created_at TEXT,
        cost_monthly REAL,
        native_id TEXT,
        tags TEXT NOT NULL,
        attributes TEXT NOT NULL,
        relationships TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        removed_at INTEGER
      );
      -- The only secondary index: a sync reads a scope's rows. Filters by type, state or
      -- environment match large shares of the estate, where a scan is as fast as an index.
      CREATE INDEX resources_scope ON resources (cloud, account, region, service);

      -- Typo-tolerant text search over names and tag values; rows are the resources' rowids.
      -- Contentless (the text lives in resources; entries are removed with the 'delete' command
      -- and the old text) and detail=none: queries OR single trigrams and rank by how many
      -- match, so positions are never needed (half the size and CPU).
      CREATE VIRTUAL TABLE resources_fts USING fts5 (
        name, tags,
        tokenize = 'trigram remove_diacritics 1',
        content = '', detail = none
      );

      CREATE VIRTUAL TABLE resource_vectors USING vec0 (embedding int8[384]);

      -- What each sync did to each resource (resource_rowid = resources.rowid). No REFERENCES:
      -- one row per resource per sync is the hottest insert of an ingest, foreign-key checks
      -- doubled its cost, and only the scope writer writes here (resources are never deleted).
      CREATE TABLE resource_changes (
        id INTEGER PRIMARY KEY,
        sync_id INTEGER NOT NULL,
        resource_rowid INTEGER NOT NULL,
        -- OR rather than IN: SQLite builds a temporary table per row to check an IN list.
        kind TEXT NOT NULL CHECK (kind = 'added' OR kind = 'changed' OR kind = 'removed'),
        at INTEGER NOT NULL,
        diff TEXT
      );
      CREATE INDEX resource_changes_resource ON resource_changes (resource_rowid);
      CREATE INDEX resource_changes_at ON resource_changes (at);

      -- Chat history: the short digest of each answer, never the full UI payload.
      CREATE TABLE chat_messages (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        text TEXT NOT NULL,
        intent TEXT
      );
      CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, at);

      -- Executed operations (plans that ran), by execution id.
      CREATE TABLE operations (
        id TEXT PRIMARY KEY,
        playbook_id TEXT,
        playbook_version TEXT,
        status TEXT NOT NULL,
        risk TEXT,
        requested_by TEXT,
        approved_by TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        target_count INTEGER NOT NULL DEFAULT 0,
        plan TEXT NOT NULL,
        result TEXT,
        ledger_seq INTEGER
      );
      CREATE INDEX operations_started ON operations (started_at);

      -- Immutable reports: written once, their hash is in the audit ledger.
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        format TEXT NOT NULL,
        content TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        ledger_seq INTEGER
      );
      CREATE TRIGGER reports_immutable_update BEFORE UPDATE ON reports
        BEGIN SELECT RAISE (ABORT, 'reports are immutable'); END;
      CREATE TRIGGER reports_immutable_delete BEFORE DELETE ON reports
        BEGIN SELECT RAISE (ABORT, 'reports are immutable'); END;

      -- Alerts (one per open finding) and the event stream they come from.
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        check_id TEXT NOT NULL,
        resource_id TEXT,
        severity TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        message TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        acknowledged_by TEXT,
        acknowledged_at INTEGER,
        data TEXT
      );
      CREATE INDEX alerts_status ON alerts (status, severity);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT,
        resource_id TEXT,
        message TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX events_at ON events (at);

      -- User playbooks (built-ins ship with the code), every version kept.
      CREATE TABLE playbooks (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        lifecycle TEXT NOT NULL,
        document TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (id, version)
      );
      CREATE VIRTUAL TABLE playbooks_fts USING fts5 (
        name, description,
        content = 'playbooks', content_rowid = 'rowid',
        tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER playbooks_fts_insert AFTER INSERT ON playbooks BEGIN
        INSERT INTO playbooks_fts (rowid, name, description) VALUES (new.rowid, new.name, new.description);
      END;
      CREATE TRIGGER playbooks_fts_delete AFTER DELETE ON playbooks BEGIN
        INSERT INTO playbooks_fts (playbooks_fts, rowid, name, description)
          VALUES ('delete', old.rowid, old.name, old.description);
      END;
      CREATE TRIGGER playbooks_fts_update AFTER UPDATE ON playbooks BEGIN
        INSERT INTO playbooks_fts (playbooks_fts, rowid, name, description)
          VALUES ('delete', old.rowid, old.name, old.description);
        INSERT INTO playbooks_fts (rowid, name, description) VALUES (new.rowid, new.name, new.description);
      END;
      CREATE VIRTUAL TABLE playbook_vectors USING vec0 (embedding float[384]);
    `);
  },
};
