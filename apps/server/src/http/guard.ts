import type { ApiKeyRing, KeyIdentity } from './api-keys.ts';
import { httpUserError } from './http-error.ts';
import type { TokenBucketLimiter } from './rate-limiter.ts';

/**
 * Checks the key and takes a token from its bucket, for REST calls and WebSocket upgrades alike.
 * Throws 401 (no key, or an unknown one — the same text, so keys cannot be probed tenant by
 * tenant) or 429 with `retryAfterSeconds` in its details.
 */
export function admit(
  authorization: string | undefined,
  keys: ApiKeyRing,
  limiter: TokenBucketLimiter,
): KeyIdentity {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  const identity = match?.[1] ? keys.identify(match[1]) : undefined;
  if (!identity) {
    throw httpUserError(
      401,
      match?.[1] ? 'server-key-invalid' : 'server-key-missing',
      match?.[1] ? 'The API key is not valid' : 'This call needs an API key',
      'Send "Authorization: Bearer <key>" with a key from ESCHER_SERVER_KEYS',
    );
  }
  const taken = limiter.take(identity.keyId);
  if (!taken.ok) {
    const error = httpUserError(
      429,
      'server-rate-limited',
      `Too many requests for this key; retry in ${taken.retryAfterSeconds}s`,
      'Wait for Retry-After seconds, or ask for a higher limit',
    );
    (error.details as Record<string, unknown>)['retryAfterSeconds'] = taken.retryAfterSeconds;
    throw error;
  }
  return identity;
}
