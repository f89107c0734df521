import type { KilledOrphan } from '@escher/protocol';
import type { Clock, Store } from '../../store/index.ts';
import type { DaemonExecutions } from '../daemon-executions.ts';
import type { SyncJobs } from '../sync-jobs.ts';

/** What route handlers read: the daemon's parts, wired once by `createDaemon`. */
export interface RouteContext {
  store: Store;
  jobs: SyncJobs;
  clock: Clock;
  version: string;
  pid: number;
  /** Epoch ms at which the daemon was created. */
  startedAt: number;
  /** How many stale `running` syncs were marked interrupted at start. */
  interruptedAtStart: number;
  /** Executions a dead process left running, marked interrupted at start. */
  interruptedExecutionsAtStart: readonly string[];
  /** Command process groups those executions left running, ended at start. */
  orphansKilledAtStart: readonly KilledOrphan[];
  executions: DaemonExecutions;
  /** `http://127.0.0.1:<port>`. */
  url: string;
}
