import {
  FINAL_EXECUTION_STATES,
  toEscherError,
  UserError,
  type ApproveRequest,
  type ExecutionDetail,
  type ExecutionEvent,
  type ExecutionRecord,
  type ExecutionState,
  type PlanRequest,
  type PlanResponse,
} from '@escher/protocol';
import { selectTargets } from '../cli/commands/run-selection.ts';
import { requireApproval } from '../engine/approval.ts';
import { ExecutionTable } from '../engine/execution-table.ts';
import type { Store } from '../store/index.ts';
import type { DaemonEngineParts } from './daemon-engine.ts';
import type { DaemonLog } from './error-handler.ts';

/** Someone listening to every execution event this daemon's engine emits. */
export type DaemonEventListener = (event: ExecutionEvent) => void;

/** Opens the engine parts; `openDaemonEngine` in production, a fake-cloud engine in tests. */
export type DaemonEngineOpener = (busy: () => boolean) => Promise<DaemonEngineParts>;

/** HTTP statuses of the engine's errors that are not plain 400s. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'execution-not-found': 404,
  'plan-not-found': 404,
  'playbook-not-found': 404,
  'playbook-version-not-found': 404,
  'plan-not-pending': 409,
  'execution-not-approved': 409,
  'execution-finished': 409,
  'daemon-stopping': 503,
  'role-forbidden': 403,
};

/** How long shutdown waits for cancelled runs to close their records. */
const STOP_WAIT_MS = 15_000;

/**
 * The daemon's side of plan → approve → apply: the same engine and rules as the CLI, with
 * applies running in the background of the daemon's process. The table is read directly (cheap,
 * no vault), so listing and streaming never load the engine; the engine (vault, ledger key,
 * provider SDKs) is opened on the first plan, approval, apply or cancel.
 */
export class DaemonExecutions {
  readonly table: ExecutionTable;
  private parts: Promise<DaemonEngineParts> | undefined;
  private readonly running = new Map<string, Promise<void>>();
  private readonly listeners = new Set<DaemonEventListener>();
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly opener: DaemonEngineOpener,
    private readonly log: DaemonLog,
  ) {
    this.table = new ExecutionTable(store.database());
  }

  /** Events of executions this daemon applies, as its engine emits them (already stored and redacted). */
  subscribe(listener: DaemonEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(query: { state?: ExecutionState | undefined; limit?: number | undefined }): ExecutionRecord[] {
    return this.table.list({ ...(query.state ? { state: query.state } : {}), limit: query.limit ?? 50 });
  }

  detail(id: string): ExecutionDetail {
    return withStatus(() => {
      const execution = this.table.get(id);
      const { plan, hash } = this.table.plan(execution.planId);
      return { execution, plan, planHash: hash };
    });
  }

  events(
    id: string,
    since: number,
  ): { executionId: string; state: ExecutionState; events: ExecutionEvent[] } {
    return withStatus(() => {
      const record = this.table.get(id);
      return {
        executionId: record.id,
        state: record.state,
        events: this.table.eventsAfter(record.id, since),
      };
    });
  }

  /** `escher run --plan-only` over the daemon's store: the plan is stored even with error findings. */
  async plan(request: PlanRequest): Promise<PlanResponse> {
    const parts = await this.engine();
    return withStatusAsync(async () => {
      parts.refreshPlaybooks();
      const found = parts.catalog.get(request.playbook, request.version);
      const candidates = selectTargets(this.store, found.playbook.playbook.applicability, request);
      return parts.engine.plan({
        playbook: found.playbook,
        state: found.state,
        candidates,
        params: request.params ?? {},
        dryRun: request.dryRun !== false,
      });
    });
  }

  /** `escher approve`: the same refusals, the approval signed with the local user's key. */
  async approve(id: string, request: ApproveRequest): Promise<ExecutionDetail> {
    const parts = await this.engine();
    withStatus(() => {
      const record = this.table.get(id);
      const { plan } = this.table.plan(record.planId);
      parts.refreshPlaybooks();
      const state = parts.catalog.get(plan.playbook.id, plan.playbook.version).state;
      parts.engine.approve(
        plan.id,
        'yes' in request ? { kind: 'yes' } : { kind: 'typed', text: request.typed },
        state,
      );
    });
    return this.detail(id);
  }

  /**
   * Starts applying an approved plan in this process and answers once it runs. The approval is
   * checked here first (the same check the engine repeats), so a refused apply is the request's
   * error rather than a failed background run.
   */
  async apply(id: string): Promise<ExecutionRecord> {
    if (this.stopping) throw stoppingError();
    const parts = await this.engine();
    return withStatusAsync(async () => {
      const record = this.table.get(id);
      const { plan, hash } = this.table.plan(record.planId);
      if (record.state !== 'approved') {
        throw new UserError(
          'execution-not-approved',
          `${record.id} is ${record.state}; only an approved execution can start`,
          {
            hint:
              record.state === 'pending-approval'
                ? `Approve it first: POST /api/v1/executions/${record.id}/approve`
                : 'An execution runs once; plan again to repeat it',
          },
        );
      }
      requireApproval(this.table.approvals(plan.id), plan, hash, parts.ledger.signingKey());
      // Answer once the run has started (its first event follows the move to `running`), or with
      // the engine's refusal if it never does (another process started it first).
      let off = (): void => undefined;
      const running = new Promise<'running'>((resolve) => {
        off = this.subscribe((event) => {
          if (event.executionId === record.id) resolve('running');
        });
      });
      const run = parts.engine.apply(record.planId);
      try {
        await Promise.race([running, run]);
      } finally {
        off();
      }
      const done = run.then(
        ({ state }) => this.log(`execution ${record.id} ended ${state}`),
        (error: unknown) => this.log(`execution ${record.id} failed: ${toEscherError(error).message}`),
      );
      this.running.set(record.id, done);
      void done.finally(() => this.running.delete(record.id));
      return this.table.get(record.id);
    });
  }

  /** `escher cancel`: a running execution stops within its poll interval, wherever it runs. */
  async cancel(id: string): Promise<{ executionId: string; state: ExecutionState }> {
    const parts = await this.engine();
    return withStatus(() => {
      const state = parts.engine.cancel(id);
      return { executionId: this.table.get(id).id, state };
    });
  }

  /** Whether the execution has reached a state it never leaves. */
  isFinal(state: ExecutionState): boolean {
    return FINAL_EXECUTION_STATES.includes(state);
  }

  /** Whether this daemon is applying something now. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /**
   * Shutdown: refuses new applies, asks every run of this daemon to cancel (as SIGTERM does to a
   * foreground `escher run`), waits for them to close their records, then closes the accounts.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const id of this.running.keys()) this.table.requestCancel(id);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.running.values()),
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.log(
            `executions still running after ${STOP_WAIT_MS} ms: ${[...this.running.keys()].join(', ')}`,
          );
          resolve();
        }, STOP_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    const parts = await this.parts?.catch(() => undefined);
    parts?.close();
  }

  private engine(): Promise<DaemonEngineParts> {
    if (this.stopping) return Promise.reject(stoppingError());
    this.parts ??= this.opener(() => this.busy).then((parts) => {
      parts.engine.bus.subscribe((event) => {
        for (const listener of this.listeners) listener(event);
      });
      return parts;
    });
    // A failed open (a wrong key) is retried by the next request rather than cached for ever.
    this.parts.catch(() => (this.parts = undefined));
    return this.parts;
  }
}

function stoppingError(): UserError {
  return new UserError('daemon-stopping', 'The daemon is shutting down', {
    hint: 'Start it again with `escher daemon start`',
  });
}

function withStatus<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw statusOf(error);
  }
}

async function withStatusAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw statusOf(error);
  }
}

/** The engine's `UserError` with the HTTP status its code means (404, 409), kept otherwise. */
function statusOf(error: unknown): unknown {
  if (!(error instanceof UserError)) return error;
  const status = STATUS_BY_CODE[error.code];
  if (status === undefined || error.details?.['httpStatus'] !== undefined) return error;
  return new UserError(error.code, error.message, {
    ...(error.hint ? { hint: error.hint } : {}),
    details: { ...error.details, httpStatus: status },
    cause: error,
  });
}
