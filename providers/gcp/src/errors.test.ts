import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OperationalError, UserError } from '@escher/protocol';
import { toGcpError } from './errors.ts';

const ctx = {
  account: 'acme-1',
  region: 'global',
  service: 'compute',
  operation: 'instances.aggregatedList',
};

/** The error gax's REST transport throws: a GaxiosError whose message is Google's JSON body. */
function gaxios(status: number, reason: string, message = 'nope'): Error {
  return Object.assign(
    new Error(JSON.stringify({ error: { code: status, message, errors: [{ reason }] } })),
    { status, code: status },
  );
}

describe('GCP error translation', () => {
  it('throttling and outages are retryable operational errors', () => {
    const throttled = toGcpError(gaxios(429, 'rateLimitExceeded', 'Quota exceeded'), ctx);
    assert.ok(throttled instanceof OperationalError && throttled.retryable);
    assert.equal(throttled.code, 'gcp-throttled');
    assert.equal(throttled.details?.['status'], 429);
    assert.match(throttled.message, /compute instances\.aggregatedList in acme-1: Quota exceeded/);
    // Older APIs say 403 rateLimitExceeded.
    assert.equal(toGcpError(gaxios(403, 'userRateLimitExceeded'), ctx).code, 'gcp-throttled');
    // gax gRPC-style status codes: 8 RESOURCE_EXHAUSTED, 14 UNAVAILABLE.
    assert.equal(toGcpError(Object.assign(new Error('x'), { code: 8 }), ctx).code, 'gcp-throttled');
    assert.equal(toGcpError(Object.assign(new Error('x'), { code: 14 }), ctx).code, 'gcp-unavailable');
    assert.equal(toGcpError(gaxios(500, 'backendError'), ctx).code, 'gcp-server-error');
    assert.equal(
      toGcpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), ctx).code,
      'gcp-network',
    );
  });

  it('credential, permission and request problems are user errors with hints', () => {
    const denied = toGcpError(gaxios(403, 'forbidden', "Permission 'compute.instances.list' denied"), ctx);
    assert.ok(denied instanceof UserError);
    assert.equal(denied.code, 'gcp-permission-denied');
    assert.ok(denied.hint);
    assert.equal(toGcpError(gaxios(401, 'authError'), ctx).code, 'gcp-credentials-invalid');
    assert.equal(toGcpError(gaxios(404, 'notFound'), ctx).code, 'gcp-not-found');
    // Cloud Storage's ApiError: numeric code, errors array, plain message.
    const storage = Object.assign(new Error('Unknown project id: x'), {
      code: 400,
      errors: [{ reason: 'invalid' }],
    });
    assert.equal(toGcpError(storage, ctx).code, 'gcp-request-invalid');
    // Application Default Credentials with nothing to find.
    const adc = toGcpError(
      new Error(
        'Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication',
      ),
      ctx,
    );
    assert.ok(
      adc instanceof UserError &&
        adc.code === 'gcp-credentials-invalid' &&
        /application-default login/.test(adc.hint ?? ''),
    );
  });
});
