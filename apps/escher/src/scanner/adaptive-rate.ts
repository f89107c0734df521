/** Tuning of one adaptive token bucket. Rates are calls per second. */
export interface AdaptiveRateOptions {
  /** Where slow start begins: conservative, so a scan never opens with a burst of throttles. */
  initialRate: number;
  minRate: number;
  maxRate: number;
  /** Slow start multiplies the rate by this after each second's worth of successful calls. */
  slowStartFactor: number;
  /** Once throttled, the rate creeps up by this fraction per second's worth of successes. */
  additiveFraction: number;
  /** A throttle multiplies the rate by this (multiplicative decrease). */
  decreaseFactor: number;
  /**
   * A throttle close to where the cloud throttled before (at most 1.5 × the ceiling) multiplies
   * the rate by this instead: the limit is known, the probe only went a little past it.
   */
  avoidanceDecreaseFactor: number;
  /** Burst the bucket may hold, in seconds of the current rate (at least one call). */
  burstSeconds: number;
  /** Calls the bucket holds at first: a small opening burst, like TCP's initial window. */
  initialBurst: number;
}

export const DEFAULT_ADAPTIVE_RATE: AdaptiveRateOptions = {
  initialRate: 10,
  minRate: 0.2,
  maxRate: 2000,
  slowStartFactor: 2,
  additiveFraction: 0.05,
  decreaseFactor: 0.5,
  avoidanceDecreaseFactor: 0.85,
  burstSeconds: 1,
  initialBurst: 10,
};

/** A snapshot of one bucket, for tests, progress and the benchmark. */
export interface AdaptiveRateState {
  rate: number;
  /** The rate slow start stops at: just under where the cloud last throttled us. */
  ceiling: number;
  slowStart: boolean;
  throttles: number;
}

/**
 * A token bucket whose refill rate adapts, TCP-style, to find and then hold the cloud's limit:
 * slow start doubles the rate per second's worth of successes; a throttle halves it and records
 * just under the throttled rate as a ceiling; slow start then climbs quickly back to the
 * ceiling and only creeps (additively) above it; a throttle near the ceiling cuts by 15 %. Only the first throttle of a "generation"
 * cuts, so a burst of in-flight calls throttled together counts as one signal.
 */
export class AdaptiveRate {
  private rate: number;
  private ceiling = Number.POSITIVE_INFINITY;
  private tokens: number;
  private refilledAt: number;
  private blockedUntil = 0;
  private successes = 0;
  private throttles = 0;
  private generation = 0;

  constructor(
    private readonly options: AdaptiveRateOptions,
    now: number,
  ) {
    this.rate = clamp(options.initialRate, options.minRate, options.maxRate);
    this.refilledAt = now;
    this.tokens = Math.max(1, options.initialBurst);
  }

  /**
   * Reserves one call. Returns how long to wait before making it (0 = now), the generation the
   * call belongs to (hand it back to `onThrottle`), and whether the bucket was what held it back
   * (hand that to `onSuccess`).
   */
  reserve(now: number): { waitMs: number; generation: number; limited: boolean } {
    this.refill(now);
    this.tokens -= 1;
    const debtMs = this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
    return {
      waitMs: Math.max(debtMs, this.blockedUntil - now, 0),
      generation: this.generation,
      limited: this.tokens < 1,
    };
  }

  /**
   * A call succeeded: grow the rate after each second's worth of successes. Only calls the bucket
   * held back count, so a family that is latency-bound (not rate-bound) does not inflate its rate
   * untested and then burst into the cloud's limit.
   */
  onSuccess(limited = true): void {
    if (!limited) return;
    this.successes++;
    if (this.successes < Math.max(1, Math.ceil(this.rate))) return;
    this.successes = 0;
    const { maxRate, slowStartFactor, additiveFraction } = this.options;
    const next =
      this.rate < this.ceiling
        ? Math.min(this.rate * slowStartFactor, Math.max(this.ceiling, this.rate * (1 + additiveFraction)))
        : this.rate * (1 + additiveFraction);
    this.rate = Math.min(next, maxRate);
  }

  /**
   * The cloud throttled a call made in `generation`: cut the rate (once per generation), drop
   * any burst, and pause the bucket for `retryAfterMs` when the cloud said how long.
   */
  onThrottle(now: number, generation: number, retryAfterMs: number | undefined): void {
    this.throttles++;
    this.refill(now);
    if (retryAfterMs !== undefined) this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterMs);
    this.tokens = Math.min(this.tokens, 0);
    if (generation !== this.generation) return;
    this.generation++;
    this.successes = 0;
    const { minRate } = this.options;
    // Halving at every throttle of a steady token bucket (IAM's 10/s) keeps the rate a fifth
    // under the limit on average: the additive probe crosses it every few seconds and each
    // crossing cost half a second's calls. Near a known ceiling a small cut is enough.
    const factor =
      Number.isFinite(this.ceiling) && this.rate <= this.ceiling * 1.5
        ? this.options.avoidanceDecreaseFactor
        : this.options.decreaseFactor;
    this.ceiling = Math.max(minRate, this.rate * (1 - (1 - factor) / 5));
    this.rate = Math.max(minRate, this.rate * factor);
  }

  /** The current rate, calls per second: the cloud-slot priority of this family's calls (lower first). */
  get pace(): number {
    return this.rate;
  }

  get state(): AdaptiveRateState {
    return {
      rate: this.rate,
      ceiling: this.ceiling,
      slowStart: this.rate < this.ceiling,
      throttles: this.throttles,
    };
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.refilledAt = now;
    const capacity = Math.max(1, this.rate * this.options.burstSeconds);
    this.tokens = Math.min(capacity, this.tokens + (elapsed / 1000) * this.rate);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
