import type { Migration } from './migration.ts';

/**
 * `escher ask` (issue 6, docs/ask.md): chat sessions, and what keeps ask → plan within SPEC 10's
 * 50 ms at 100,000 resources.
 *
 * - `chat_sessions`: migration 1's `chat_messages` keeps each turn — the user's request (scrubbed
 *   of secrets) and the answer's ≤ 300-byte digest, never the full UI payload; sessions group
 *   them (the newest is the current one, `escher ask --new` starts another), and the answer's row
 *   gains the ids of the resources it resolved, so "stop them" or "undo that" acts on exactly
 *   those resources in a later process.
 * - `ask_summary`: the secret-free estate summary sent to the server (counts, tag keys), computed
 *   once per store change (keyed by the newest `resource_changes` id) instead of by a full scan
 *   per question.
 * - A partial index over live rows on (type, region) for target resolution, which names a type
 *   in nearly every request: a range instead of a scan of the estate (≈ 10 % of ingest CPU at
 *   100k resources; mentioned names use the search index instead of an index of their own).
 */
export const chatSessionsMigration: Migration = {
  version: 7,
  name: 'chat-sessions',
  up(db) {
    db.exec(`
      CREATE TABLE chat_sessions (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX chat_sessions_updated ON chat_sessions (updated_at);
      ALTER TABLE chat_messages ADD COLUMN target_ids TEXT;

      CREATE TABLE ask_summary (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE INDEX resources_live_type_region ON resources (type, region) WHERE removed_at IS NULL;
    `);
  },
};
