import { UserError, type EscherError } from '@escher/protocol';

/** A `UserError` that answers with a specific HTTP status (404, 401, 403, 413, …). */
export function httpUserError(status: number, code: string, message: string, hint?: string): UserError {
  return new UserError(code, message, { ...(hint ? { hint } : {}), details: { httpStatus: status } });
}

/**
 * The HTTP status of an error: the one it names, else by who is at fault — the user 400, the
 * world 503 (a cloud or the disk), a bug 500.
 */
export function httpStatusOf(error: EscherError): number {
  const named = error.details?.['httpStatus'];
  if (typeof named === 'number' && named >= 400 && named < 600) return named;
  if (error.kind === 'user') return 400;
  return error.kind === 'operational' ? 503 : 500;
}
