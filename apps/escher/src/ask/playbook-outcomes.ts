import type { PlaybookOutcome } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';

/** Final states that count as a playbook doing what it was asked. */
const SUCCEEDED = ['succeeded'];
/** Final states that count against it: it failed, or a verify failed and it was rolled back. */
const FAILED = ['failed', 'rolled-back'];

/**
 * How each playbook's past runs on this machine ended, as anonymous counts for the Playbook
 * agent's ranking (issue 6: "outcome feedback moves the ranking"). Only the playbook id and two
 * numbers leave the machine — no targets, times or output. Cancelled and interrupted runs say
 * nothing about the playbook and are not counted.
 */
export function playbookOutcomes(db: SqliteDatabase, limit = 2000): PlaybookOutcome[] {
  const rows = db
    .prepare(
      `SELECT p.playbook_id AS playbookId,
              sum(e.state IN (SELECT value FROM json_each(?))) AS successes,
              sum(e.state IN (SELECT value FROM json_each(?))) AS failures
       FROM executions e JOIN plans p ON p.id = e.plan_id
       GROUP BY p.playbook_id
       HAVING successes + failures > 0
       ORDER BY successes + failures DESC, p.playbook_id
       LIMIT ?`,
    )
    .all(JSON.stringify(SUCCEEDED), JSON.stringify(FAILED), limit) as PlaybookOutcome[];
  return rows.filter((r) => r.playbookId.length <= 100);
}
