import type { Migration } from './migration.ts';

/**
 * Playbook versions and lifecycle states (SPEC section 5).
 *
 * `playbook_versions` keeps the exact YAML of every version of a user playbook ever added, so an
 * old version stays readable (and runnable for an old plan) after a newer one replaces the file in
 * `$ESCHER_HOME/playbooks`. A version is immutable: a trigger refuses UPDATE, and a changed
 * playbook needs a higher version. `playbook_states` holds the lifecycle state Escher keeps for
 * each version (built-in or user); every change is also an audit-ledger entry.
 */
export const playbooksMigration: Migration = {
  version: 5,
  name: 'playbooks',
  up(db) {
    db.exec(`
      CREATE TABLE playbook_versions (
        playbook_id TEXT NOT NULL,
        version TEXT NOT NULL,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        document TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (playbook_id, version)
      ) WITHOUT ROWID;
      CREATE TRIGGER playbook_versions_immutable BEFORE UPDATE ON playbook_versions
        BEGIN SELECT RAISE (ABORT, 'a playbook version is immutable: add a higher version'); END;

      CREATE TABLE playbook_states (
        playbook_id TEXT NOT NULL,
        version TEXT NOT NULL,
        state TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (playbook_id, version)
      ) WITHOUT ROWID;
    `);
  },
};
