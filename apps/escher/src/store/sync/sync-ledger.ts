import type { Cloud } from '@escher/protocol';
import { UnexpectedError } from '@escher/protocol';
import type { Clock } from '../clock.ts';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import type { ScopeError, SyncRecord, SyncStatus, SyncSummary } from '../store.types.ts';
import { toIso } from '../time.ts';

interface SyncRow {
  id: number;
  status: SyncStatus;
  started_at: number;
  finished_at: number | null;
  summary: string | null;
}

interface ScopeRow {
  cloud: Cloud;
  account: string;
  region: string;
  service: string;
  status: 'ok' | 'failed';
  resources: number;
  added: number;
  changed: number;
  removed: number;
  error_code: string | null;
  error_message: string | null;
}

/** The `syncs` and `sync_scopes` bookkeeping behind `beginSync` / `finishSync`. */
export class SyncLedger {
  private readonly insertSync: SqliteStatement<[number]>;
  private readonly selectSync: SqliteStatement<[number], SyncRow>;
  private readonly selectScopes: SqliteStatement<[number], ScopeRow>;
  private readonly finish: SqliteStatement<[SyncStatus, number, string, number]>;
  private readonly interrupt: SqliteStatement<[number]>;
  private readonly selectRecent: SqliteStatement<[number], SyncRow>;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insertSync = db.prepare("INSERT INTO syncs (status, started_at) VALUES ('running', ?)");
    this.selectSync = db.prepare(
      'SELECT id, status, started_at, finished_at, summary FROM syncs WHERE id = ?',
    );
    this.selectScopes = db.prepare(
      `SELECT cloud, account, region, service, status, resources, added, changed, removed, error_code, error_message
       FROM sync_scopes WHERE sync_id = ? ORDER BY cloud, account, region, service`,
    );
    this.finish = db.prepare('UPDATE syncs SET status = ?, finished_at = ?, summary = ? WHERE id = ?');
    this.interrupt = db.prepare(
      "UPDATE syncs SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
    );
    this.selectRecent = db.prepare(
      'SELECT id, status, started_at, finished_at, summary FROM syncs ORDER BY id DESC LIMIT ?',
    );
  }

  begin(): number {
    return Number(this.insertSync.run(this.clock.now()).lastInsertRowid);
  }

  /** Throws unless `syncId` names a sync that is still running. */
  assertRunning(syncId: number): void {
    this.running(syncId);
  }

  private running(syncId: number): SyncRow {
    const row = this.selectSync.get(syncId);
    if (!row || row.status !== 'running') {
      throw new UnexpectedError(
        'store-sync-not-running',
        `Sync ${syncId} is ${row ? row.status : 'unknown'}; begin a sync before writing scopes.`,
      );
    }
    return row;
  }

  end(syncId: number, apiCalls: number): SyncSummary {
    const started = this.running(syncId).started_at;
    const now = this.clock.now();
    const summary: SyncSummary = {
      syncId,
      resources: 0,
      added: 0,
      changed: 0,
      removed: 0,
      errors: [],
      apiCalls,
      durationMs: Math.max(0, now - started),
    };
    let ok = 0;
    for (const scope of this.selectScopes.all(syncId)) {
      if (scope.status === 'failed') {
        summary.errors.push(scopeError(scope));
        continue;
      }
      ok += 1;
      summary.resources += scope.resources;
      summary.added += scope.added;
      summary.changed += scope.changed;
      summary.removed += scope.removed;
    }
    const status: SyncStatus = summary.errors.length === 0 ? 'succeeded' : ok === 0 ? 'failed' : 'partial';
    this.finish.run(status, now, JSON.stringify(summary), syncId);
    return summary;
  }

  /** Marks syncs left `running` by a process that died as `interrupted`; returns how many. */
  interruptStale(): number {
    return this.interrupt.run(this.clock.now()).changes;
  }

  get(syncId: number): SyncRecord | undefined {
    const row = this.selectSync.get(syncId);
    return row && toRecord(row);
  }

  recent(limit: number): SyncRecord[] {
    return this.selectRecent.all(limit).map(toRecord);
  }
}

function scopeError(scope: ScopeRow): ScopeError {
  return {
    cloud: scope.cloud,
    account: scope.account,
    region: scope.region,
    service: scope.service,
    code: scope.error_code ?? 'unknown',
    message: scope.error_message ?? '',
  };
}

function toRecord(row: SyncRow): SyncRecord {
  const record: SyncRecord = { id: row.id, status: row.status, startedAt: toIso(row.started_at) };
  if (row.finished_at !== null) record.finishedAt = toIso(row.finished_at);
  if (row.summary !== null) record.summary = JSON.parse(row.summary) as SyncSummary;
  return record;
}
