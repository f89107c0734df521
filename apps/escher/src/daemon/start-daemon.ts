import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { OperationalError, UserError } from '@escher/protocol';
import { acquireSyncLock } from '../cli/sync-lock.ts';
import { createDaemon, type Daemon, type DaemonOptions } from './create-daemon.ts';
import { DEFAULT_DAEMON_PORT, daemonFiles } from './daemon-files.ts';
import { attachEventStreams } from './event-stream.ts';

/** `createDaemon`'s options, with the port to bind instead of the port to answer on. */
export interface StartDaemonOptions extends Omit<DaemonOptions, 'port' | 'interruptedAtStart'> {
  /** Default 7433; 0 picks a free port (tests). */
  port?: number;
  /** How often an execution's WebSocket looks for events of a run another process applies. */
  streamPollMs?: number;
}

/** A daemon listening on 127.0.0.1. */
export interface RunningDaemon {
  url: string;
  port: number;
  /** Stale `running` syncs marked interrupted at start. */
  interruptedAtStart: number;
  /** The daemon itself (its executions, for in-process callers and tests). */
  app: Daemon;
  /**
   * Graceful shutdown: stops accepting connections, cancels a running sync and the executions
   * this daemon applies and waits for them to close their records, closes the event streams,
   * then waits for open requests to finish. The caller closes the store after.
   */
  close(): Promise<void>;
}

/** How long open requests get to finish at shutdown before their connections are cut. */
const DRAIN_MS = 5_000;

/**
 * Binds the daemon to 127.0.0.1 only — never a public interface, whatever the port — then marks
 * syncs a dead process left `running` as interrupted, unless another process holds the sync lock
 * (an `escher sync` in progress is alive, not stale).
 *
 * @example
 * const daemon = await startDaemon({ store, clock: systemClock, home, token, port: 7433 });
 * // … on SIGTERM:
 * await daemon.close();
 * store.close();
 */
export async function startDaemon(options: StartDaemonOptions): Promise<RunningDaemon> {
  const server = createServer();
  // Until the app exists (it needs the bound port) nothing can have connected; answer 503 anyway.
  let handle: (req: IncomingMessage, res: ServerResponse) => unknown = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => handle(req, res));
  const port = await listen(server, options.port ?? DEFAULT_DAEMON_PORT);
  const interruptedAtStart = interruptStaleSyncs(options);
  const daemon = createDaemon({ ...options, port, interruptedAtStart });
  // Keep node's own Request/Response globals: the providers' SDKs share this process.
  handle = getRequestListener(daemon.app.fetch, { overrideGlobalObjects: false });
  const streams = attachEventStreams(server, {
    port,
    token: options.token,
    tokenFile: daemonFiles(options.home.dir).token,
    executions: daemon.executions,
    syncs: daemon.syncs,
    log: options.log ?? (() => undefined),
    ...(options.streamPollMs ? { pollMs: options.streamPollMs } : {}),
  });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    interruptedAtStart,
    app: daemon,
    close() {
      closing ??= (async () => {
        server.close();
        server.closeIdleConnections();
        await Promise.all([daemon.stopSync(), daemon.executions.stop()]);
        // The streams had their chance to send `end` for the runs cancelled above.
        streams.close();
        const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
        await closed;
        clearTimeout(cut);
      })();
      return closing;
    },
  };
}

function interruptStaleSyncs(options: StartDaemonOptions): number {
  let lock;
  try {
    lock = acquireSyncLock(options.home, { by: 'escher daemon (start-up)' });
  } catch (error) {
    options.log?.(`not marking stale syncs: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  try {
    return options.store.interruptStaleSyncs();
  } finally {
    lock.release();
  }
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new UserError('daemon-port-in-use', `Port ${port} on 127.0.0.1 is already in use`, {
            hint: 'Pick another with --port N (0 picks a free one), or stop what holds it',
            cause: error,
          }),
        );
      } else {
        reject(
          new OperationalError(
            'daemon-listen-failed',
            `Cannot listen on 127.0.0.1:${port}: ${error.message}`,
            { cause: error },
          ),
        );
      }
    });
    server.listen({ host: '127.0.0.1', port }, () => resolve((server.address() as AddressInfo).port));
  });
}
