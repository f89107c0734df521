import type { Cloud } from '@escher/protocol';
import type { CallContext, CallGate } from '@escher/provider-api';
import {
  AdaptiveRate,
  DEFAULT_ADAPTIVE_RATE,
  type AdaptiveRateOptions,
  type AdaptiveRateState,
} from './adaptive-rate.ts';
import { classifyFailure, isAbort, type FailureKind } from './call-outcome.ts';
import { Semaphore } from './semaphore.ts';

/** Milliseconds since the epoch; injected so tests control time. */
export interface LimiterClock {
  now(): number;
}

/** Waits `ms` (rejecting when `signal` aborts); injected so tests never really sleep. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** One attempt of one cloud call, as the limiter saw it. */
export interface CallEvent {
  cloud: Cloud;
  context: CallContext;
  /** API family (rate-limit bucket) the call drew from. */
  family: string;
  /** 0 for the first attempt. */
  attempt: number;
  outcome: 'ok' | FailureKind;
  /** True when the limiter will try again. */
  willRetry: boolean;
}

export interface RateLimiterOptions {
  clock?: LimiterClock;
  sleep?: Sleep;
  /** Uniform in [0, 1): the jitter source. */
  random?: () => number;
  /** Adaptive bucket tuning (calls per second). */
  rate?: Partial<AdaptiveRateOptions>;
  /** Retries after the first attempt, for throttles and transient errors alike. Default 8. */
  maxRetries?: number;
  /** Full-jitter backoff: a random wait in [0, min(maxBackoffMs, baseBackoffMs·2^attempt)). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Calls in flight per API family. Default 32: a call holds its slot until its response has
   * been handled, and on a busy event loop (p99 delays of seconds while a large sync parses
   * pages and writes scopes) 16 slots held IAM's 10/s bucket to a few calls a second.
   */
  maxInFlightPerFamily?: number;
  /**
   * Calls in flight per cloud, over all its families. Default 96: under the SDKs' socket pools
   * (the AWS provider keeps 128), so a call's paced slot is not then spent queueing for a socket.
   * Calls of the slowest-paced families take free slots first.
   */
  maxInFlightPerCloud?: number;
  /** Which bucket a call draws from. Default: cloud, account, region and API (the service the provider reports). */
  familyOf?: (cloud: Cloud, context: CallContext) => string;
  /** Every attempt, for counting and progress. */
  onCall?: (event: CallEvent) => void;
}

/** Totals over every gate of one limiter. */
export interface LimiterStats {
  /** Attempts sent to a cloud (retries included): the summary's `apiCalls`. */
  calls: number;
  throttled: number;
  retries: number;
  /** Calls that failed for good. */
  failed: number;
}

interface Family {
  rate: AdaptiveRate;
  slots: Semaphore;
}

/** The wall clock's sleep, cancellable. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The default API family: one bucket per cloud, account, region and API. */
export function defaultFamily(cloud: Cloud, context: CallContext): string {
  return `${cloud}:${context.account}:${context.region}:${context.service}`;
}

/**
 * A client-side rate limiter that paces every cloud call of a scan, one adaptive token bucket per
 * API family (cloud / account / region / API), so the scan runs at each cloud's limit: slow start
 * finds the limit, throttling (AWS `Throttling…`/`RequestLimitExceeded`/`SlowDown`, HTTP 429,
 * Azure 429 + `Retry-After`, GCP `RESOURCE_EXHAUSTED`/`rateLimitExceeded`) halves the rate and
 * honours `Retry-After`; throttled and transient (5xx, connection reset) calls are retried with
 * full-jitter backoff, up to `maxRetries`; anything else is thrown at once. Providers see it as a
 * `CallGate`.
 *
 * @example
 * const limiter = new RateLimiter();
 * for await (const page of provider.discover(scope, { gate: limiter.gate('aws') })) …
 */
export class RateLimiter {
  private readonly clock: LimiterClock;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly rateOptions: AdaptiveRateOptions;
  private readonly maxRetries: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxInFlight: number;
  private readonly familyOf: (cloud: Cloud, context: CallContext) => string;
  private readonly listeners: ((event: CallEvent) => void)[] = [];
  private readonly byFamily = new Map<string, Family>();
  private readonly byCloud = new Map<Cloud, Semaphore>();
  private readonly maxInFlightPerCloud: number;
  private readonly totals: LimiterStats = { calls: 0, throttled: 0, retries: 0, failed: 0 };

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.rateOptions = { ...DEFAULT_ADAPTIVE_RATE, ...options.rate };
    this.maxRetries = options.maxRetries ?? 8;
    this.baseBackoffMs = options.baseBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 20_000;
    this.maxInFlight = options.maxInFlightPerFamily ?? 32;
    this.maxInFlightPerCloud = options.maxInFlightPerCloud ?? 96;
    this.familyOf = options.familyOf ?? defaultFamily;
    if (options.onCall) this.listeners.push(options.onCall);
  }

  /**
   * The gate a provider of `cloud` gets; `signal` cancels waits and retries, `onCall` hears every
   * attempt made through this gate (a scan counts its own calls with it).
   */
  gate(cloud: Cloud, signal?: AbortSignal, onCall?: (event: CallEvent) => void): CallGate {
    return { run: (context, call) => this.run(cloud, context, call, signal, onCall) };
  }

  /** Adds a listener for every attempt; returns a function that removes it. */
  listen(listener: (event: CallEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  get stats(): LimiterStats {
    return { ...this.totals };
  }

  /** Every family's bucket, keyed by family. */
  families(): Record<string, AdaptiveRateState> {
    return Object.fromEntries([...this.byFamily].map(([key, f]) => [key, f.rate.state]));
  }

  /** Makes `call` under the family's pace, retrying throttles and transient failures. */
  async run<T>(
    cloud: Cloud,
    context: CallContext,
    call: () => Promise<T>,
    signal?: AbortSignal,
    onCall?: (event: CallEvent) => void,
  ): Promise<T> {
    const emit = (event: CallEvent): void => {
      onCall?.(event);
      for (const listener of this.listeners) listener(event);
    };
    const key = this.familyOf(cloud, context);
    const family = this.family(key);
    let cloudSlots = this.byCloud.get(cloud);
    if (!cloudSlots) this.byCloud.set(cloud, (cloudSlots = new Semaphore(this.maxInFlightPerCloud)));
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const release = await family.slots.acquire(signal);
      let retryInMs: number;
      try {
        const { waitMs, generation, limited } = family.rate.reserve(this.clock.now());
        if (waitMs > 0) await this.sleep(waitMs, signal);
        const releaseCloud = await cloudSlots.acquire(signal, this.slotDeadline(family.rate.pace, limited));
        this.totals.calls++;
        try {
          const result = await call().finally(releaseCloud);
          family.rate.onSuccess(limited);
          emit({ cloud, context, family: key, attempt, outcome: 'ok', willRetry: false });
          return result;
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          const failure = classifyFailure(error, this.clock.now());
          if (failure.kind === 'throttled') {
            this.totals.throttled++;
            family.rate.onThrottle(this.clock.now(), generation, failure.retryAfterMs);
          }
          const willRetry = failure.kind !== 'fatal' && attempt < this.maxRetries;
          emit({ cloud, context, family: key, attempt, outcome: failure.kind, willRetry });
          if (!willRetry) {
            this.totals.failed++;
            throw error;
          }
          this.totals.retries++;
          const jitter = this.random() * Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** attempt);
          retryInMs = Math.max(jitter, failure.retryAfterMs ?? 0);
        }
      } finally {
        release();
      }
      await this.sleep(retryInMs, signal);
    }
  }

  /**
   * When a call waiting for one of its cloud's slots is due (ms; earliest served first). The
   * binding bucket of a scan (IAM's 10/s say) is a slow family held back by its own bucket: a
   * moment it spends queued behind hundreds of page and per-item calls is time it never gets
   * back, so a held-back call is due 2 s before others, and every call is due later the faster
   * its family is paced (10 ms per call/s, at most 10 s): a family at r calls/s holds at most
   * r × latency slots, so serving slow families first costs the fast ones little. Deadlines
   * rather than fixed ranks, so that no family starves: a strict order by pace held IAM back for
   * 47 s behind families that sat at the initial pace while its own had crept above it.
   */
  private slotDeadline(pace: number, limited: boolean): number {
    return this.clock.now() + Math.min(pace, 1000) * 10 - (limited ? 2000 : 0);
  }

  private family(key: string): Family {
    let family = this.byFamily.get(key);
    if (!family) {
      family = {
        rate: new AdaptiveRate(this.rateOptions, this.clock.now()),
        slots: new Semaphore(this.maxInFlight),
      };
      this.byFamily.set(key, family);
    }
    return family;
  }
}
