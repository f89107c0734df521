import { UnexpectedError, UserError } from '@escher/protocol';
import type { Clock } from '../clock.ts';
import type { SqliteDatabase } from '../database/sqlite.ts';
import type { Migration } from './migration.ts';

/** The highest applied migration version; 0 for an empty database. */
export function schemaVersion(db: SqliteDatabase): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Brings the schema up to date: each pending migration runs in its own transaction together
 * with its `schema_migrations` row, so a crash leaves the schema at a whole version. Returns the
 * versions applied (empty when already current). A store written by a newer Escher is refused.
 */
export function runMigrations(db: SqliteDatabase, migrations: readonly Migration[], clock: Clock): number[] {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new UnexpectedError(
        'store-migration-order',
        `Migration ${m.name} has version ${m.version}, expected ${index + 1}.`,
      );
    }
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new UserError(
      'store-schema-newer',
      `The store's schema is version ${current}, newer than this Escher understands (${latest}).`,
      { hint: 'Upgrade Escher to the version that last wrote this store.' },
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, clock.now());
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
