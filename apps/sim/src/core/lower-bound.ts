import type { CallRecord } from './call.ts';

export interface LowerBound {
  /** The least wall time, in ms, in which these calls could have been served under the limits. */
  lowerBoundMs: number;
  /** The bucket that decides it. */
  bindingBucket: string | undefined;
  /** Calls that had to be made (served ones; throttled and failed retries excluded). */
  calls: number;
}

/**
 * The fastest a client could have made the successful calls in `records` without ever being
 * throttled: buckets drain in parallel, so the binding one is the bucket whose calls beyond its
 * burst capacity take longest to refill, plus one round of injected latency.
 */
export function computeLowerBound(
  records: readonly CallRecord[],
  bucketOf: (record: CallRecord) => { key: string; capacity: number; refillPerSecond: number },
  latencyMs = 0,
): LowerBound {
  const counts = new Map<string, { n: number; capacity: number; refill: number }>();
  let calls = 0;
  for (const record of records) {
    if (record.fault) continue;
    calls++;
    const spec = bucketOf(record);
    const entry = counts.get(spec.key) ?? { n: 0, capacity: spec.capacity, refill: spec.refillPerSecond };
    entry.n++;
    counts.set(spec.key, entry);
  }
  let worst = 0;
  let bindingBucket: string | undefined;
  for (const [key, { n, capacity, refill }] of counts) {
    const ms = (Math.max(0, n - capacity) / refill) * 1000;
    if (ms > worst || bindingBucket === undefined) {
      worst = Math.max(worst, ms);
      bindingBucket = key;
    }
  }
  return { lowerBoundMs: Math.round(worst + (calls > 0 ? latencyMs : 0)), bindingBucket, calls };
}
