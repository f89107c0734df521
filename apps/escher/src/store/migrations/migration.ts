import type { SqliteDatabase } from '../database/sqlite.ts';

/**
 * One schema step. Versions are consecutive integers starting at 1; a released migration is
 * never edited — a change is a new migration. `up` runs inside the runner's transaction.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}
