import { join } from 'node:path';

/** The daemon's default port: unassigned by IANA and unlikely to clash with dev servers. */
export const DEFAULT_DAEMON_PORT = 7433;

/** Where the daemon keeps its files inside `$ESCHER_HOME`. */
export interface DaemonFiles {
  /** The bearer token every API call needs (mode 0600, kept across restarts). */
  token: string;
  /** `{pid, port, url, startedAt}` of the running daemon; removed when it stops. */
  state: string;
  /** stdout/stderr of a daemon started in the background. */
  log: string;
}

/** The daemon's files in a home directory. */
export function daemonFiles(homeDir: string): DaemonFiles {
  return {
    token: join(homeDir, 'daemon.token'),
    state: join(homeDir, 'daemon.json'),
    log: join(homeDir, 'daemon.log'),
  };
}
