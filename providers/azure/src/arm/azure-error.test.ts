import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OperationalError, UserError } from '@escher/protocol';
import { statusOf, toAzureError } from './azure-error.ts';

const ctx = { account: 'sub-1', region: 'global', service: 'arm', operation: 'keys.list' };

/** The shape core-rest-pipeline's RestError has (statusCode, code, response.headers.get). */
function restError(statusCode: number, code: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`${code} happened`), {
    name: 'RestError',
    statusCode,
    code,
    response: { headers: { get: (name: string) => headers[name.toLowerCase()] } },
  });
}

describe('Azure errors, by who is at fault', () => {
  it('makes bad credentials and missing permissions user errors with a hint', () => {
    const unauthorised = toAzureError(restError(401, 'InvalidAuthenticationToken'), ctx);
    assert.ok(unauthorised instanceof UserError);
    assert.equal(unauthorised.code, 'azure-credentials-invalid');
    assert.match(unauthorised.hint!, /az login/);
    const forbidden = toAzureError(restError(403, 'AuthorizationFailed'), ctx);
    assert.ok(forbidden instanceof UserError);
    assert.equal(forbidden.code, 'azure-permission-denied');
    assert.match(forbidden.hint!, /Reader role on subscription sub-1/);
    const identity = toAzureError(
      Object.assign(new Error('no az'), { name: 'CredentialUnavailableError' }),
      ctx,
    );
    assert.ok(identity instanceof UserError);
  });

  it('makes throttling and outages retryable operational errors, with Retry-After for the rate limiter', () => {
    const throttled = toAzureError(
      restError(429, 'SubscriptionRequestsThrottled', { 'retry-after': '7' }),
      ctx,
    );
    assert.ok(throttled instanceof OperationalError);
    assert.equal(throttled.code, 'azure-throttled');
    assert.equal(throttled.retryable, true);
    assert.equal(throttled.details?.['retryAfterMs'], 7000);
    assert.equal(statusOf(throttled), 429);
    const down = toAzureError(restError(503, 'ServiceUnavailable'), ctx);
    assert.ok(down instanceof OperationalError && down.retryable);
    const network = toAzureError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), ctx);
    assert.ok(network instanceof OperationalError);
    assert.equal(network.code, 'azure-network');
  });

  it('keeps not-found distinguishable and aborts untouched', () => {
    const gone = toAzureError(restError(404, 'ResourceNotFound'), ctx);
    assert.ok(gone instanceof OperationalError && !gone.retryable);
    assert.equal(statusOf(gone), 404);
    assert.ok(toAzureError(restError(404, 'SubscriptionNotFound'), ctx) instanceof UserError);
    const refused = toAzureError(
      Object.assign(new Error('Operation is not allowed since the VM is deallocated.'), {
        name: 'RestError',
        statusCode: 409,
        code: 'OperationNotAllowed',
      }),
      ctx,
    );
    assert.ok(refused instanceof OperationalError && !refused.retryable);
    assert.match(
      refused.message,
      /keys\.list \(subscription sub-1\): OperationNotAllowed: Operation is not allowed/,
    );
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    assert.equal(toAzureError(abort, ctx), abort);
  });
});
