import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { OperationalError, UserError } from '@escher/protocol';
import type { CliEnv, EscherHome } from '../cli/escher-home.ts';
import { daemonFiles } from './daemon-files.ts';
import {
  inspectDaemon,
  isProcessAlive,
  readDaemonState,
  removeDaemonState,
  type DaemonLiveness,
  type DaemonState,
} from './daemon-state.ts';

const ESCHER_BIN = fileURLToPath(new URL('../../bin/escher.mjs', import.meta.url));
const POLL_MS = 50;

/**
 * Starts `escher daemon run` as a detached child (argv, no shell), its output appended to
 * `$ESCHER_HOME/daemon.log`, and waits until daemon.json names it and it answers `/status`.
 * Fails with the child's own error line when it exits first (port taken, bad key, …).
 */
export async function spawnDaemon(options: {
  home: EscherHome;
  env: CliEnv;
  port: number;
  timeoutMs?: number;
}): Promise<Extract<DaemonLiveness, { kind: 'running' }>> {
  const files = daemonFiles(options.home.dir);
  const log = openSync(files.log, 'a', 0o600);
  const logStart = statSync(files.log).size;
  const child = spawn(process.execPath, [ESCHER_BIN, 'daemon', 'run', '--port', String(options.port)], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...options.env, ESCHER_HOME: options.home.dir },
  });
  closeSync(log);
  child.unref();
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `code ${code}`));
  child.once('error', (error) => (exit = error.message));

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (exit !== undefined) {
      const said = readLog(files.log)
        .subarray(logStart)
        .toString('utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .pop();
      throw new UserError(
        'daemon-start-failed',
        `The daemon exited at start (${exit}): ${said ?? 'no output'}`,
        {
          hint: `See ${files.log}`,
        },
      );
    }
    const state = readDaemonState(files.state);
    if (state?.pid === child.pid) {
      const found = await inspectDaemon(options.home.dir);
      if (found.kind === 'running') return found;
    }
    await delay(POLL_MS);
  }
  if (child.pid !== undefined && exit === undefined) process.kill(child.pid, 'SIGTERM');
  throw new OperationalError('daemon-start-timeout', 'The daemon did not answer in time; it was stopped', {
    hint: `See ${files.log}`,
  });
}

/** What `stopDaemon` did. */
export type StopOutcome =
  | { kind: 'stopped'; state: DaemonState }
  | { kind: 'not-running' }
  | { kind: 'stale-removed'; state: DaemonState };

/**
 * Stops the home's daemon: SIGTERM to the recorded pid once it has proven to be the daemon,
 * then waits for the process to exit and removes daemon.json. A daemon.json whose process is
 * gone is removed; a live pid that does not answer as the daemon is left alone (it may be an
 * unrelated process that reused the pid).
 */
export async function stopDaemon(homeDir: string, timeoutMs = 30_000): Promise<StopOutcome> {
  const files = daemonFiles(homeDir);
  const found = await inspectDaemon(homeDir);
  if (found.kind === 'stopped') return { kind: 'not-running' };
  if (found.kind === 'stale') {
    if (found.reason === 'pid-gone') {
      removeDaemonState(files.state, found.state.pid);
      return { kind: 'stale-removed', state: found.state };
    }
    throw new UserError(
      'daemon-not-answering',
      `Process ${found.state.pid} from ${files.state} is alive but does not answer as the daemon at ${found.state.url}`,
      { hint: `If it is a hung daemon, run \`kill ${found.state.pid}\`; then delete ${files.state}` },
    );
  }
  const { pid } = found.state;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      throw new OperationalError(
        'daemon-stop-timeout',
        `The daemon (pid ${pid}) did not stop within ${timeoutMs} ms`,
        {
          hint: `Run \`kill -9 ${pid}\`; the next start marks an interrupted sync as such`,
        },
      );
    }
    await delay(POLL_MS);
  }
  removeDaemonState(files.state, pid);
  return { kind: 'stopped', state: found.state };
}

function readLog(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}
