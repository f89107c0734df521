import type { KilledOrphan } from '@escher/protocol';
import { openAccountSecrets } from '../cli/accounts-file.ts';
import type { EscherHome } from '../cli/escher-home.ts';
import { ExecutionTable } from '../engine/execution-table.ts';
import { describeOrphan, reapOrphans, type ReapOptions } from '../engine/orphan-reaper.ts';
import { recoverInterrupted } from '../engine/recover-interrupted.ts';
import type { Store } from '../store/index.ts';
import type { DaemonLog } from './error-handler.ts';

/** What the daemon found a crashed process had left behind, for `/status` and `daemon start`. */
export interface RecoveredAtStart {
  interrupted: string[];
  orphans: KilledOrphan[];
}

/**
 * The daemon's start-up half of crash recovery (docs/daemon.md): marks executions a dead process
 * left running as interrupted (never resumed), then ends the command process groups they left
 * behind, each with a ledger entry and a log line. Never stops the daemon from starting.
 */
export async function recoverOnStart(
  home: EscherHome,
  store: Store,
  log: DaemonLog,
  reap: ReapOptions = {},
): Promise<RecoveredAtStart> {
  const found: RecoveredAtStart = { interrupted: [], orphans: [] };
  try {
    const secrets = await openAccountSecrets(home, store);
    const table = new ExecutionTable(store.database());
    const record = (event: Parameters<typeof secrets.ledger.append>[0]): unknown =>
      secrets.ledger.append(event);
    found.interrupted = recoverInterrupted(table, record, new Date().toISOString());
    for (const id of found.interrupted)
      log(`execution ${id} was left running by a process that ended; marked interrupted`);
    found.orphans = await reapOrphans(table, record, reap);
    for (const orphan of found.orphans) log(describeOrphan(orphan));
  } catch (error) {
    log(
      `could not finish recovering interrupted executions: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return found;
}
