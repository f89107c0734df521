import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallInfo, CallRecord } from './call.ts';
import { FaultInjector } from './faults.ts';
import { computeLowerBound } from './lower-bound.ts';

const describeInstances: CallInfo = {
  cloud: 'aws',
  service: 'ec2',
  operation: 'DescribeInstances',
  account: '111111111111',
  region: 'us-east-1',
  mutating: false,
};

describe('FaultInjector', () => {
  it("throttles EC2 reads beyond the bucket and refills at EC2's rate", () => {
    let now = 0;
    const faults = new FaultInjector({}, () => now);
    const decisions = Array.from({ length: 101 }, () => faults.decide(describeInstances).kind);
    assert.equal(decisions.filter((d) => d === 'ok').length, 100);
    assert.equal(decisions[100], 'throttle');
    now += 1000; // 20 tokens/s
    const after = Array.from({ length: 21 }, () => faults.decide(describeInstances).kind);
    assert.equal(after.filter((d) => d === 'ok').length, 20);
  });

  it('keeps buckets per account, region and read/write', () => {
    const faults = new FaultInjector({ rateLimits: { enabled: true, scale: 0.01 } }, () => 0);
    assert.equal(faults.decide(describeInstances).kind, 'ok');
    assert.equal(faults.decide(describeInstances).kind, 'throttle');
    assert.equal(faults.decide({ ...describeInstances, region: 'eu-west-1' }).kind, 'ok');
    assert.equal(
      faults.decide({ ...describeInstances, operation: 'StopInstances', mutating: true }).kind,
      'ok',
    );
  });

  it('answers outages for the matching scope only', () => {
    const faults = new FaultInjector({ outages: [{ cloud: 'aws', service: 'ec2', region: 'eu-west-1' }] });
    assert.equal(faults.decide({ ...describeInstances, region: 'eu-west-1' }).kind, 'outage');
    assert.equal(faults.decide(describeInstances).kind, 'ok');
  });

  it('injects 5xx at about the configured rate, deterministically by seed', () => {
    const run = (): number => {
      const faults = new FaultInjector({ errorRate: 0.2, rateLimits: { enabled: false }, seed: 9 });
      return Array.from({ length: 1000 }, () => faults.decide(describeInstances).kind).filter(
        (k) => k === 'error',
      ).length;
    };
    const errors = run();
    assert.ok(errors > 150 && errors < 250, `error count ${errors}`);
    assert.equal(run(), errors);
  });
});

describe('computeLowerBound', () => {
  it('is decided by the bucket whose calls beyond its burst take longest to refill', () => {
    const faults = new FaultInjector({}, () => 0);
    const records: CallRecord[] = Array.from({ length: 300 }, (_, seq) => ({
      ...describeInstances,
      seq,
      at: 0,
      durationMs: 1,
      status: 200,
    }));
    records.push({ ...records[0]!, fault: 'throttle' }); // retries do not count
    const bound = computeLowerBound(records, (r) => faults.bucketFor(r));
    assert.equal(bound.calls, 300);
    assert.equal(bound.lowerBoundMs, 10_000); // (300 - 100) / 20 per second
    assert.equal(bound.bindingBucket, 'aws:111111111111:us-east-1:ec2:read');
  });
});
