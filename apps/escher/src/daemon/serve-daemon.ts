import { openStore, type CliEnv, type EscherHome } from '../cli/escher-home.ts';
import { systemClock } from '../store/index.ts';
import { daemonFiles } from './daemon-files.ts';
import { recoverOnStart } from './recover-on-start.ts';
import { removeDaemonState, writeDaemonState, type DaemonState } from './daemon-state.ts';
import { ensureDaemonToken } from './daemon-token.ts';
import type { DaemonLog } from './error-handler.ts';
import { startDaemon, type RunningDaemon } from './start-daemon.ts';

/** A daemon serving a home, with its store open and daemon.json written. */
export interface ServedDaemon {
  daemon: RunningDaemon;
  state: DaemonState;
  tokenFile: string;
  /** Graceful stop: the daemon (and a running sync), then the store, then daemon.json. */
  close(): Promise<void>;
}

/**
 * Serves a home: the token (created on first start), the encrypted store, the daemon on
 * 127.0.0.1, and daemon.json naming this process — what `escher daemon run` and `escher demo`
 * share. The caller decides how long it runs and then calls `close()`.
 */
export async function serveDaemon(options: {
  home: EscherHome;
  env: CliEnv;
  port: number;
  log: DaemonLog;
}): Promise<ServedDaemon> {
  const files = daemonFiles(options.home.dir);
  const token = ensureDaemonToken(files.token);
  const store = await openStore(options.home, options.env);
  let daemon: RunningDaemon;
  try {
    // Executions a crashed process left running are reported interrupted, never resumed (docs/engine.md).
    const recovered = await recoverOnStart(options.home, store, options.log);
    daemon = await startDaemon({
      store,
      env: options.env,
      interruptedExecutionsAtStart: recovered.interrupted,
      orphansKilledAtStart: recovered.orphans,
      clock: systemClock,
      home: options.home,
      token,
      port: options.port,
      log: options.log,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const state: DaemonState = {
    pid: process.pid,
    port: daemon.port,
    url: daemon.url,
    startedAt: new Date().toISOString(),
  };
  writeDaemonState(files.state, state);
  let closing: Promise<void> | undefined;
  return {
    daemon,
    state,
    tokenFile: files.token,
    close() {
      closing ??= (async () => {
        try {
          await daemon.close();
        } finally {
          store.close();
          removeDaemonState(files.state, process.pid);
        }
      })();
      return closing;
    },
  };
}
