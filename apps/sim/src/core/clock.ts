/**
 * The simulator's clock. State transitions (stopping → stopped), long-running operations and
 * metric timestamps read it; tests advance it (`POST /_sim/clock`) instead of sleeping.
 */
export interface SimClock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
  /** Moves simulated time forward; never backwards. */
  advance(ms: number): void;
}

/** Wall-clock time plus whatever tests have advanced it by. */
export class OffsetClock implements SimClock {
  private offset = 0;
  constructor(private readonly wall: () => number = Date.now) {}
  now(): number {
    return this.wall() + this.offset;
  }
  advance(ms: number): void {
    if (ms > 0) this.offset += ms;
  }
}

/** A clock that only moves when told: for deterministic unit tests. */
export class ManualClock implements SimClock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (ms > 0) this.current += ms;
  }
}
