import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFailure } from './call-outcome.ts';
import { RateLimiter } from './rate-limiter.ts';
import { VirtualTime } from './virtual-time.testing.ts';

const ctx = { account: '111122223333', region: 'eu-west-1', service: 'ec2', operation: 'DescribeInstances' };
const FAMILY = 'aws:111122223333:eu-west-1:ec2';

function awsError(name: string, status: number, headers?: Record<string, string>): Error {
  return Object.assign(new Error(`${name}: the cloud said no`), {
    name,
    $metadata: { httpStatusCode: status },
    ...(headers ? { $response: { statusCode: status, headers } } : {}),
  });
}

function setup(options: ConstructorParameters<typeof RateLimiter>[0] = {}) {
  const time = new VirtualTime();
  const limiter = new RateLimiter({
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    rate: { initialRate: 5, initialBurst: 1 },
    ...options,
  });
  const gate = limiter.gate('aws');
  return { time, limiter, gate, rate: () => limiter.families()[FAMILY]!.rate };
}

describe('RateLimiter', () => {
  it('slow start: begins conservative and doubles the rate per second of successful calls', async () => {
    const { time, gate, rate } = setup();
    const rates: number[] = [];
    await time.drive(
      (async () => {
        for (let i = 0; i < 5 + 10 + 20; i++) {
          await gate.run(ctx, async () => 'ok');
          rates.push(rate());
        }
      })(),
    );
    assert.equal(rates[3], 5, 'starts at the initial rate');
    assert.equal(rates[4], 10, 'after 5 successes (one second at 5/s)');
    assert.equal(rates[14], 20, 'after 10 more');
    assert.equal(rates[34], 40, 'after 20 more');
    // Paced, not bursting: 35 calls at 5, 10, 20 per second take about three seconds.
    assert.ok(time.now >= 2500 && time.now <= 3500, `took ${time.now} ms`);
  });

  it('a throttle halves the rate, and slow start climbs back only to just under it', async () => {
    const { time, gate, rate } = setup();
    await time.drive(
      (async () => {
        for (let i = 0; i < 15; i++) await gate.run(ctx, async () => 'ok');
      })(),
    );
    assert.equal(rate(), 20);
    // One call the cloud throttles once, then serves (its retry).
    const throttledOnce = (): Promise<unknown> => {
      let first = true;
      return time.drive(
        gate.run(ctx, async () => {
          if (first) {
            first = false;
            throw awsError('ThrottlingException', 400);
          }
          return 'ok';
        }),
      );
    };
    await throttledOnce();
    assert.equal(rate(), 10);
    await time.drive(
      (async () => {
        for (let i = 0; i < 100; i++) await gate.run(ctx, async () => 'ok');
      })(),
    );
    // Back to the ceiling (0.9 × 20) quickly, then creeping above it, never doubling past it.
    const probed = rate();
    assert.ok(probed >= 18 && probed < 30, `rate ${probed}`);

    // Throttled again near that ceiling: the limit is known, so the cut is 15 %, not half.
    await throttledOnce();
    assert.ok(Math.abs(rate() - probed * 0.85) < 1e-9, `rate ${rate()} after ${probed}`);
  });

  it('honours Retry-After before the retry and pauses the whole family', async () => {
    const { time, gate } = setup();
    const attempts: number[] = [];
    const result = await time.drive(
      gate.run(ctx, async () => {
        attempts.push(time.now);
        if (attempts.length === 1) throw awsError('TooManyRequestsException', 429, { 'retry-after': '3' });
        return 'done';
      }),
    );
    assert.equal(result, 'done');
    assert.equal(attempts.length, 2);
    assert.ok(attempts[1]! - attempts[0]! >= 3000, `retried after ${attempts[1]! - attempts[0]!} ms`);
  });

  it('gives up after N retries with the last error', async () => {
    const { time, gate, limiter } = setup({ maxRetries: 3 });
    let n = 0;
    const failing = gate.run(ctx, async () => {
      n++;
      throw awsError('InternalError', 500);
    });
    await assert.rejects(
      time.drive(failing),
      (error: Error) => error.message === 'InternalError: the cloud said no',
    );
    assert.equal(n, 4, 'one attempt and three retries');
    assert.deepEqual(limiter.stats, { calls: 4, throttled: 0, retries: 3, failed: 1 });
  });

  it('retries connection resets with growing full-jitter backoff', async () => {
    const { time, gate } = setup({ baseBackoffMs: 100, random: () => 0.99 });
    const attempts: number[] = [];
    await time.drive(
      gate.run(ctx, async () => {
        attempts.push(time.now);
        if (attempts.length < 4) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return 'ok';
      }),
    );
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    assert.ok(gaps[0]! >= 99 && gaps[1]! >= 198 && gaps[2]! >= 396, `gaps ${gaps.join(', ')}`);
  });

  it('throws non-retryable errors at once', async () => {
    const { time, gate } = setup();
    let n = 0;
    await assert.rejects(
      time.drive(
        gate.run(ctx, async () => {
          n++;
          throw awsError('AccessDenied', 403);
        }),
      ),
      /AccessDenied/,
    );
    assert.equal(n, 1);
  });

  it("when the cloud's slots are full, a call its family's limit held back goes first", async () => {
    const { time, gate } = setup({ maxInFlightPerCloud: 1, rate: { initialRate: 2, initialBurst: 2 } });
    const at = (service: string): typeof ctx => ({ ...ctx, service });
    const started: string[] = [];
    const call = (name: string, ms: number) => async (): Promise<string> => {
      started.push(name);
      await time.sleep(ms);
      return name;
    };
    await time.drive(
      Promise.all([
        gate.run(at('hold'), call('hold', 1000)),
        // Queued behind it: the first call of a family with burst to spare, then an IAM family
        // whose second call finds its bucket empty (it runs at its limit).
        gate.run(at('ec2'), call('ec2-1', 10)),
        gate.run(at('iam'), call('iam-1', 10)),
        gate.run(at('iam'), call('iam-2', 10)),
      ]),
    );
    assert.deepEqual(started, ['hold', 'iam-2', 'ec2-1', 'iam-1']);
  });

  it("when the cloud's slots are full, calls of the slowest-paced family go first", async () => {
    const { time, limiter, gate } = setup({
      maxInFlightPerCloud: 1,
      maxRetries: 0,
      rate: { initialRate: 10 },
    });
    const at = (service: string): typeof ctx => ({ ...ctx, service });
    // IAM was throttled once (its rate halved); S3 still runs at the initial rate.
    await time.drive(
      gate
        .run(at('iam'), async () => {
          throw awsError('Throttling', 400);
        })
        .catch(() => undefined),
    );
    assert.ok(limiter.families()[`aws:${ctx.account}:${ctx.region}:iam`]!.rate < 10);
    const started: string[] = [];
    const call = (name: string, ms: number) => async (): Promise<string> => {
      started.push(name);
      await time.sleep(ms);
      return name;
    };
    await time.drive(
      Promise.all([
        gate.run(at('hold'), call('hold', 1000)),
        gate.run(at('s3'), call('s3-1', 10)),
        gate.run(at('s3'), call('s3-2', 10)),
        gate.run(at('iam'), call('iam', 10)),
      ]),
    );
    assert.deepEqual(started, ['hold', 'iam', 's3-1', 's3-2']);
  });

  it('a slower-paced family goes first only by a bounded head start, so no family starves', async () => {
    const { time, gate } = setup({ maxInFlightPerCloud: 1, maxRetries: 0, rate: { initialRate: 10 } });
    const at = (service: string): typeof ctx => ({ ...ctx, service });
    await time.drive(
      gate
        .run(at('iam'), async () => {
          throw awsError('Throttling', 400);
        })
        .catch(() => undefined),
    );
    // IAM's bucket refills: its next call is not held back, only slower-paced.
    await time.drive(time.sleep(2000));
    const started: string[] = [];
    const call = (name: string, ms: number) => async (): Promise<string> => {
      started.push(name);
      await time.sleep(ms);
      return name;
    };
    // IAM (5/s) is due 50 ms before S3 (10/s) is; its call comes 100 ms after S3's.
    await time.drive(
      Promise.all([
        gate.run(at('hold'), call('hold', 1000)),
        gate.run(at('s3'), call('s3', 10)),
        time.sleep(100).then(() => gate.run(at('iam'), call('iam', 10))),
      ]),
    );
    assert.deepEqual(started, ['hold', 's3', 'iam']);
  });

  it('runs at the cloud limit: close to the server bucket rate, few throttles', async () => {
    // The server: a token bucket of 20 calls refilled at 20/s, as EC2 describes are.
    const time = new VirtualTime();
    const limiter = new RateLimiter({ clock: time.clock, sleep: time.sleep, random: () => 0.5 });
    // Default tuning: a small opening burst, slow start from 10/s.
    const gate = limiter.gate('aws');
    let tokens = 20;
    let refilledAt = 0;
    const server = async (): Promise<string> => {
      tokens = Math.min(20, tokens + ((time.now - refilledAt) / 1000) * 20);
      refilledAt = time.now;
      if (tokens < 1) throw awsError('RequestLimitExceeded', 503);
      tokens -= 1;
      return 'ok';
    };
    const calls = 1200;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < calls) {
        next++;
        await gate.run(ctx, server);
      }
    };
    await time.drive(Promise.all(Array.from({ length: 8 }, worker)));
    const ideal = ((calls - 20) / 20) * 1000;
    const { throttled } = limiter.stats;
    assert.ok(time.now <= ideal * 1.25, `took ${time.now} ms, ideal ${ideal} ms`);
    assert.ok(throttled / calls < 0.1, `${throttled} throttles in ${calls} calls`);
  });
});

describe('classifyFailure', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const cases: [string, unknown, string, number | undefined][] = [
    ['AWS RequestLimitExceeded', awsError('RequestLimitExceeded', 503), 'throttled', undefined],
    ['AWS Throttling', awsError('Throttling', 400), 'throttled', undefined],
    ['AWS SlowDown', awsError('SlowDown', 503), 'throttled', undefined],
    ['plain 429 statusCode', { statusCode: 429, message: 'Too Many Requests' }, 'throttled', undefined],
    [
      'Azure 429 with Retry-After',
      {
        name: 'RestError',
        statusCode: 429,
        response: { status: 429, headers: new Headers({ 'Retry-After': '7' }) },
      },
      'throttled',
      7000,
    ],
    [
      'Retry-After as a date',
      { status: 429, response: { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } } },
      'throttled',
      5000,
    ],
    ['GCP RESOURCE_EXHAUSTED (gRPC 8)', { code: 8, details: 'Quota exceeded' }, 'throttled', undefined],
    [
      'GCP rateLimitExceeded',
      { code: 403, errors: [{ reason: 'x' }], reason: 'rateLimitExceeded' },
      'throttled',
      undefined,
    ],
    ['AWS 500', awsError('InternalError', 500), 'retryable', undefined],
    ['ECONNRESET', { code: 'ECONNRESET' }, 'retryable', undefined],
    ['AWS AccessDenied', awsError('AccessDenied', 403), 'fatal', undefined],
    ['validation', awsError('InvalidParameterValue', 400), 'fatal', undefined],
  ];
  for (const [label, error, kind, retryAfterMs] of cases) {
    it(label, () => {
      const failure = classifyFailure(error, now);
      assert.equal(failure.kind, kind);
      assert.equal(failure.retryAfterMs, retryAfterMs);
    });
  }

  it('reads an Escher error wrapping the SDK error (as the GCP provider throws inside the gate)', async () => {
    const { OperationalError, UserError } = await import('@escher/protocol');
    const wrapped = new OperationalError('gcp-throttled', 'Quota exceeded', { details: { status: 429 } });
    assert.equal(classifyFailure(wrapped, now).kind, 'throttled');
    const denied = new UserError('gcp-permission-denied', 'no', { details: { status: 403 } });
    assert.equal(classifyFailure(denied, now).kind, 'fatal');
    const notRetryable = new OperationalError('x', 'y', { retryable: false, details: { status: 503 } });
    assert.equal(classifyFailure(notRetryable, now).kind, 'fatal');
  });
});
