import {
  toEscherError,
  UnexpectedError,
  type ErrorBody,
  type SyncProgress,
  type SyncRecordDto,
  type SyncScope,
  type SyncStreamEvent,
} from '@escher/protocol';
import type { ScanEvent, SinkScope } from '../scanner/index.ts';
import type { Clock, SyncRecord } from '../store/index.ts';
import type { DaemonLog } from './error-handler.ts';

/** What the daemon asks of a sync run. */
export interface SyncRunRequest {
  /** Only this configured account (by name). */
  account?: string;
  signal: AbortSignal;
  /** Must be called as soon as the sync is recorded in the store. */
  onSyncStarted(syncId: number): void;
  onProgress(event: ScanEvent): void;
}

/**
 * Runs one sync into the daemon's store. It may reject before calling `onSyncStarted` (no such
 * account, nothing configured): that answers the request that started it.
 */
export type SyncRunner = (request: SyncRunRequest) => Promise<unknown>;

interface Job {
  syncId: number | undefined;
  started: Promise<number>;
  done: Promise<void>;
  abort: AbortController;
  progress: SyncProgress;
}

const KEPT_ERRORS = 50;

/** Told every step of the syncs the daemon runs (the global WebSocket forwards them). */
export type SyncListener = (event: SyncStreamEvent) => void;

/** What sync events need besides the runner: a clock for `at`, the store for the final record. */
export interface SyncJobsOptions {
  clock?: Clock;
  /** The stored record of a sync, for `sync-finished`. */
  lookup?: (syncId: number) => SyncRecord | undefined;
}

/**
 * Background syncs of the daemon, one at a time (single flight): a second start while one runs
 * returns the running one. A sync that ends abnormally keeps its error for `GET /syncs/{id}`.
 */
export class SyncJobs {
  private current: Job | undefined;
  private readonly errors = new Map<number, ErrorBody['error']>();
  private readonly listeners = new Set<SyncListener>();

  constructor(
    private readonly runner: SyncRunner,
    private readonly log: DaemonLog,
    private readonly options: SyncJobsOptions = {},
  ) {}

  /** Listens to every sync's progress from now on; returns the unsubscribe. */
  subscribe(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a sync, or joins the running one. Resolves once the sync has an id; rejects with the
   * runner's error when it fails before that (e.g. `no-accounts`).
   */
  async start(account?: string): Promise<{ started: boolean; syncId: number }> {
    if (this.current) return { started: false, syncId: await this.current.started };
    let onStarted!: (id: number) => void;
    let onFailed!: (error: unknown) => void;
    const started = new Promise<number>((resolve, reject) => {
      onStarted = resolve;
      onFailed = reject;
    });
    const abort = new AbortController();
    const job: Job = {
      syncId: undefined,
      started,
      done: Promise.resolve(),
      abort,
      progress: { scopesPlanned: 0, scopesDone: 0, scopesFailed: 0, resources: 0, apiCalls: 0 },
    };
    this.current = job;
    job.done = this.run(job, account, onStarted, onFailed);
    return { started: true, syncId: await started };
  }

  /** The id of the running sync, if any. */
  get runningId(): number | undefined {
    return this.current?.syncId;
  }

  /** A stored sync with what only the daemon knows: live progress, or why it failed. */
  decorate(record: SyncRecord): SyncRecordDto {
    const dto: SyncRecordDto = { ...record };
    if (this.current?.syncId === record.id) dto.progress = { ...this.current.progress };
    const error = this.errors.get(record.id);
    if (error) dto.error = error;
    return dto;
  }

  /** Resolves when no sync is running (at once if none is). */
  async idle(): Promise<void> {
    while (this.current) await this.current.done;
  }

  /**
   * Cancels the running sync and waits for it to close its sync record (completed scopes stay
   * saved), at most `timeoutMs`. For shutdown.
   */
  async stop(timeoutMs = 15_000): Promise<void> {
    const job = this.current;
    if (!job) return;
    job.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log(`the running sync did not stop within ${timeoutMs} ms`);
        resolve();
      }, timeoutMs);
    });
    await Promise.race([job.done, timeout]);
    clearTimeout(timer);
  }

  private async run(
    job: Job,
    account: string | undefined,
    onStarted: (id: number) => void,
    onFailed: (error: unknown) => void,
  ): Promise<void> {
    try {
      await this.runner({
        ...(account ? { account } : {}),
        signal: job.abort.signal,
        onSyncStarted: (id) => {
          job.syncId = id;
          this.emit({ kind: 'sync-started', syncId: id, at: this.now(), ...(account ? { account } : {}) });
          onStarted(id);
        },
        onProgress: (event) => {
          track(job.progress, event);
          if (job.syncId !== undefined) this.forward(job, job.syncId, event);
        },
      });
      if (job.syncId === undefined) {
        onFailed(new UnexpectedError('sync-not-started', 'The sync ended without starting'));
      }
    } catch (error) {
      if (job.syncId === undefined) onFailed(error);
      else this.fail(job.syncId, error);
    } finally {
      this.current = undefined;
      if (job.syncId !== undefined) this.finished(job, job.syncId);
    }
  }

  private now(): string {
    return new Date((this.options.clock ?? Date).now()).toISOString();
  }

  private emit(event: SyncStreamEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener (a socket mid-close) must not stop the sync or the others.
        this.log(`sync listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** The scan events a client wants; API calls only move the counters (there are thousands). */
  private forward(job: Job, syncId: number, event: ScanEvent): void {
    const base = { syncId, at: this.now() };
    if (event.kind === 'scope-started')
      this.emit({ kind: 'scope-started', ...base, scope: scopeOf(event.scope) });
    else if (event.kind === 'scope-done')
      this.emit({
        kind: 'scope-finished',
        ...base,
        scope: scopeOf(event.scope),
        resources: event.resources,
        added: event.added,
        changed: event.changed,
        removed: event.removed,
        progress: { ...job.progress },
      });
    else if (event.kind === 'scope-failed' || event.kind === 'listing-failed') {
      const e = event.error;
      this.emit({
        kind: 'scope-failed',
        ...base,
        error: {
          cloud: e.cloud,
          ...(e.account !== undefined ? { account: e.account } : {}),
          ...(e.region !== undefined ? { region: e.region } : {}),
          ...(e.service !== undefined ? { service: e.service } : {}),
          code: e.code,
          message: e.message,
        },
        progress: { ...job.progress },
      });
    }
  }

  private finished(job: Job, syncId: number): void {
    const record = this.options.lookup?.(syncId);
    const error = this.errors.get(syncId);
    this.emit({
      kind: 'sync-finished',
      syncId,
      at: this.now(),
      ...(record ? { sync: { ...record, ...(error ? { error } : {}) } } : {}),
      progress: { ...job.progress },
      ...(error ? { error } : {}),
    });
  }

  private fail(syncId: number, error: unknown): void {
    const escher = toEscherError(error);
    if (escher.kind === 'unexpected') this.log(`sync ${syncId} failed: ${escher.stack ?? escher.message}`);
    this.errors.set(syncId, escher.toBody().error);
    if (this.errors.size > KEPT_ERRORS) this.errors.delete(this.errors.keys().next().value as number);
  }
}

/** Only the scope's four fields: a sink may hang more on it. */
function scopeOf(scope: SinkScope): SyncScope {
  return { cloud: scope.cloud, account: scope.account, region: scope.region, service: scope.service };
}

function track(progress: SyncProgress, event: ScanEvent): void {
  switch (event.kind) {
    case 'account-planned':
      progress.scopesPlanned += event.scopes;
      break;
    case 'scope-done':
      progress.scopesDone += 1;
      progress.resources += event.resources;
      break;
    case 'scope-failed':
      progress.scopesFailed += 1;
      break;
    case 'api-call':
      progress.apiCalls += 1;
      break;
    default:
      break;
  }
}
