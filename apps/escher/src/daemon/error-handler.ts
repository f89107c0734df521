import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { toEscherError, UnexpectedError, type EscherError } from '@escher/protocol';
import { httpStatusOf, httpUserError } from './http-error.ts';

/** Where the daemon writes a line about what went wrong (its log file in production). */
export type DaemonLog = (line: string) => void;

/**
 * The daemon's one error handler: every failure answers `{ error: { code, message, hint } }`
 * with a status from who is at fault. Bugs answer a fixed message and are logged in full, so an
 * unexpected error's text (which could hold anything) never reaches a client.
 */
export function errorHandler(log: DaemonLog): ErrorHandler {
  return (error, c) => {
    const escher = fromHono(error);
    const status = httpStatusOf(escher);
    if (escher.kind === 'unexpected') {
      log(
        `${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      const shown = new UnexpectedError('unexpected', 'The daemon hit an unexpected error', {
        hint: 'See the daemon log ($ESCHER_HOME/daemon.log); please report it',
      });
      return reply(c, shown, 500);
    }
    return reply(c, escher, status);
  };
}

/** Unknown routes answer the same error shape. */
export const notFoundHandler: NotFoundHandler = (c) =>
  reply(
    c,
    httpUserError(
      404,
      'route-not-found',
      `No route ${c.req.method} ${c.req.path}`,
      'See GET /api/v1/openapi.json',
    ),
    404,
  );

function reply(c: Context, error: EscherError, status: number): Response {
  return c.json(error.toBody(), status as ContentfulStatusCode);
}

function fromHono(error: unknown): EscherError {
  if (error instanceof HTTPException) {
    return httpUserError(error.status, 'http-error', error.message || `HTTP ${error.status}`);
  }
  return toEscherError(error);
}
