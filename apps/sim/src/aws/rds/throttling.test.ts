import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator, TEST_AWS_CREDENTIALS } from '../../testing/sim-fixture.ts';

/**
 * Rate limits on at a small scale: bursts past the bucket are answered with each protocol's
 * throttling error, and the SDK's own retry (standard mode) gets every call through.
 */
describe('throttling through the SDK retry', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ faults: { rateLimits: { enabled: true, scale: 0.1 } } });
  });
  after(() => sim.close());

  const config = { region: 'us-east-1', credentials: TEST_AWS_CREDENTIALS, maxAttempts: 8 };

  it('RDS (awsQuery Throttling) and KMS (JSON ThrottlingException) calls all succeed after throttled attempts', async () => {
    const since = sim.log.list().length;
    const rds = new RDSClient({ endpoint: sim.endpoints.aws, ...config });
    const kms = new KMSClient({ endpoint: sim.endpoints.aws, ...config });
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => rds.send(new DescribeDBInstancesCommand({}))),
      ...Array.from({ length: 8 }, () => kms.send(new ListKeysCommand({}))),
    ]);
    assert.equal(results.length, 16);
    const calls = sim.log.list().slice(since);
    for (const op of ['DescribeDBInstances', 'ListKeys']) {
      const mine = calls.filter((c) => c.operation === op);
      const throttled = mine.filter((c) => c.fault === 'throttle');
      assert.ok(throttled.length > 0, `${op} was throttled`);
      assert.ok(throttled.every((c) => c.status === 400));
      assert.equal(mine.filter((c) => c.status === 200).length, 8);
    }
  });
});
