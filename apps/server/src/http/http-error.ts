import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { toEscherError, UnexpectedError, UserError, type EscherError } from '@escher/protocol';

/** One line about the server's work; never a request body, a key or a context. */
export type ServerLog = (line: string) => void;

/** A `UserError` that answers with a given HTTP status (401, 404, 413, 429). */
export function httpUserError(status: number, code: string, message: string, hint?: string): UserError {
  return new UserError(code, message, { ...(hint ? { hint } : {}), details: { httpStatus: status } });
}

/** The status of an error: the one it names, else 400 for the user, 503 for the world, 500 for a bug. */
export function httpStatusOf(error: EscherError): number {
  const named = error.details?.['httpStatus'];
  if (typeof named === 'number' && named >= 400 && named < 600) return named;
  if (error.kind === 'user') return 400;
  return error.kind === 'operational' ? 503 : 500;
}

/**
 * The one error handler: `{ error: { code, message, hint } }`. A bug's text could hold request
 * data, so it is logged as its error name and stack frames only, and answered with a fixed text.
 */
export function errorHandler(log: ServerLog): ErrorHandler {
  return (error, c) => {
    const escher =
      error instanceof HTTPException
        ? httpUserError(error.status, 'http-error', `HTTP ${error.status}`)
        : toEscherError(error);
    if (escher.kind === 'unexpected') {
      const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join(' ') : '';
      log(
        `${c.req.method} ${c.req.path}: unexpected ${error instanceof Error ? error.name : typeof error} ${frames}`,
      );
      return reply(
        c,
        new UnexpectedError('unexpected', 'The server hit an unexpected error', { hint: 'Please report it' }),
        500,
      );
    }
    return reply(c, escher, httpStatusOf(escher));
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  reply(
    c,
    httpUserError(
      404,
      'route-not-found',
      `No route ${c.req.method} ${c.req.path}`,
      'See GET /v1/openapi.json',
    ),
    404,
  );

function reply(c: Context, error: EscherError, status: number): Response {
  const retryAfter = error.details?.['retryAfterSeconds'];
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="escher-server"');
  return c.json(error.toBody(), status as ContentfulStatusCode);
}
