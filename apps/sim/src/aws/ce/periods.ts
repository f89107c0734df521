import { AwsError } from '../protocol/aws-error.ts';

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` date as ms (UTC midnight); ValidationException otherwise. */
export function parseDay(value: unknown, field: string): number {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new AwsError('ValidationException', `${field} date is invalid. Valid format is: yyyy-MM-dd.`);
  }
  return ms;
}

/** `TimePeriod: { Start, End }` with End exclusive; Start must be before End. */
export function readPeriod(body: Record<string, unknown>): { start: number; end: number } {
  const period = body.TimePeriod as { Start?: unknown; End?: unknown } | undefined;
  if (!period || typeof period !== 'object')
    throw new AwsError('ValidationException', 'TimePeriod is required');
  const start = parseDay(period.Start, 'Start');
  const end = parseDay(period.End, 'End');
  if (start >= end)
    throw new AwsError('ValidationException', 'Start date (and hour) should be before end date (and hour)');
  return { start, end };
}

export type Granularity = 'DAILY' | 'MONTHLY';

export function readGranularity(value: unknown, fallback?: Granularity): Granularity {
  if (value === undefined && fallback) return fallback;
  if (value === 'DAILY' || value === 'MONTHLY') return value;
  if (value === 'HOURLY')
    throw new AwsError(
      'ValidationException',
      'Hourly granularity is only available for the last 14 days with hourly data enabled in Cost Explorer preferences',
    );
  throw new AwsError(
    'ValidationException',
    `Granularity ${String(value)} is invalid; valid values are DAILY and MONTHLY`,
  );
}

/** The [start, end) slices of a period: days, or calendar months clipped to the period. */
export function slices(
  start: number,
  end: number,
  granularity: Granularity,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let s = start; s < end;) {
    let next: number;
    if (granularity === 'DAILY') next = s + DAY;
    else {
      const d = new Date(s);
      next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    next = Math.min(next, end);
    out.push({ start: s, end: next });
    s = next;
  }
  return out;
}

export const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;
export { DAY };

/** CE's amount strings: plain decimals, up to 10 places. */
export function amount(n: number): string {
  const fixed = n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}
