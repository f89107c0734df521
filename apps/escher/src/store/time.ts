import { UserError } from '@escher/protocol';
import type { TimeInput } from './store.types.ts';

/** Milliseconds since the epoch for a time given as ISO text, Date or number. */
export function toEpochMs(time: TimeInput): number {
  const ms = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (!Number.isFinite(ms)) {
    throw new UserError('invalid-time', `Not a valid time: ${String(time)}.`, {
      hint: 'Use ISO 8601, e.g. 2026-11-21T09:00:00Z.',
    });
  }
  return ms;
}

/** ISO 8601 text for an epoch-ms column. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
