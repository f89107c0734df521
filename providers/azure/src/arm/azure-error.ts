import { EscherError, OperationalError, UserError } from '@escher/protocol';
import type { CallContext } from '@escher/provider-api';
import { CREDENTIALS_HINT } from '../credentials.ts';

/** What the Azure SDKs throw: core-rest-pipeline's and ms-rest-js's RestError, identity's errors. */
interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
  'AuthenticationRequiredError',
]);

/** Milliseconds the cloud asked us to wait (Retry-After, seconds or HTTP date), when it said. */
function retryAfterMs(error: SdkError): number | undefined {
  const value = error.response?.headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Maps whatever an Azure SDK call threw to Escher's errors by who is at fault: credentials and
 * permissions are the user's (with a hint), throttling, outages and the network are operational
 * (retryable, with `details.status` and `details.retryAfterMs` for the scanner's rate limiter).
 * Aborts pass through untouched so cancellation stays cancellation.
 */
export function toAzureError(error: unknown, ctx: CallContext): unknown {
  if (error instanceof EscherError) return error;
  if (typeof error !== 'object' || error === null) return error;
  const e = error as SdkError;
  if (e.name === 'AbortError') return error;
  const where = `${ctx.operation} (subscription ${ctx.account || 'n/a'})`;
  const details = {
    status: e.statusCode,
    cloudCode: e.code,
    operation: ctx.operation,
    account: ctx.account,
  };
  // The cloud's own code leads (ARM's messages rarely name it), so logs and plans show what Azure said.
  const cloud = e.code && e.message && !e.message.includes(e.code) ? `${e.code}: ` : '';
  const message = `Azure ${where}: ${cloud}${e.message ?? e.code ?? 'failed'}`;
  if (e.name && CREDENTIAL_ERRORS.has(e.name))
    return new UserError('azure-credentials-invalid', message, {
      hint: CREDENTIALS_HINT,
      cause: error,
      details,
    });
  switch (e.statusCode) {
    case 401:
      return new UserError('azure-credentials-invalid', message, {
        hint: CREDENTIALS_HINT,
        cause: error,
        details,
      });
    case 403:
      return new UserError('azure-permission-denied', message, {
        hint: `Grant the identity the Reader role on subscription ${ctx.account}`,
        cause: error,
        details,
      });
    case 404:
      if (e.code === 'SubscriptionNotFound')
        return new UserError('azure-subscription-not-found', message, {
          hint: 'Check the subscription id with az account list',
          cause: error,
          details,
        });
      return new OperationalError('azure-not-found', message, { cause: error, details, retryable: false });
    case 429:
      return new OperationalError('azure-throttled', message, {
        cause: error,
        details: { ...details, retryAfterMs: retryAfterMs(e) },
      });
    default:
      break;
  }
  if (e.statusCode !== undefined && e.statusCode >= 500)
    return new OperationalError('azure-unavailable', message, {
      cause: error,
      details: { ...details, retryAfterMs: retryAfterMs(e) },
    });
  if (e.statusCode !== undefined)
    return new OperationalError('azure-request-failed', message, { cause: error, details, retryable: false });
  if (e.code && NETWORK_CODES.has(e.code))
    return new OperationalError('azure-network', message, {
      hint: 'Check the network path to Azure (proxy, DNS, --endpoint)',
      cause: error,
      details,
    });
  return error;
}

/** The HTTP status an Escher error came from, when it came from an Azure response. */
export function statusOf(error: unknown): number | undefined {
  if (!(error instanceof EscherError)) return undefined;
  const status = error.details?.['status'];
  return typeof status === 'number' ? status : undefined;
}
