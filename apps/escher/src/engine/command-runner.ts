import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startIdentity } from './process-identity.ts';

/** What a finished command did. `exitCode` is null when a signal ended it (cancel, timeout). */
export interface CommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The first 64 KiB of standard output, for verify expectations. */
  stdout: string;
}

/** How to run one command step. */
export interface CommandRun {
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Each output line as it arrives (not yet redacted: the caller redacts before it goes anywhere). */
  onLine: (stream: 'stdout' | 'stderr', line: string) => void;
  /** How long a group has after SIGTERM before SIGKILL. */
  killGraceMs?: number;
  /**
   * Told the process group (the leader's pid) and its leader's start identity once spawned, and
   * `undefined` once it has ended — so the caller can record what a crash would orphan.
   */
  onProcess?: (proc: { processGroup: number; startTime: string } | undefined) => void;
}

const STDOUT_KEPT = 64 * 1024;

/**
 * Runs an argv — never a shell, so `$(…)`, `;`, backticks and newlines in arguments are inert —
 * as the leader of its own process group (`detached`), so a timeout or cancel kills everything it
 * started (`process.kill(-pid)`), not just the CLI it ran. Output is read line by line.
 */
export function runCommand(run: CommandRun): Promise<CommandResult> {
  return new Promise((resolve) => {
    const [program, ...args] = run.argv;
    const child = spawn(program as string, args, {
      shell: false,
      detached: true,
      env: { ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Recorded before any output is read: a crash from here on leaves a group recovery can find.
    const startTime = child.pid === undefined ? undefined : startIdentity(child.pid);
    if (child.pid !== undefined && startTime !== undefined)
      run.onProcess?.({ processGroup: child.pid, startTime });
    let stdout = '';
    let timedOut = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (): void => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      killTimer ??= setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, run.killGraceMs ?? 2000);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, run.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      killGroup();
    };
    if (run.signal?.aborted) onAbort();
    else run.signal?.addEventListener('abort', onAbort, { once: true });
    const lines = (stream: 'stdout' | 'stderr', source: NodeJS.ReadableStream): Promise<void> =>
      new Promise((done) => {
        const rl = createInterface({ input: source, crlfDelay: Infinity });
        rl.on('line', (line) => {
          if (stream === 'stdout' && stdout.length < STDOUT_KEPT) stdout += `${line}\n`;
          run.onLine(stream, line);
        });
        rl.on('close', done);
      });
    const streams = Promise.all([lines('stdout', child.stdout), lines('stderr', child.stderr)]);
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      void streams.then(() => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        run.signal?.removeEventListener('abort', onAbort);
        if (startTime !== undefined) run.onProcess?.(undefined);
        if (spawnError) run.onLine('stderr', `cannot start ${program}: ${spawnError.message}`);
        resolve({ exitCode: spawnError ? 127 : code, signal, timedOut, cancelled, stdout });
      });
    });
  });
}
