import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { KilledOrphan } from '@escher/protocol';
import { acquireSyncLock } from '../cli/sync-lock.ts';
import type { CliEnv, EscherHome } from '../cli/escher-home.ts';
import type { Clock, Store } from '../store/index.ts';
import { DaemonExecutions, type DaemonEngineOpener } from './daemon-executions.ts';
import { daemonFiles } from './daemon-files.ts';
import { errorHandler, notFoundHandler, type DaemonLog } from './error-handler.ts';
import { httpUserError } from './http-error.ts';
import { registerExecutionRoutes } from './routes/executions.routes.ts';
import { registerResourceRoutes } from './routes/resources.routes.ts';
import type { RouteContext } from './routes/route-context.ts';
import { registerStatusRoutes } from './routes/status.routes.ts';
import { registerSyncRoutes } from './routes/syncs.routes.ts';
import { bearerAuth, hostGuard, originGuard } from './security.middleware.ts';
import { SyncJobs, type SyncRunner } from './sync-jobs.ts';
import { ESCHER_VERSION } from './version.ts';

/** Registers one group of `/api/v1` routes. */
export type RouteModule = (app: Hono, ctx: RouteContext) => void;

/**
 * The route groups of the API, in order. The resource graph (`apps/escher/src/graph`) joins
 * here as one more module, with its operation added to `DAEMON_OPERATIONS` in the protocol.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [
  registerStatusRoutes,
  registerResourceRoutes,
  registerSyncRoutes,
  registerExecutionRoutes,
];

/** 1 MiB: the API takes small JSON commands, never uploads. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Everything the daemon is made of, passed in explicitly (no globals, an injectable clock). */
export interface DaemonOptions {
  /** The open store; the caller opens and closes it. */
  store: Store;
  clock: Clock;
  home: EscherHome;
  /** The bearer token every `/api` call must present. */
  token: string;
  /** The port the daemon answers on: `Host` and `Origin` must name it. */
  port: number;
  /** Runs one sync into `store`; by default the accounts configured in `home`. */
  runSync?: SyncRunner;
  version?: string;
  pid?: number;
  /** What `startDaemon` found and marked interrupted; reported by `/status`. */
  interruptedAtStart?: number;
  /** Executions a dead process left running, marked interrupted before the daemon started. */
  interruptedExecutionsAtStart?: readonly string[];
  /** Command process groups those executions left running, ended before the daemon started. */
  orphansKilledAtStart?: readonly KilledOrphan[];
  /** The environment command steps take their safe variables from; default `process.env`. */
  env?: CliEnv;
  /** Builds the engine on first use; by default over `home`'s vault, ledger, accounts and playbooks. */
  openEngine?: DaemonEngineOpener;
  bodyLimitBytes?: number;
  log?: DaemonLog;
}

/** The daemon's HTTP app and the handle to stop its background work. */
export interface Daemon {
  app: Hono;
  /** Cancels a running sync and waits until it has closed its record. */
  stopSync(): Promise<void>;
  /** Resolves once no sync is running (for callers that wait for a sync they started). */
  syncIdle(): Promise<void>;
  /** Plans, approvals and the runs this daemon applies (the WebSocket streams read them). */
  executions: DaemonExecutions;
  /** The daemon's syncs; the global WebSocket forwards their progress. */
  syncs: SyncJobs;
}

/**
 * The daemon's composition root: security middleware (Host, Origin, bearer token, body limit)
 * in front of every route, one error handler, the routes of `DAEMON_OPERATIONS` over the store,
 * and single-flight background syncs. Binding a socket is `startDaemon`'s job, so tests drive
 * the app in-process with `app.request(...)`.
 *
 * @example
 * const { app } = createDaemon({ store, clock: systemClock, home, token, port: 7433 });
 * const res = await app.request('http://127.0.0.1:7433/api/v1/health', {
 *   headers: { host: '127.0.0.1:7433', authorization: `Bearer ${token}` },
 * });
 */
export function createDaemon(options: DaemonOptions): Daemon {
  const log = options.log ?? (() => undefined);
  const files = daemonFiles(options.home.dir);
  const runner = options.runSync ?? homeSyncRunner(options.home, options.store, log);
  const jobs = new SyncJobs(runner, log, {
    clock: options.clock,
    lookup: (id) => options.store.getSync(id),
  });
  const openEngine: DaemonEngineOpener =
    options.openEngine ??
    (async (busy) => {
      // Loaded on first use, like the sync: the providers' SDKs take seconds to load.
      const { openDaemonEngine } = await import('./daemon-engine.ts');
      return openDaemonEngine({
        home: options.home,
        store: options.store,
        env: options.env ?? process.env,
        log,
        clock: options.clock,
        busy,
      });
    });
  const executions = new DaemonExecutions(options.store, openEngine, log);
  const ctx: RouteContext = {
    store: options.store,
    jobs,
    clock: options.clock,
    version: options.version ?? ESCHER_VERSION,
    pid: options.pid ?? process.pid,
    startedAt: options.clock.now(),
    interruptedAtStart: options.interruptedAtStart ?? 0,
    interruptedExecutionsAtStart: options.interruptedExecutionsAtStart ?? [],
    orphansKilledAtStart: options.orphansKilledAtStart ?? [],
    executions,
    url: `http://127.0.0.1:${options.port}`,
  };
  const maxSize = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  const app = new Hono();
  app.onError(errorHandler(log));
  app.notFound(notFoundHandler);
  // Host before anything else: a rebinding page learns nothing, not even that a token is needed.
  app.use('*', hostGuard(options.port), originGuard(options.port));
  app.use(
    '/api/*',
    bearerAuth(options.token, files.token),
    bodyLimit({
      maxSize,
      onError: () => {
        throw httpUserError(413, 'request-too-large', `The request body is over ${maxSize} bytes`);
      },
    }),
  );
  for (const register of ROUTE_MODULES) register(app, ctx);
  return { app, stopSync: () => jobs.stop(), syncIdle: () => jobs.idle(), executions, syncs: jobs };
}

/**
 * The production sync: the accounts configured in the home, into the daemon's open store, under
 * the home's sync lock so a concurrent `escher sync` and the daemon never write at once.
 */
function homeSyncRunner(home: EscherHome, store: Store, log: DaemonLog): SyncRunner {
  return async ({ account, signal, onSyncStarted, onProgress }) => {
    // Loaded on first use: the cloud SDKs take seconds to load and most daemons only read.
    const { selectAccounts, syncAccounts } = await import('../cli/run-sync.ts');
    const accounts = selectAccounts(home, account);
    // A held lock answers 409 `sync-in-progress`, naming the holder (an `escher sync`, the demo).
    const lock = acquireSyncLock(home, { by: 'escher daemon' });
    let syncId: number | undefined;
    try {
      if (lock.tookOverStale) store.interruptStaleSyncs();
      return await syncAccounts({
        home,
        store,
        accounts,
        signal,
        onProgress,
        onSyncStarted: (id) => {
          syncId = id;
          onSyncStarted(id);
        },
        onNotice: log,
      });
    } catch (error) {
      // A sync the scanner could not close would stay "running" for ever; under the lock no one
      // else is syncing, so marking running syncs interrupted touches only this one.
      if (syncId !== undefined && store.getSync(syncId)?.status === 'running') store.interruptStaleSyncs();
      throw error;
    } finally {
      lock.release();
    }
  };
}
