import { OperationalError, UserError, type EscherError } from '@escher/protocol';
import type { CallContext } from '@escher/provider-api';

/** What an SDK v3 error carries that tells us who is at fault. */
interface SdkErrorLike {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const CREDENTIAL_CODES = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidAccessKeyId',
  'InvalidToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'Forbidden',
]);
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'PriorRequestNotComplete',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE']);

/** The AWS error code of an SDK error (`InvalidInstanceID.NotFound`, `NoSuchTagSet`, …). */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as SdkErrorLike;
  if (e.Code) return e.Code;
  // Network failures are plain Errors (or TypeErrors) whose `code` says what happened.
  if (e.code && (!e.name || e.name === 'Error' || e.name === 'TypeError')) return e.code;
  return e.name ?? e.code;
}

/**
 * Turns an SDK error into an Escher error that says who is at fault: bad or expired credentials
 * and missing permissions are the user's to fix; throttling, 5xx and network trouble are
 * operational (retryable). The AWS code, status and request id travel in `details`.
 */
export function toAwsError(error: unknown, ctx: CallContext): EscherError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const code = awsErrorCode(error) ?? 'Unknown';
  const status = e.$metadata?.httpStatusCode;
  const where = `${ctx.service}:${ctx.operation} in ${ctx.account}/${ctx.region}`;
  const message = `${where}: ${code}: ${e.message ?? String(error)}`;
  const details = { awsCode: code, status, requestId: e.$metadata?.requestId, ...ctx };
  const options = { cause: error, details };
  if (CREDENTIAL_CODES.has(code)) {
    return new UserError('aws-credentials-invalid', message, {
      ...options,
      hint: 'Run aws configure (or aws sso login), set AWS_PROFILE, or check the access keys',
    });
  }
  if (DENIED_CODES.has(code)) {
    return new UserError('aws-access-denied', message, {
      ...options,
      hint: `Grant ${ctx.service}:${ctx.operation} to the identity (the ReadOnlyAccess managed policy covers discovery)`,
    });
  }
  if (code === 'OptInRequired' || code === 'InvalidRegion') {
    return new OperationalError('aws-region-not-enabled', message, {
      ...options,
      retryable: false,
      hint: `Enable ${ctx.region} for the account, or leave it out of the regions setting`,
    });
  }
  if (THROTTLING_CODES.has(code) || status === 429) {
    return new OperationalError('aws-throttled', message, { ...options, retryable: true });
  }
  if (NETWORK_CODES.has(code) || code === 'TimeoutError' || code === 'AbortError') {
    return new OperationalError('aws-unreachable', message, {
      ...options,
      retryable: code !== 'AbortError',
      hint: 'Check the network, proxy settings and the --endpoint URL',
    });
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new OperationalError('aws-service-error', message, { ...options, retryable: true });
  }
  return new OperationalError('aws-request-failed', message, { ...options, retryable: false });
}
