/** A DATE value (`YYYY-MM-DD`). */
export class SqlDate {
  constructor(readonly iso: string) {}
  get ms(): number {
    return Date.parse(`${this.iso}T00:00:00Z`);
  }
}

/** A TIMESTAMP value (ms since the epoch, UTC). */
export class SqlTimestamp {
  constructor(readonly ms: number) {}
}

export class SqlInterval {
  constructor(
    readonly amount: number,
    readonly unit: string,
  ) {}
}

export type Value =
  | string
  | number
  | boolean
  | null
  | SqlDate
  | SqlTimestamp
  | SqlInterval
  | Value[]
  | { [key: string]: Value };
export type Row = { [key: string]: Value };

/** Parses BigQuery's timestamp literals: `2026-10-01`, `2026-10-01 00:00:00[.fff][ UTC|Z|+00[:00]]`, ISO 8601. */
export function parseTimestamp(text: string): number | undefined {
  let t = text.trim().replace(/ UTC$/i, 'Z');
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t += 'T00:00:00Z';
  t = t.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T');
  if (/[+-]\d{2}$/.test(t)) t += ':00';
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : undefined;
}

export function parseDate(text: string): SqlDate | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return Number.isFinite(Date.parse(`${iso}T00:00:00Z`)) ? new SqlDate(iso) : undefined;
}

/** A comparable primitive, with the coercions BigQuery applies to literals next to dates and timestamps. */
function comparable(v: Value, other: Value): number | string | boolean | null {
  if (v instanceof SqlTimestamp) return v.ms;
  if (v instanceof SqlDate) return other instanceof SqlTimestamp ? v.ms : v.iso;
  if (typeof v === 'string' && other instanceof SqlTimestamp) return parseTimestamp(v) ?? v;
  if (typeof v === 'string' && other instanceof SqlDate) return parseDate(v)?.iso ?? v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Three-way comparison; `null` when either side is NULL (SQL's unknown). */
export function compareValues(a: Value, b: Value): number | null {
  const x = comparable(a, b);
  const y = comparable(b, a);
  if (x === null || y === null) return null;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const xs = String(x);
  const ys = String(y);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}

/** Sort order with NULLs first, as BigQuery's ORDER BY … ASC. */
export function sortValues(a: Value, b: Value): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareValues(a, b) ?? 0;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
