import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { KilledOrphan, LedgerEvent } from '@escher/protocol';
import type { ExecutionTable } from './execution-table.ts';
import { startedSince, systemProcessTable, type ProcessTable } from './process-identity.ts';

/** How orphans are ended; every part injectable so tests neither sleep nor touch real processes. */
export interface ReapOptions {
  processes?: ProcessTable;
  /** How long a group has after SIGTERM before SIGKILL (default 2 s, as a cancel gives it). */
  graceMs?: number;
  /** How often the group is looked at while it is given time (default 50 ms). */
  pollMs?: number;
  wait?: (ms: number) => Promise<void>;
  host?: string;
}

/**
 * Ends the command process groups that interrupted executions left behind (issue 5: a kill -9 of
 * the daemon or of an applying CLI must not leave `aws …` changing things with nobody watching).
 * Each group recorded on a step is signalled only if it is still ours: its leader, if alive, has
 * the start identity recorded when it was spawned (a reused pid is never signalled), and any
 * other member started no earlier than that leader. SIGTERM first, SIGKILL after `graceMs`; each
 * group found alive is recorded in the ledger as `step-killed-orphan` and returned for the caller
 * to report. Groups already gone are forgotten silently. Steps recorded on another host are left
 * alone (they cannot be checked from here).
 */
export async function reapOrphans(
  table: ExecutionTable,
  record: (event: LedgerEvent) => unknown,
  options: ReapOptions = {},
): Promise<KilledOrphan[]> {
  const processes = options.processes ?? systemProcessTable();
  const graceMs = options.graceMs ?? 2000;
  const pollMs = options.pollMs ?? 50;
  const wait = options.wait ?? ((ms: number) => delay(ms));
  const host = options.host ?? hostname();
  const killed: KilledOrphan[] = [];
  for (const step of table.orphanCandidates()) {
    if (step.host !== host) continue;
    const group = step.processGroup;
    const ours = (): number => {
      const members = processes.members(group);
      const leader = members.find((m) => m.pid === group);
      // A live leader with another start identity: the pid was reused, the group is not ours.
      if (leader && leader.start !== step.startTime) return 0;
      return members.filter((m) => startedSince(m.start, step.startTime)).length;
    };
    const found = ours();
    if (found > 0) {
      let outcome: KilledOrphan['outcome'] = 'terminated';
      processes.signal(group, 'SIGTERM');
      for (let waited = 0; waited < graceMs && ours() > 0; waited += pollMs) await wait(pollMs);
      if (ours() > 0) {
        outcome = 'killed';
        processes.signal(group, 'SIGKILL');
        // SIGKILL cannot be caught; the wait is only for the kernel to tear the group down.
        for (let waited = 0; waited < graceMs && ours() > 0; waited += pollMs) await wait(pollMs);
        if (ours() > 0) outcome = 'survived';
      }
      const orphan: KilledOrphan = {
        executionId: step.executionId,
        target: step.target,
        stepId: step.stepId,
        processGroup: group,
        processes: found,
        outcome,
      };
      record({
        kind: 'step-killed-orphan',
        data: {
          executionId: step.executionId,
          stepId: step.stepId,
          target: step.target,
          processGroup: group,
          pid: group,
          startTime: step.startTime,
          outcome,
          processes: found,
        },
      });
      killed.push(orphan);
    }
    table.setStepProcess(step.executionId, step.target, step.stepId, undefined);
  }
  return killed;
}

/** One line for the user about an orphan recovery ended (CLI stderr, daemon log). */
export function describeOrphan(o: KilledOrphan): string {
  const what = `command of step ${o.stepId} on ${o.target} (${o.executionId}, process group ${o.processGroup}, ${o.processes} process${o.processes === 1 ? '' : 'es'})`;
  if (o.outcome === 'survived')
    return `could not end the orphaned ${what}: kill it by hand (kill -9 -${o.processGroup})`;
  return `ended the orphaned ${what} left running by a process that died (${o.outcome === 'terminated' ? 'SIGTERM' : 'SIGKILL'})`;
}
