import type { Hono } from 'hono';
import { buildDaemonOpenApi, DAEMON_OPERATIONS, type OpenApiDocument } from '@escher/protocol';
import { defineRoute } from './define-route.ts';
import type { RouteContext } from './route-context.ts';

/** Health, status and the OpenAPI document. */
export function registerStatusRoutes(app: Hono, ctx: RouteContext): void {
  defineRoute(
    app,
    DAEMON_OPERATIONS.getHealth,
  )(() => ({
    status: 200,
    body: { status: 'ok', version: ctx.version, pid: ctx.pid },
  }));

  defineRoute(
    app,
    DAEMON_OPERATIONS.getStatus,
  )(() => {
    const { jobs, store } = ctx;
    const [last] = store.recentSyncs(1);
    const runningId = jobs.runningId;
    const running = runningId === undefined ? undefined : store.getSync(runningId);
    return {
      status: 200,
      body: {
        version: ctx.version,
        pid: ctx.pid,
        startedAt: new Date(ctx.startedAt).toISOString(),
        uptimeMs: Math.max(0, ctx.clock.now() - ctx.startedAt),
        interruptedAtStart: ctx.interruptedAtStart,
        interruptedExecutionsAtStart: [...ctx.interruptedExecutionsAtStart],
        orphansKilledAtStart: [...ctx.orphansKilledAtStart],
        store: store.stats(),
        lastSync: last ? jobs.decorate(last) : null,
        runningSync: running ? jobs.decorate(running) : null,
      },
    };
  });

  // Built on first request: it never changes while the daemon runs.
  let document: OpenApiDocument | undefined;
  defineRoute(
    app,
    DAEMON_OPERATIONS.getOpenApi,
  )(() => {
    document ??= buildDaemonOpenApi({ version: ctx.version, serverUrl: ctx.url });
    return { status: 200, body: document };
  });
}
