import { initialMigration } from './0001-initial.migration.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [initialMigration];
