import { hostname } from 'node:os';
import type { LedgerEvent } from '@escher/protocol';
import type { ExecutionTable } from './execution-table.ts';

/** Whether a process id is alive on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks executions a dead process left `running` as `interrupted` (SPEC: never silently
 * resumed or forgotten), with a ledger entry each, and returns their ids for the caller to
 * report. A run whose process is still alive on this host is left alone; one started on another
 * host cannot be checked and is left alone too.
 */
export function recoverInterrupted(
  table: ExecutionTable,
  record: (event: LedgerEvent) => unknown,
  now: string,
  isAlive: (pid: number) => boolean = processAlive,
): string[] {
  const interrupted: string[] = [];
  for (const execution of table.list({ state: 'running', limit: 1000 })) {
    const owner = table.owner(execution.id);
    if (owner.host !== null && owner.host !== hostname()) continue;
    if (owner.pid !== null && owner.pid !== process.pid && isAlive(owner.pid)) continue;
    if (owner.pid === process.pid) continue;
    const message = `the process applying it (pid ${String(owner.pid)}) ended mid-run; not resumed`;
    if (!table.setState(execution.id, 'interrupted', { from: ['running'], at: now, message })) continue;
    for (const s of execution.steps) {
      if (s.status === 'running')
        table.putStep(execution.id, s.target, s.stepId, {
          status: 'cancelled',
          message: 'interrupted',
          finishedAt: now,
        });
    }
    record({ kind: 'execution-finished', data: { executionId: execution.id, status: 'interrupted' } });
    interrupted.push(execution.id);
  }
  return interrupted;
}
