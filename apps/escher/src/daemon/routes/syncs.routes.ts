import type { Hono } from 'hono';
import { DAEMON_OPERATIONS, UnexpectedError } from '@escher/protocol';
import { httpUserError } from '../http-error.ts';
import { defineRoute } from './define-route.ts';
import type { RouteContext } from './route-context.ts';

/** Sync history and starting a background sync. */
export function registerSyncRoutes(app: Hono, ctx: RouteContext): void {
  defineRoute(
    app,
    DAEMON_OPERATIONS.listSyncs,
  )(({ query }) => ({
    status: 200,
    body: { syncs: ctx.store.recentSyncs(query.limit ?? 20).map((s) => ctx.jobs.decorate(s)) },
  }));

  defineRoute(
    app,
    DAEMON_OPERATIONS.getSync,
  )(({ params }) => {
    const record = ctx.store.getSync(params.id);
    if (!record) {
      throw httpUserError(404, 'sync-not-found', `No sync with id ${params.id}`, 'See GET /api/v1/syncs');
    }
    return { status: 200, body: ctx.jobs.decorate(record) };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.startSync,
  )(async ({ body }) => {
    const { started, syncId } = await ctx.jobs.start(body.account);
    const record = ctx.store.getSync(syncId);
    if (!record) throw new UnexpectedError('sync-record-missing', `Sync ${syncId} has no record`);
    return started
      ? { status: 202, body: { started, sync: ctx.jobs.decorate(record) } }
      : { status: 200, body: { started, sync: ctx.jobs.decorate(record) } };
  });
}
