import type { Migration } from './migration.ts';

/**
 * The process a command step runs as (issue 5, crash recovery): its process group and the start
 * identity of its leader (`boot id:start ticks` from /proc on Linux), recorded when it is spawned
 * and cleared when it ends. After a kill -9 of the daemon or of an applying CLI, recovery finds
 * the groups still recorded on interrupted executions and ends them — and the start identity keeps
 * it from signalling a reused pid that now belongs to something else.
 */
export const stepProcessesMigration: Migration = {
  version: 10,
  name: 'step-processes',
  up(db) {
    db.exec(`
      ALTER TABLE execution_steps ADD COLUMN process_group INTEGER;
      ALTER TABLE execution_steps ADD COLUMN process_start TEXT;
      ALTER TABLE execution_steps ADD COLUMN process_host TEXT;
    `);
  },
};
