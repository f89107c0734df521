import { EscherError, OperationalError, UserError } from '@escher/protocol';
import type { CallContext } from '@escher/provider-api';

/** What a failed Google API call said, whichever SDK (gax REST, Storage, googleapis) raised it. */
export interface GoogleFailure {
  /** HTTP status, when there was a response. */
  status: number | undefined;
  /** First `errors[].reason` (`rateLimitExceeded`, `notFound`, …) or the `status` word. */
  reason: string | undefined;
  message: string;
  /** A socket-level failure (ECONNREFUSED, ETIMEDOUT, …). */
  network: string | undefined;
}

/** gRPC status codes gax uses, as the HTTP status Google maps them to. */
const GRPC_TO_HTTP: Readonly<Record<number, number>> = {
  3: 400,
  4: 504,
  5: 404,
  7: 403,
  8: 429,
  9: 400,
  13: 500,
  14: 503,
  16: 401,
};
/** What google-auth-library says when it has no usable credentials or its token exchange fails. */
const CREDENTIAL_FAILURE =
  /Could not load the default credentials|No refresh token is set|invalid_grant|invalid_client|unauthorized_client|Could not refresh access token/i;
const THROTTLE_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'RESOURCE_EXHAUSTED',
]);

/** Reads status, reason and message out of the three error shapes the Google SDKs throw. */
export function readGoogleFailure(error: unknown): GoogleFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const response = e['response'] as { status?: unknown; data?: unknown } | undefined;
  let status = numberIn(e['status']) ?? numberIn(response?.status);
  const code = e['code'];
  if (status === undefined && typeof code === 'number') status = code >= 100 ? code : GRPC_TO_HTTP[code];
  const network = typeof code === 'string' && /^E[A-Z]+/.test(code) ? code : undefined;
  // gax's REST transport puts Google's JSON error body in the message; googleapis in response.data.
  const body = googleBody(response?.data) ?? googleBody(parseJson(e['message']));
  const errors = (Array.isArray(e['errors']) ? e['errors'] : body?.errors) as
    { reason?: string }[] | undefined;
  const reason = errors?.[0]?.reason ?? body?.status;
  const message = body?.message ?? (typeof e['message'] === 'string' ? e['message'] : String(error));
  return { status: status ?? body?.code, reason, message, network };
}

/**
 * Turns an SDK error into an EscherError by who is at fault: throttling, outages and network
 * failures are retryable OperationalErrors (`gcp-throttled`, `gcp-unavailable`, `gcp-network`);
 * bad credentials, missing permissions or APIs and unknown projects are UserErrors. `details`
 * carries the HTTP status and reason so the scanner can adapt its pace.
 */
export function toGcpError(error: unknown, ctx: CallContext): EscherError {
  if (error instanceof EscherError) return error;
  const failure = readGoogleFailure(error);
  const where = `GCP ${ctx.service} ${ctx.operation} in ${ctx.account}`;
  const message = `${where}: ${failure.message}`;
  const details = { status: failure.status, reason: failure.reason, ...ctx };
  const options = { cause: error, details };
  const status = failure.status;
  if (CREDENTIAL_FAILURE.test(failure.message))
    return new UserError('gcp-credentials-invalid', message, {
      ...options,
      hint: 'Run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS, or pass a key file',
    });
  if (failure.network)
    return new OperationalError('gcp-network', message, {
      ...options,
      hint: 'Check the network path to Google Cloud (or the --endpoint)',
    });
  if (status === 429 || (failure.reason !== undefined && THROTTLE_REASONS.has(failure.reason)))
    return new OperationalError('gcp-throttled', message, {
      ...options,
      hint: 'The project quota for this API is exhausted; the scan slows down and retries',
    });
  if (status === 401)
    return new UserError('gcp-credentials-invalid', message, {
      ...options,
      hint: 'Run `gcloud auth application-default login`, or check the key file or token',
    });
  if (status === 403)
    return new UserError('gcp-permission-denied', message, {
      ...options,
      hint: 'Grant the identity roles/viewer on the project and make sure the API is enabled',
    });
  if (status === 404)
    return new UserError('gcp-not-found', message, {
      ...options,
      hint: 'Check that the project exists and the identity can see it',
    });
  if (status === 400) return new UserError('gcp-request-invalid', message, options);
  if (status !== undefined && status >= 500)
    return new OperationalError(status === 503 ? 'gcp-unavailable' : 'gcp-server-error', message, {
      ...options,
      hint: 'Google Cloud answered with a server error; the scan retries',
    });
  return new OperationalError('gcp-request-failed', message, { ...options, retryable: false });
}

/**
 * A `locations/-` list that could not reach some locations (GKE `missingZones`, Cloud Functions
 * `unreachable`). Taken as complete it would read as deleted resources, so the call fails as
 * retryable (status 503: those locations are unavailable) and the scanner keeps what it knew.
 */
export function partialResult(
  service: string,
  project: string,
  missing: readonly string[],
): OperationalError {
  return new OperationalError(
    'gcp-partial-result',
    `GCP ${service} could not list ${missing.join(', ')} in ${project}.`,
    { details: { status: 503, reason: 'partialResult', service, account: project, missing: [...missing] } },
  );
}

function numberIn(value: unknown): number | undefined {
  return typeof value === 'number' && value >= 100 && value < 600 ? value : undefined;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith('{')) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  errors?: { reason?: string }[];
}

function googleBody(data: unknown): GoogleErrorBody | undefined {
  const error = (data as { error?: unknown } | undefined)?.error;
  return typeof error === 'object' && error !== null ? (error as GoogleErrorBody) : undefined;
}
