import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OperationalError, UserError } from '@escher/protocol';
import { arnResourceId, kmsKeyArn } from './arn.ts';
import { toAwsError } from './errors.ts';
import { mapLimit } from '@escher/provider-api';
import { paginate } from './paginate.ts';

const ctx = { account: '111122223333', region: 'eu-west-1', service: 'ec2', operation: 'DescribeInstances' };
const sdkError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status, requestId: 'r-1' },
  });

describe('toAwsError', () => {
  it('blames the user for bad credentials and missing permissions, with a hint', () => {
    const bad = toAwsError(sdkError('AuthFailure', 401), ctx);
    assert.ok(bad instanceof UserError);
    assert.equal(bad.code, 'aws-credentials-invalid');
    assert.match(bad.hint!, /aws configure/);
    const denied = toAwsError(sdkError('UnauthorizedOperation', 403), ctx);
    assert.equal(denied.code, 'aws-access-denied');
    assert.match(denied.hint!, /ec2:DescribeInstances/);
    assert.equal(denied.details?.awsCode, 'UnauthorizedOperation');
  });

  it('calls throttling, 5xx and network trouble operational and retryable', () => {
    for (const [error, code] of [
      [sdkError('RequestLimitExceeded', 503), 'aws-throttled'],
      [sdkError('Throttling', 400), 'aws-throttled'],
      [sdkError('InternalError', 500, 'server'), 'aws-service-error'],
      [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'aws-unreachable'],
    ] as const) {
      const e = toAwsError(error, ctx);
      assert.ok(e instanceof OperationalError, code);
      assert.equal(e.code, code);
      assert.equal(e.retryable, true, code);
    }
    const bad = toAwsError(sdkError('InvalidParameterValue', 400), ctx);
    assert.equal(bad.code, 'aws-request-failed');
    assert.equal((bad as OperationalError).retryable, false);
    assert.match(bad.message, /ec2:DescribeInstances in 111122223333\/eu-west-1: InvalidParameterValue/);
  });
});

describe('paginate', () => {
  it('follows tokens, skips empty pages and stops on a repeated token', async () => {
    const pages: Record<string, { items: number[]; next: string | undefined }> = {
      start: { items: [1, 2], next: 'a' },
      a: { items: [], next: 'b' },
      b: { items: [3], next: 'a' },
    };
    const seen: number[][] = [];
    for await (const page of paginate(async (token) => pages[token ?? 'start']!)) seen.push(page);
    assert.deepEqual(seen, [[1, 2], [3]]);
  });

  it('maps with bounded concurrency, keeping order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });
});

describe('ARNs', () => {
  it('builds key ARNs only from key ids and key ARNs', () => {
    const id = '3ffda496-7e74-4414-bb1e-1a185b9391f9';
    assert.equal(kmsKeyArn('us-east-1', '1', id), `arn:aws:kms:us-east-1:1:key/${id}`);
    assert.equal(
      kmsKeyArn('us-east-1', '1', `arn:aws:kms:eu-west-1:2:key/${id}`),
      `arn:aws:kms:eu-west-1:2:key/${id}`,
    );
    assert.equal(kmsKeyArn('us-east-1', '1', 'alias/aws/s3'), undefined);
    assert.equal(kmsKeyArn('us-east-1', '1', 'arn:aws:kms:us-east-1:1:alias/aws/s3'), undefined);
    assert.equal(kmsKeyArn('us-east-1', '1', 'default_kms_key_id'), undefined);
  });

  it('reads the resource id at the end of an ARN', () => {
    assert.equal(arnResourceId('arn:aws:ec2:us-east-1:1:instance/i-0abc'), 'i-0abc');
    assert.equal(arnResourceId('arn:aws:rds:us-east-1:1:db:orders-db'), 'orders-db');
  });
});
