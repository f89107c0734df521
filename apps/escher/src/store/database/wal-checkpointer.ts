import { Worker } from 'node:worker_threads';
import type { StoreKey } from '../key/key-source.ts';
import { storeKeying, WAL_AUTOCHECKPOINT_PAGES } from './open-database.ts';
import type { SqliteDatabase } from './sqlite.ts';

/** Rows changed (SQLite's `total_changes()`) between two checkpoint requests: ~10–20 MB of WAL. */
export const CHECKPOINT_EVERY_CHANGES = 16_384;

/** What the worker reports after a checkpoint: frames in the WAL, frames copied into the file. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

type WorkerMessage =
  { kind: 'ready' } | { kind: 'failed'; message: string } | ({ kind: 'checkpointed' } & CheckpointReport);

/**
 * Moves WAL checkpoints off the writing thread while a sync runs. With SQLite's automatic
 * checkpoint, the commit that crosses the threshold copies the WAL into the database file
 * itself — decrypting and re-encrypting every page — and a first sync of 100k resources spent
 * about a tenth of its ingest time there. Here the store's connection stops checkpointing
 * (`wal_autocheckpoint = 0`) and a worker thread with its own connection runs PASSIVE
 * checkpoints on request, on another core, never waiting for the writer or making it wait.
 *
 * Best effort by design: if the worker cannot start, open the store or checkpoint, automatic
 * checkpoints come back on the store's connection and the sync goes on as before.
 *
 * @example
 * const checkpointer = WalCheckpointer.forSync(db, path, key);
 * // after each write transaction:
 * checkpointer.wrote();
 * // when the sync ends:
 * checkpointer.stop();
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private running = false;
  private queued = false;
  private stopped = false;
  private changesAtRequest: number;
  private readonly totalChanges;
  private readonly waiters: (() => void)[] = [];
  /** The last report, and how many checkpoints ran (tests and benchmarks read them). */
  last: CheckpointReport | undefined;
  checkpoints = 0;
  /** Why the worker stopped helping, when it did. */
  failure: string | undefined;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly path: string,
    private readonly key: StoreKey,
  ) {
    this.totalChanges = db.prepare('SELECT total_changes() AS n').pluck();
    this.changesAtRequest = this.changes();
  }

  /**
   * A checkpointer for one sync. The worker starts with the first checkpoint it is asked for,
   * so a small sync (a refresh after an execution) never starts one.
   */
  static forSync(db: SqliteDatabase, path: string, key: StoreKey): WalCheckpointer {
    return new WalCheckpointer(db, path, key);
  }

  /** True until `stop`, or until the worker failed. */
  get active(): boolean {
    return !this.stopped && this.failure === undefined;
  }

  /**
   * Call after a write transaction: asks for a checkpoint once enough has been written since
   * the last request. Requests made while one runs collapse into one.
   */
  wrote(): void {
    if (!this.active || this.changes() - this.changesAtRequest < CHECKPOINT_EVERY_CHANGES) return;
    this.request();
  }

  /** Asks for a checkpoint now (after the one running, if any). */
  request(): void {
    if (!this.active) return;
    this.worker ??= this.spawn();
    this.changesAtRequest = this.changes();
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /** Resolves when no checkpoint is running or queued (or the worker stopped helping). */
  settled(): Promise<void> {
    if (!this.worker || (!this.running && !this.queued)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Ends the worker and gives checkpoints back to the connection. What the WAL still holds is
   * copied by the next automatic checkpoint, or when the store closes.
   */
  stop(): void {
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    worker.removeAllListeners('exit');
    worker.postMessage('stop');
    this.restoreAutocheckpoint();
    this.wake();
  }

  private spawn(): Worker {
    const keying = storeKeying(this.key);
    const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
      workerData: { path: this.path, pragmas: keying.pragmas, key: new Uint8Array(keying.key) },
      // Its own connection needs a small heap only; never keep a process alive for it.
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', () => this.fail(this.failure ?? 'the checkpoint worker exited'));
    this.db.pragma('wal_autocheckpoint = 0');
    return worker;
  }

  private onMessage(message: WorkerMessage): void {
    if (message.kind === 'failed') {
      this.fail(message.message);
      return;
    }
    if (message.kind !== 'checkpointed') return;
    this.last = { log: message.log, checkpointed: message.checkpointed };
    this.checkpoints += 1;
    this.running = false;
    if (this.queued && this.worker) {
      this.queued = false;
      this.running = true;
      this.worker.postMessage('checkpoint');
      return;
    }
    this.wake();
  }

  private fail(reason: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.failure = reason;
    this.worker = undefined;
    this.running = false;
    this.queued = false;
    void worker.terminate();
    this.restoreAutocheckpoint();
    this.wake();
  }

  private restoreAutocheckpoint(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private changes(): number {
    return this.totalChanges.get() as number;
  }
}
