import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { RunningSimulator } from '../../server.ts';
import { awsClient } from '../../testing/aws-sdk.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';

describe('EC2 under faults, through the SDK’s own retries', () => {
  let sim: RunningSimulator;
  const client = (region: string, maxAttempts?: number): EC2Client =>
    awsClient(EC2Client, sim, region, maxAttempts ? { maxAttempts } : {});

  before(async () => {
    sim = await startTestSimulator();
  });
  after(() => sim.close());

  it('a burst under tight rate limits is throttled (RequestLimitExceeded) and the SDK retries absorb it', async () => {
    // Scale 0.05: a bucket of 5 calls refilled at one call a second.
    sim.faults.set({ rateLimits: { enabled: true, scale: 0.05 } });
    const since = sim.log.lastSeq;
    const ec2 = client('us-east-1', 10);
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }))),
      );
      assert.equal(results.length, 8);
      assert.ok(results.every((r) => r.$metadata.httpStatusCode === 200));
      assert.ok(
        results.some((r) => (r.$metadata.attempts ?? 1) > 1),
        'some calls needed retries',
      );
      const calls = sim.log.list(since).filter((c) => c.operation === 'DescribeInstances');
      const throttled = calls.filter((c) => c.fault === 'throttle');
      assert.ok(throttled.length > 0, 'the call log shows throttled calls');
      assert.ok(throttled.every((c) => c.status === 503));
      assert.equal(calls.filter((c) => !c.fault).length, 8, 'every call eventually served');
    } finally {
      ec2.destroy();
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('the throttling error is EC2’s own RequestLimitExceeded', async () => {
    sim.faults.set({ rateLimits: { enabled: true, scale: 0.01 } });
    const ec2 = client('us-east-1', 1);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 4 }, () => ec2.send(new DescribeInstancesCommand({}))),
      );
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      assert.ok(rejected.length > 0);
      assert.equal((rejected[0]!.reason as Error).name, 'RequestLimitExceeded');
    } finally {
      ec2.destroy();
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('an EC2 outage in one region answers 503 there while other regions work', async () => {
    sim.faults.set({
      rateLimits: { enabled: false },
      outages: [{ cloud: 'aws', region: 'eu-west-1', service: 'ec2' }],
    });
    const down = client('eu-west-1', 2);
    const up = client('us-east-1');
    try {
      await assert.rejects(
        down.send(new DescribeInstancesCommand({})),
        (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
          assert.equal(error.$metadata?.httpStatusCode, 503);
          assert.equal(error.name, 'Unavailable');
          return true;
        },
      );
      const ok = await up.send(new DescribeInstancesCommand({}));
      assert.ok((ok.Reservations?.length ?? 0) > 0);
    } finally {
      down.destroy();
      up.destroy();
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });
});
