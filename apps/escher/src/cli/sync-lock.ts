import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OperationalError, UserError } from '@escher/protocol';
import type { EscherHome } from './escher-home.ts';

/** The lock file's name inside `$ESCHER_HOME`. */
export const SYNC_LOCK_FILE = 'sync.lock';

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
  /** Who holds it, for the message a second sync gets: `escher daemon`, `escher demo`. */
  by?: string;
}

/** A held sync lock. */
export interface SyncLock {
  /**
   * True when the previous holder died without releasing it (`kill -9`, power loss): any sync the
   * store still shows `running` was that process's, and may be marked interrupted.
   */
  readonly tookOverStale: boolean;
  /** Releases the lock; safe to call twice. */
  release(): void;
}

/**
 * Takes `$ESCHER_HOME/sync.lock`, so one process at a time writes syncs into a home's store.
 *
 * Why: the store can mark syncs a dead process left `running` as interrupted, but only a process
 * that knows no one else is syncing may do so. The lock file names its holder's pid; a lock whose
 * holder no longer runs is stale and is taken over, which is how a process learns that the last
 * sync was killed.
 *
 * Known gaps: a reused pid makes a stale lock look held (the hint says how to clear it), and two
 * processes that find the same stale lock in the same instant could both take it over.
 *
 * @example
 * const lock = acquireSyncLock(home);
 * try { … } finally { lock.release(); }
 */
export function acquireSyncLock(home: EscherHome, holder: { by?: string; pid?: number } = {}): SyncLock {
  const pid = holder.pid ?? process.pid;
  const path = join(home.dir, SYNC_LOCK_FILE);
  const content: LockContent = {
    pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(holder.by ? { by: holder.by } : {}),
  };
  let tookOverStale = false;
  if (!tryCreate(path, content)) {
    const holder = readHolder(path);
    if (holder ? isAlive(holder) : justCreated(path)) {
      // The user's to resolve (wait, or stop the holder), not the world's: exit 1, HTTP 409.
      throw new UserError(
        'sync-in-progress',
        `Another sync is running in ${home.dir}${holder ? ` (${holder.by ? `${holder.by}, ` : ''}pid ${holder.pid}, since ${holder.startedAt})` : ''}`,
        { hint: waitHint(holder, path), details: { httpStatus: 409 } },
      );
    }
    // Moving the stale file aside is atomic: of two processes taking over, only one moves it.
    try {
      renameSync(path, `${path}.stale`);
      rmSync(`${path}.stale`, { force: true });
    } catch {
      // Already moved by a concurrent taker; the create below decides who holds the lock.
    }
    if (!tryCreate(path, content)) {
      throw new UserError('sync-in-progress', `Another sync started in ${home.dir} just now`, {
        hint: waitHint(readHolder(path), path),
        details: { httpStatus: 409 },
      });
    }
    tookOverStale = true;
  }
  let held = true;
  return {
    tookOverStale,
    release() {
      if (!held) return;
      held = false;
      const holder = readHolder(path);
      if (holder?.pid === pid) rmSync(path, { force: true });
    },
  };
}

/**
 * How to get past a held lock, by who holds it: the daemon's sync is followed and stopped through
 * the daemon, a foreground `escher sync` / `import` / `demo` by its own terminal or its pid.
 */
function waitHint(holder: LockContent | undefined, path: string): string {
  if (!holder) return `Wait a few seconds and retry; if no escher process runs, remove ${path}`;
  const pid = String(holder.pid);
  if (holder.by?.startsWith('escher daemon')) {
    return `Wait for the daemon's sync to finish (GET /api/v1/syncs, or its events on /api/v1/events), or stop it with \`escher daemon stop\`, then retry`;
  }
  const who = holder.by ?? 'escher sync';
  return `Wait for ${who} (pid ${pid}) to finish, or stop it (Ctrl+C in its terminal, or \`kill ${pid}\`), then retry; if no escher process runs, remove ${path}`;
}

function tryCreate(path: string, content: LockContent): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(content)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OperationalError('sync-lock-unwritable', `Cannot create the sync lock ${path}`, {
      cause: error,
      retryable: false,
      hint: 'Check that ESCHER_HOME is writable by you',
    });
  }
}

function readHolder(path: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ''),
      startedAt: String(parsed.startedAt ?? ''),
      ...(typeof parsed.by === 'string' ? { by: parsed.by } : {}),
    };
  } catch {
    // Unreadable or half-written (the writer died between create and write): nobody holds it.
    return undefined;
  }
}

/** An empty lock younger than a few seconds is a holder still writing its pid, not a dead one. */
function justCreated(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 5_000;
  } catch {
    return false;
  }
}

function isAlive(holder: LockContent): boolean {
  // A home shared over a network file system: a pid on another host cannot be checked, so it holds.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
