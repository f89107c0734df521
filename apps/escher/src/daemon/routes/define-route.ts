import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  parseOperationInput,
  type DaemonOperation,
  type OperationInput,
  type OperationReply,
} from '@escher/protocol';
import { httpUserError } from '../http-error.ts';

/** Handles one validated request of an operation. */
export type OperationHandler<Op extends DaemonOperation> = (
  input: OperationInput<Op>,
) => OperationReply<Op> | Promise<OperationReply<Op>>;

/**
 * Registers the handler of one `DAEMON_OPERATIONS` entry: the request is validated against the
 * operation's schemas before the handler runs, and the reply's type is checked against them at
 * compile time. Paths come from the operation, so the router and the OpenAPI document agree.
 * Curried so the operation fixes the types before the handler is checked (a reply's `status: 200`
 * then stays the literal the operation declares).
 *
 * @example
 * defineRoute(app, DAEMON_OPERATIONS.getHealth)(() => ({ status: 200, body: { status: 'ok', version, pid } }));
 */
export function defineRoute<Op extends DaemonOperation>(
  app: Hono,
  op: Op,
): (handler: OperationHandler<Op>) => void {
  return (handler) => {
    app.on(op.method.toUpperCase(), honoPath(op.path), async (c) => {
      const body = op.body ? await readJson(c) : undefined;
      const input = parseOperationInput(op, { query: c.req.queries() ?? {}, params: c.req.param(), body });
      const reply = await handler(input);
      return c.json(reply.body as object, reply.status as ContentfulStatusCode);
    });
  };
}

/** `/api/v1/resources/{id}` → `/api/v1/resources/:id`. */
export function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw httpUserError(400, 'invalid-json', 'The request body is not valid JSON', 'Send a JSON object');
  }
}
