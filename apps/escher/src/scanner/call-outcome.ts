import { EscherError, OperationalError } from '@escher/protocol';

/** How the rate limiter should treat a failed call. */
export type FailureKind = 'throttled' | 'retryable' | 'fatal';

/** What a failed cloud call told us, read generically from whatever the SDK threw. */
export interface CallFailure {
  kind: FailureKind;
  /** Milliseconds the cloud asked us to wait (`Retry-After`), when it said. */
  retryAfterMs: number | undefined;
  /** HTTP status, when there was a response. */
  status: number | undefined;
  /** The cloud's error name or code (`ThrottlingException`, `RESOURCE_EXHAUSTED`, `ECONNRESET`). */
  code: string | undefined;
}

/** AWS error names (and a few shared ones) that mean "slow down". */
const THROTTLE_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'TooManyRequestsException',
  'TooManyRequests',
  'PriorRequestNotComplete',
  'RESOURCE_EXHAUSTED',
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'SubscriptionRequestsThrottled',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'UNAVAILABLE',
  'INTERNAL',
]);
/** Escher codes providers use for throttling once they have wrapped the SDK error. */
const THROTTLE_SUFFIX = /-throttled$/;

type Bag = Record<string, unknown>;

function bag(value: unknown): Bag | undefined {
  return typeof value === 'object' && value !== null ? (value as Bag) : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A header from a plain object, a `Headers`/`HttpHeaders` (`get`), or a Map. */
function header(headers: unknown, name: string): string | undefined {
  const h = bag(headers);
  if (!h) return undefined;
  if (typeof h['get'] === 'function') {
    const value: unknown = (h['get'] as (n: string) => unknown).call(h, name);
    if (typeof value === 'string') return value;
  }
  for (const [key, value] of Object.entries(h)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = num(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error and its `cause` chain (wrapped errors keep the SDK's original as their cause). */
function chain(error: unknown): Bag[] {
  const out: Bag[] = [];
  let current: unknown = error;
  while (out.length < 5) {
    const b = bag(current);
    if (!b || out.includes(b)) break;
    out.push(b);
    current = b['cause'];
  }
  return out;
}

/**
 * Reads a failed call's error the way each cloud's SDK shapes it — `name`, `code`, `Code`,
 * `$metadata.httpStatusCode`, `statusCode`, `status`, `response.headers['retry-after']`, an
 * Escher error's `details` and its `cause` — and decides whether it is throttling (slow down and
 * retry), retryable (5xx, connection reset) or fatal (bad input, credentials, permissions).
 */
export function classifyFailure(error: unknown, now: number): CallFailure {
  let status: number | undefined;
  let code: string | undefined;
  let retryAfterMs: number | undefined;
  let throttled = false;
  let transient = false;
  let declaredFatal = false;
  for (const e of chain(error)) {
    const metadata = bag(e['$metadata']);
    const response = bag(e['response']) ?? bag(e['$response']);
    const details = bag(e['details']);
    const s =
      num(metadata?.['httpStatusCode']) ??
      num(e['statusCode']) ??
      (typeof e['status'] === 'number' ? e['status'] : undefined) ??
      num(response?.['status']) ??
      num(response?.['statusCode']) ??
      num(details?.['status']);
    status ??= s !== undefined && s >= 100 && s < 600 ? s : undefined;
    const names = [
      e['name'],
      e['Code'],
      e['code'],
      e['reason'],
      details?.['reason'],
      details?.['awsCode'],
    ].filter((n): n is string => typeof n === 'string');
    if (typeof e['code'] === 'number' && e['code'] === 8) names.push('RESOURCE_EXHAUSTED');
    if (typeof e['code'] === 'number' && e['code'] === 14) names.push('UNAVAILABLE');
    for (const n of names) {
      if (THROTTLE_CODES.has(n) || THROTTLE_SUFFIX.test(n)) throttled = true;
      if (NETWORK_CODES.has(n)) transient = true;
      if (code === undefined && n !== 'Error' && !(e instanceof EscherError && n === e.name)) code = n;
    }
    const ra =
      header(response?.['headers'], 'retry-after') ??
      header(e['headers'], 'retry-after') ??
      (num(details?.['retryAfterSeconds']) !== undefined
        ? String(details?.['retryAfterSeconds'])
        : undefined);
    retryAfterMs ??= parseRetryAfter(ra, now);
    if (e instanceof OperationalError && !e.retryable) declaredFatal = true;
    if (e instanceof EscherError && e.kind !== 'operational') declaredFatal = true;
  }
  if (status === 429) throttled = true;
  const kind: FailureKind = throttled
    ? 'throttled'
    : !declaredFatal && (transient || (status !== undefined && status >= 500))
      ? 'retryable'
      : 'fatal';
  return { kind, retryAfterMs, status, code };
}

/** True when the error is the caller cancelling, not the cloud failing. */
export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  const e = bag(error);
  return e?.['name'] === 'AbortError';
}
