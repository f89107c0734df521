import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import {
  createDaemonClient,
  DAEMON_OPERATIONS,
  UserError,
  type DaemonClient,
  type DaemonStatus,
} from '@escher/protocol';
import { daemonFiles } from './daemon-files.ts';
import { readDaemonToken } from './daemon-token.ts';

/** `$ESCHER_HOME/daemon.json`: where the running daemon listens. */
export interface DaemonState {
  pid: number;
  port: number;
  url: string;
  /** ISO 8601. */
  startedAt: string;
}

/** What is known about a home's daemon. */
export type DaemonLiveness =
  | { kind: 'running'; state: DaemonState; status: DaemonStatus }
  | { kind: 'stopped' }
  /**
   * daemon.json names a daemon that is not there: its process is gone (`pid-gone`), or a
   * process with that pid lives but does not answer as this home's daemon (`not-answering`).
   */
  | { kind: 'stale'; state: DaemonState; reason: 'pid-gone' | 'not-answering' };

/** Records the running daemon (mode 0600, written whole so a reader never sees half a file). */
export function writeDaemonState(file: string, state: DaemonState): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** The recorded daemon, or undefined when there is none (or the file is unreadable). */
export function readDaemonState(file: string): DaemonState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as Partial<DaemonState>;
    if (typeof state.pid === 'number' && typeof state.port === 'number' && typeof state.url === 'string') {
      return { pid: state.pid, port: state.port, url: state.url, startedAt: String(state.startedAt ?? '') };
    }
  } catch {
    // A torn or hand-edited file names no daemon; it is treated as absent.
  }
  return undefined;
}

/** Removes daemon.json, only if it still names `pid` (a newer daemon may have replaced it). */
export function removeDaemonState(file: string, pid?: number): void {
  const state = readDaemonState(file);
  if (pid !== undefined && state && state.pid !== pid) return;
  rmSync(file, { force: true });
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finds out whether the home's daemon runs: daemon.json names it, its process lives, and it
 * answers `/status` with the same pid and this home's token. Checking the answer, not just the
 * pid, keeps `stop` from signalling an unrelated process that reused the pid.
 */
export async function inspectDaemon(homeDir: string, timeoutMs = 2_000): Promise<DaemonLiveness> {
  const files = daemonFiles(homeDir);
  const state = readDaemonState(files.state);
  if (!state) return { kind: 'stopped' };
  if (!isProcessAlive(state.pid)) return { kind: 'stale', state, reason: 'pid-gone' };
  const status = await probeStatus(state, readDaemonToken(files.token), timeoutMs);
  if (!status || status.pid !== state.pid) return { kind: 'stale', state, reason: 'not-answering' };
  return { kind: 'running', state, status };
}

/** `GET /api/v1/status` of a recorded daemon, or undefined when it does not answer properly. */
export async function probeStatus(
  state: DaemonState,
  token: string | undefined,
  timeoutMs: number,
): Promise<DaemonStatus | undefined> {
  if (!token) return undefined;
  const client = createDaemonClient({
    baseUrl: state.url,
    token,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  try {
    return await client.call(DAEMON_OPERATIONS.getStatus);
  } catch {
    return undefined;
  }
}

/** A client of the home's running daemon. */
export interface DaemonConnection {
  url: string;
  token: string;
  client: DaemonClient;
}

/**
 * Connects to the home's daemon for a CLI command that goes through it (`escher run
 * --via-daemon`), or fails saying how to start it. `undefined` instead of failing with
 * `optional` (a command that only prefers the daemon, like `executions --follow`).
 */
export async function connectToDaemon(homeDir: string, optional: true): Promise<DaemonConnection | undefined>;
export async function connectToDaemon(homeDir: string, optional?: false): Promise<DaemonConnection>;
export async function connectToDaemon(
  homeDir: string,
  optional = false,
): Promise<DaemonConnection | undefined> {
  const found = await inspectDaemon(homeDir);
  const token = found.kind === 'running' ? readDaemonToken(daemonFiles(homeDir).token) : undefined;
  if (found.kind !== 'running' || !token) {
    if (optional) return undefined;
    throw new UserError('daemon-not-running', `No daemon serves ${homeDir}`, {
      hint: 'Start it with `escher daemon start`, or run without --via-daemon',
    });
  }
  return { url: found.state.url, token, client: createDaemonClient({ baseUrl: found.state.url, token }) };
}
