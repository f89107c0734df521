import { json, type SimResponse } from '../core/http.ts';

/** The canonical status names Google's JSON errors carry, by HTTP status. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

/**
 * An error a Google API answers with. Rendered as
 * `{"error":{"code":404,"message":"…","errors":[{"message","domain":"global","reason":"notFound"}],"status":"NOT_FOUND"}}`.
 */
export class GcpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly statusName: string = STATUS_NAMES[status] ?? 'UNKNOWN',
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GcpError';
  }
}

export function gcpErrorResponse(error: GcpError): SimResponse {
  return json(error.status, {
    error: {
      code: error.status,
      message: error.message,
      errors: [{ message: error.message, domain: 'global', reason: error.reason, ...error.extra }],
      status: error.statusName,
    },
  });
}

export function notFound(message: string): GcpError {
  return new GcpError(404, 'notFound', message);
}

/** Compute Engine's 404: `The resource 'projects/p/zones/z/instances/n' was not found`. */
export function resourceNotFound(path: string): GcpError {
  return notFound(`The resource '${path}' was not found`);
}

export function invalid(message: string, reason = 'invalid'): GcpError {
  return new GcpError(400, reason, message);
}

/** Compute Engine's bad field value: `Invalid value for field 'maxResults': '0'. …`. */
export function invalidField(field: string, value: string, detail = ''): GcpError {
  return invalid(`Invalid value for field '${field}': '${value}'.${detail ? ` ${detail}` : ''}`);
}

export function permissionDenied(message: string): GcpError {
  return new GcpError(403, 'forbidden', message);
}

/** The URL was not served by any API (Google answers 404). */
export function unknownUrl(method: string, path: string): GcpError {
  return new GcpError(
    404,
    'notFound',
    `The requested URL ${path} was not found on this server (method ${method}).`,
  );
}

export function throttled(service: string, account: string, mutating: boolean): GcpError {
  const kind = mutating ? 'Write requests' : 'Read requests';
  return new GcpError(
    429,
    'rateLimitExceeded',
    `Quota exceeded for quota metric '${kind}' and limit '${kind} per minute' of service '${service}.googleapis.com' for consumer 'project:${account || 'unknown'}'.`,
  );
}

export function unavailable(): GcpError {
  return new GcpError(503, 'backendError', 'The service is currently unavailable.');
}

export function internalError(): GcpError {
  return new GcpError(500, 'backendError', 'Internal error encountered.');
}
