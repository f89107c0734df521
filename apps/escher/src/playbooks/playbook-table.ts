import { compareSemver, type PlaybookSource, type PlaybookState } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';

/** One kept version of a user playbook (migration 0005). */
export interface StoredPlaybookVersion {
  id: string;
  version: string;
  source: PlaybookSource;
  sha256: string;
  /** The YAML exactly as added. */
  document: string;
  addedAt: string;
}

interface VersionRow {
  playbook_id: string;
  version: string;
  source: string;
  sha256: string;
  document: string;
  added_at: string;
}

const toVersion = (r: VersionRow): StoredPlaybookVersion => ({
  id: r.playbook_id,
  version: r.version,
  source: r.source as PlaybookSource,
  sha256: r.sha256,
  document: r.document,
  addedAt: r.added_at,
});

/** Reads and writes of the playbook tables in the encrypted store. */
export class PlaybookTable {
  constructor(private readonly db: SqliteDatabase) {}

  /** Every kept version of one playbook, lowest first (semver order). */
  versions(id: string): StoredPlaybookVersion[] {
    const rows = this.db
      .prepare('SELECT * FROM playbook_versions WHERE playbook_id = ?')
      .all(id) as VersionRow[];
    return rows.map(toVersion).sort((a, b) => compareSemver(a.version, b.version));
  }

  /** Every kept version of every playbook. */
  allVersions(): StoredPlaybookVersion[] {
    return (this.db.prepare('SELECT * FROM playbook_versions').all() as VersionRow[]).map(toVersion);
  }

  addVersion(v: StoredPlaybookVersion): void {
    this.db
      .prepare(
        'INSERT INTO playbook_versions (playbook_id, version, source, sha256, document, added_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(v.id, v.version, v.source, v.sha256, v.document, v.addedAt);
  }

  /** The state Escher holds for each version it has one for, keyed `id@version`. */
  states(): Map<string, PlaybookState> {
    const rows = this.db.prepare('SELECT playbook_id, version, state FROM playbook_states').all() as {
      playbook_id: string;
      version: string;
      state: PlaybookState;
    }[];
    return new Map(rows.map((r) => [stateKey(r.playbook_id, r.version), r.state]));
  }

  setState(id: string, version: string, state: PlaybookState, at: string): void {
    this.db
      .prepare(
        `INSERT INTO playbook_states (playbook_id, version, state, changed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (playbook_id, version) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`,
      )
      .run(id, version, state, at);
  }
}

/** The key of a version in `PlaybookTable.states()`. */
export function stateKey(id: string, version: string): string {
  return `${id}@${version}`;
}
