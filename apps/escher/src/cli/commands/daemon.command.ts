import type { Command } from 'commander';
import { describeOrphan } from '../../engine/orphan-reaper.ts';
import { UserError } from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { requireHome, resolveHome } from '../escher-home.ts';
import { DEFAULT_DAEMON_PORT, daemonFiles } from '../../daemon/daemon-files.ts';
import { spawnDaemon, stopDaemon } from '../../daemon/daemon-process.ts';
import { inspectDaemon, removeDaemonState } from '../../daemon/daemon-state.ts';
import { ensureDaemonToken } from '../../daemon/daemon-token.ts';
import { serveDaemon } from '../../daemon/serve-daemon.ts';

/** `escher daemon status` exits 3 when no daemon runs, as LSB init scripts and `systemctl status` do. */
export const DAEMON_NOT_RUNNING_EXIT = 3;

/**
 * `escher daemon start|run|stop|status`: the local HTTP API over the store (docs/daemon.md).
 * `start` runs `daemon run` in the background and waits until it answers; `run` serves in the
 * foreground until SIGTERM/SIGINT.
 */
export function registerDaemon(program: Command, io: CliIo): void {
  const daemon = program.command('daemon').description('the local daemon: HTTP API on 127.0.0.1');

  daemon
    .command('start')
    .description('start the daemon in the background')
    .option('--port <n>', `port on 127.0.0.1 (0 picks a free one)`, String(DEFAULT_DAEMON_PORT))
    .option('--json', 'machine output')
    .action(async (options: { port: string; json?: boolean }) => {
      const home = resolveHome(io.env);
      requireHome(home);
      const port = parsePort(options.port);
      const files = daemonFiles(home.dir);
      const found = await inspectDaemon(home.dir);
      if (found.kind === 'running') {
        throw new UserError(
          'daemon-already-running',
          `The daemon is already running at ${found.state.url} (pid ${found.state.pid})`,
          { hint: 'Stop it first with `escher daemon stop`, or use it as it is' },
        );
      }
      if (found.kind === 'stale' && found.reason === 'pid-gone') removeDaemonState(files.state);
      // Created here, before the child exists, so both read the same file.
      ensureDaemonToken(files.token);
      const { state, status } = await spawnDaemon({ home, env: io.env, port });
      const out = {
        running: true,
        pid: state.pid,
        port: state.port,
        url: state.url,
        startedAt: state.startedAt,
        tokenFile: files.token,
        logFile: files.log,
        interruptedExecutions: status.interruptedExecutionsAtStart,
        orphansKilled: status.orphansKilledAtStart,
      };
      if (options.json) return printJson(io, out);
      printLines(io, [
        `Escher daemon running at ${state.url} (pid ${state.pid})`,
        `  token: ${files.token} (send "Authorization: Bearer <token>")`,
        `  try:   curl -H "Authorization: Bearer $(cat ${files.token})" ${state.url}/api/v1/status`,
        `  log:   ${files.log}`,
        ...(status.interruptedAtStart > 0
          ? [`  marked ${status.interruptedAtStart} sync(s) left running by a dead process as interrupted`]
          : []),
        ...status.interruptedExecutionsAtStart.map(
          (id) =>
            `  execution ${id} was left running by a process that ended: marked interrupted (not resumed)`,
        ),
        ...status.orphansKilledAtStart.map((o) => `  ${describeOrphan(o)}`),
      ]);
    });

  daemon
    .command('run')
    .description('run the daemon in the foreground until SIGTERM or Ctrl+C')
    .option('--port <n>', `port on 127.0.0.1 (0 picks a free one)`, String(DEFAULT_DAEMON_PORT))
    .action(async (options: { port: string }) => {
      const home = resolveHome(io.env);
      requireHome(home);
      const port = parsePort(options.port);
      const found = await inspectDaemon(home.dir);
      if (found.kind === 'running') {
        throw new UserError(
          'daemon-already-running',
          `A daemon already serves ${home.dir} at ${found.state.url} (pid ${found.state.pid})`,
          { hint: 'Stop it first with `escher daemon stop`' },
        );
      }
      const log = (line: string): void => {
        io.stderr.write(`${new Date().toISOString()} ${line}\n`);
      };
      const served = await serveDaemon({ home, env: io.env, port, log });
      log(
        `escher daemon listening on ${served.state.url} (pid ${process.pid}); token in ${served.tokenFile}`,
      );
      if (served.daemon.interruptedAtStart > 0) {
        log(
          `marked ${served.daemon.interruptedAtStart} sync(s) left running by a dead process as interrupted`,
        );
      }
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      log(`${signal}: stopping (a running sync is cancelled; completed scopes stay saved)`);
      await served.close();
      log('stopped');
    });

  daemon
    .command('stop')
    .description('stop the background daemon')
    .option('--json', 'machine output')
    .action(async (options: { json?: boolean }) => {
      const home = resolveHome(io.env);
      const outcome = await stopDaemon(home.dir);
      if (options.json) {
        return printJson(io, {
          stopped: outcome.kind === 'stopped',
          ...(outcome.kind === 'not-running' ? {} : { pid: outcome.state.pid }),
          ...(outcome.kind === 'stale-removed' ? { staleFileRemoved: true } : {}),
        });
      }
      if (outcome.kind === 'stopped') printLines(io, [`Stopped the daemon (pid ${outcome.state.pid})`]);
      else if (outcome.kind === 'not-running') printLines(io, ['The daemon is not running']);
      else {
        printLines(io, [
          `The daemon is not running (removed a stale daemon.json naming pid ${outcome.state.pid})`,
        ]);
      }
    });

  daemon
    .command('status')
    .description(`is the daemon running? exit 0 if so, ${DAEMON_NOT_RUNNING_EXIT} if not`)
    .option('--json', 'machine output')
    .action(async (options: { json?: boolean }) => {
      const home = resolveHome(io.env);
      const found = await inspectDaemon(home.dir);
      if (found.kind === 'running') {
        const { state, status } = found;
        if (options.json) {
          return printJson(io, {
            running: true,
            pid: state.pid,
            port: state.port,
            url: state.url,
            startedAt: state.startedAt,
            uptimeMs: status.uptimeMs,
            version: status.version,
            resources: status.store.resources,
            lastSync: status.lastSync,
            runningSync: status.runningSync,
          });
        }
        const last = status.lastSync;
        return printLines(io, [
          `running at ${state.url} (pid ${state.pid}, up ${formatDuration(status.uptimeMs)}, version ${status.version})`,
          `  ${status.store.resources} resources; ${
            last ? `last sync #${last.id} ${last.status} at ${last.startedAt}` : 'never synced'
          }${status.runningSync ? `; sync #${status.runningSync.id} running` : ''}`,
        ]);
      }
      process.exitCode = DAEMON_NOT_RUNNING_EXIT;
      if (options.json) {
        return printJson(io, {
          running: false,
          ...(found.kind === 'stale'
            ? { stale: { pid: found.state.pid, url: found.state.url, reason: found.reason } }
            : {}),
        });
      }
      if (found.kind === 'stopped') return printLines(io, ['not running']);
      printLines(io, [
        found.reason === 'pid-gone'
          ? `not running (stale daemon.json: pid ${found.state.pid} is gone; \`escher daemon stop\` removes it)`
          : `not running (pid ${found.state.pid} is alive but does not answer at ${found.state.url})`,
      ]);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError('port-invalid', `--port must be 0–65535, not '${value}'`, {
      hint: `The default is ${DEFAULT_DAEMON_PORT}; 0 picks a free port`,
    });
  }
  return port;
}

/** `3h 12m`, `4m 05s`, `12s`. */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
