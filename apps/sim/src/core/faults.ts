import { z } from 'zod';
import { CloudSchema } from '@escher/protocol';
import type { CallInfo } from './call.ts';
import { defaultBucket, type BucketSpec } from './rate-limits.ts';
import { Rng } from './rng.ts';
import { TokenBucket } from './token-bucket.ts';

export const OutageSchema = z.object({
  cloud: CloudSchema.optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  service: z.string().optional(),
});
export type Outage = z.infer<typeof OutageSchema>;

/** Faults on demand: set by flags at start and by `POST /_sim/faults` at run time. */
export const FaultConfigSchema = z.object({
  /** Added to every call, in real milliseconds. */
  latencyMs: z.number().min(0).max(60_000).default(0),
  /** Probability of a 5xx in the cloud's own shape. */
  errorRate: z.number().min(0).max(1).default(0),
  /** `realistic` uses each cloud's documented limits; `scale` multiplies capacity and refill. */
  rateLimits: z
    .object({ enabled: z.boolean().default(true), scale: z.number().positive().default(1) })
    .default({ enabled: true, scale: 1 }),
  outages: z.array(OutageSchema).default([]),
  pagination: z
    .object({
      /** Caps every page at this many items, whatever the client asked. */
      maxPageSize: z.number().int().positive().optional(),
      /** Every Nth page comes back empty but with a next token. */
      emptyPageEvery: z.number().int().min(2).optional(),
    })
    .default({}),
  seed: z.number().int().default(1),
});
export type FaultConfig = z.infer<typeof FaultConfigSchema>;
export type FaultConfigInput = z.input<typeof FaultConfigSchema>;

export type FaultDecision =
  | { kind: 'ok'; bucket: BucketSpec; remaining: number | undefined }
  | { kind: 'outage'; bucket: BucketSpec }
  | { kind: 'throttle'; bucket: BucketSpec; retryAfterSeconds: number }
  | { kind: 'error'; bucket: BucketSpec };

/** Decides, per call, whether the simulator serves it or injects a fault. */
export class FaultInjector {
  private config: FaultConfig;
  private buckets = new Map<string, TokenBucket>();
  private rng: Rng;

  constructor(
    input: FaultConfigInput = {},
    private readonly wallClock: () => number = Date.now,
  ) {
    this.config = FaultConfigSchema.parse(input);
    this.rng = new Rng(this.config.seed);
  }

  get current(): FaultConfig {
    return this.config;
  }

  /** Replaces the configuration (fields not given take their defaults) and resets the buckets. */
  set(input: FaultConfigInput): FaultConfig {
    this.config = FaultConfigSchema.parse(input);
    this.buckets.clear();
    this.rng = new Rng(this.config.seed);
    return this.config;
  }

  /** The bucket a call draws from under the current scale. */
  bucketFor(call: CallInfo): BucketSpec {
    const spec = defaultBucket(call);
    const { scale } = this.config.rateLimits;
    return {
      key: spec.key,
      capacity: Math.max(1, spec.capacity * scale),
      refillPerSecond: spec.refillPerSecond * scale,
    };
  }

  decide(call: CallInfo): FaultDecision {
    const bucket = this.bucketFor(call);
    if (this.config.outages.some((o) => matchesOutage(o, call))) return { kind: 'outage', bucket };
    let remaining: number | undefined;
    if (this.config.rateLimits.enabled) {
      let tb = this.buckets.get(bucket.key);
      if (!tb) {
        tb = new TokenBucket(bucket.capacity, bucket.refillPerSecond, this.wallClock());
        this.buckets.set(bucket.key, tb);
      }
      const taken = tb.take(this.wallClock());
      if (!taken.ok) return { kind: 'throttle', bucket, retryAfterSeconds: taken.retryAfterSeconds };
      remaining = taken.remaining;
    }
    if (this.config.errorRate > 0 && this.rng.chance(this.config.errorRate)) return { kind: 'error', bucket };
    return { kind: 'ok', bucket, remaining };
  }
}

function matchesOutage(outage: Outage, call: CallInfo): boolean {
  return (
    (outage.cloud === undefined || outage.cloud === call.cloud) &&
    (outage.account === undefined || outage.account === call.account) &&
    (outage.region === undefined || outage.region === call.region) &&
    (outage.service === undefined || outage.service === call.service)
  );
}
