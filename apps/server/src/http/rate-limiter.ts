import type { Clock } from '../clock.ts';

/** Per-key request budget: `burst` at once, refilled at `perMinute`. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A token bucket per API key on an injected clock: each request takes one token, tokens refill
 * continuously, and a refused request learns how many whole seconds until the next token (the
 * `Retry-After` it is sent). Buckets live in memory only; a full bucket is dropped, so memory
 * stays bounded by the keys active within one refill period.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly limit: RateLimit,
  ) {
    this.refillPerMs = limit.perMinute / 60_000;
  }

  take(key: string): TakeResult {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const tokens = Math.min(
      this.limit.burst,
      bucket.tokens + Math.max(0, now - bucket.at) * this.refillPerMs,
    );
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    this.sweep(now);
    return { ok: true, remaining: Math.floor(tokens - 1) };
  }

  private sweep(now: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.refillPerMs >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
