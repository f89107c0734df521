import type { Hono } from 'hono';
import { DAEMON_OPERATIONS } from '@escher/protocol';
import { defineRoute } from './define-route.ts';
import type { RouteContext } from './route-context.ts';

/**
 * Plan → approve → apply → cancel over the daemon (docs/daemon.md): the CLI's rules, the run in
 * the daemon's process. The events route also upgrades to a WebSocket (`event-stream.ts`).
 */
export function registerExecutionRoutes(app: Hono, ctx: RouteContext): void {
  const { executions } = ctx;

  defineRoute(
    app,
    DAEMON_OPERATIONS.listExecutions,
  )(({ query }) => {
    const records = executions.list(query);
    return { status: 200, body: { count: records.length, executions: records } };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.getExecution,
  )(({ params }) => ({ status: 200, body: executions.detail(params.id) }));

  defineRoute(
    app,
    DAEMON_OPERATIONS.createPlan,
  )(async ({ body }) => ({ status: 201, body: await executions.plan(body) }));

  defineRoute(
    app,
    DAEMON_OPERATIONS.approveExecution,
  )(async ({ params, body }) => ({ status: 200, body: await executions.approve(params.id, body) }));

  defineRoute(
    app,
    DAEMON_OPERATIONS.applyExecution,
  )(async ({ params }) => {
    const record = await executions.apply(params.id);
    return {
      status: 202,
      body: {
        executionId: record.id,
        planId: record.planId,
        state: record.state,
        events: `${ctx.url.replace(/^http/, 'ws')}/api/v1/executions/${record.id}/events`,
      },
    };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.cancelExecution,
  )(async ({ params }) => {
    const { executionId, state } = await executions.cancel(params.id);
    return { status: 200, body: { executionId, state, cancelRequested: state === 'running' } };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.listExecutionEvents,
  )(({ params, query }) => ({ status: 200, body: executions.events(params.id, query.since ?? 0) }));
}
