export type { Migration } from './migration.ts';
export { EMBEDDING_DIMENSIONS } from './0001-initial.migration.ts';
export { MIGRATIONS } from './all-migrations.ts';
export { runMigrations, schemaVersion } from './run-migrations.ts';
