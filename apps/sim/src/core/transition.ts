import type { SimClock } from './clock.ts';

/**
 * A pending state change that completes at a simulated time (an instance `stopping` becomes
 * `stopped` at `at`). Records carry one and `settle` applies it lazily whenever they are read, so
 * no timers run and the clock alone decides.
 */
export interface PendingTransition<S extends string> {
  to: S;
  at: number;
}

export interface Transitional<S extends string> {
  state: S;
  pending?: PendingTransition<S> | undefined;
}

/** Applies a due transition in place; returns the record for chaining. */
export function settle<S extends string, T extends Transitional<S>>(record: T, clock: SimClock): T {
  if (record.pending && record.pending.at <= clock.now()) {
    record.state = record.pending.to;
    record.pending = undefined;
  }
  return record;
}

/** Starts a transition: the state becomes `via` now and `to` after `durationMs`. */
export function begin<S extends string>(
  record: Transitional<S>,
  via: S,
  to: S,
  durationMs: number,
  clock: SimClock,
): void {
  record.state = via;
  record.pending = durationMs <= 0 ? undefined : { to, at: clock.now() + durationMs };
  if (durationMs <= 0) record.state = to;
}
