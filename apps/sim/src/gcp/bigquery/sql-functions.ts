import { queryError } from './sql-lexer.ts';
import type { Pos } from './sql-parser.ts';
import {
  isoDay,
  parseDate,
  parseTimestamp,
  SqlDate,
  SqlInterval,
  SqlTimestamp,
  type Value,
} from './values.ts';

const DAY = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = {
  MICROSECOND: 0.001,
  MILLISECOND: 1,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY,
  WEEK: 7 * DAY,
};

/** Functions whose argument is a date part keyword (`DATE_TRUNC(d, MONTH)`), not a column. */
export const PART_ARGUMENT: Readonly<Record<string, number>> = {
  DATE_TRUNC: 1,
  TIMESTAMP_TRUNC: 1,
  DATE_DIFF: 2,
  TIMESTAMP_DIFF: 2,
};

function localDay(ms: number, timeZone: string | undefined, pos: Pos): string {
  if (!timeZone || timeZone === 'UTC') return isoDay(ms);
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(ms));
  } catch {
    throw queryError(`Invalid time zone: ${timeZone}`, pos);
  }
}

function toTimestamp(v: Value, pos: Pos): SqlTimestamp | null {
  if (v === null) return null;
  if (v instanceof SqlTimestamp) return v;
  if (v instanceof SqlDate) return new SqlTimestamp(v.ms);
  if (typeof v === 'string') {
    const ms = parseTimestamp(v);
    if (ms !== undefined) return new SqlTimestamp(ms);
  }
  throw queryError(`Could not cast ${JSON.stringify(v)} to TIMESTAMP`, pos);
}

function toDate(v: Value, pos: Pos, timeZone?: string): SqlDate | null {
  if (v === null) return null;
  if (v instanceof SqlDate) return v;
  if (v instanceof SqlTimestamp) return new SqlDate(localDay(v.ms, timeZone, pos));
  if (typeof v === 'string') {
    const d = parseDate(v);
    if (d) return d;
  }
  throw queryError(`Could not cast ${JSON.stringify(v)} to DATE`, pos);
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

function shiftDate(date: SqlDate, interval: Value, sign: number, pos: Pos): SqlDate {
  if (!(interval instanceof SqlInterval)) throw queryError('Expected an INTERVAL argument', pos);
  const n = interval.amount * sign;
  if (interval.unit === 'MONTH' || interval.unit === 'QUARTER' || interval.unit === 'YEAR') {
    return new SqlDate(
      addMonths(date.iso, n * (interval.unit === 'YEAR' ? 12 : interval.unit === 'QUARTER' ? 3 : 1)),
    );
  }
  const ms = UNIT_MS[interval.unit];
  if (ms === undefined || ms < DAY)
    throw queryError(`Unsupported date part ${interval.unit} for DATE arithmetic`, pos);
  return new SqlDate(isoDay(date.ms + n * ms));
}

function truncDate(iso: string, part: string, pos: Pos): string {
  const [y, m] = iso.split('-');
  switch (part) {
    case 'DAY':
      return iso;
    case 'WEEK': {
      const ms = Date.parse(`${iso}T00:00:00Z`);
      return isoDay(ms - new Date(ms).getUTCDay() * DAY);
    }
    case 'MONTH':
      return `${y}-${m}-01`;
    case 'QUARTER':
      return `${y}-${String(Math.floor((Number(m) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    case 'YEAR':
      return `${y}-01-01`;
    default:
      throw queryError(`Unsupported date part ${part}`, pos);
  }
}

function format(fmt: string, ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return fmt.replace(/%([YmdFHMSbBjTyeQ%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'F':
        return isoDay(ms);
      case 'H':
        return pad(d.getUTCHours());
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 'T':
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'b':
        return months[d.getUTCMonth()]!;
      case 'B':
        return new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(d);
      case 'Q':
        return String(Math.floor(d.getUTCMonth() / 3) + 1);
      case 'j':
        return pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY) + 1, 3);
      default:
        return '%';
    }
  });
}

function num(v: Value, name: string, pos: Pos): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw queryError(`No matching signature for function ${name} for argument types: ${typeof v}`, pos);
}

/** Scalar functions; `parts` carries date-part keywords for DATE_TRUNC and friends; `now` is the simulated clock. */
export function callScalar(name: string, args: Value[], parts: string[], now: number, pos: Pos): Value {
  const a = args;
  switch (name) {
    case 'DATE':
      if (a.length === 3) return new SqlDate(isoDay(Date.UTC(Number(a[0]), Number(a[1]) - 1, Number(a[2]))));
      return toDate(a[0] ?? null, pos, typeof a[1] === 'string' ? a[1] : undefined);
    case 'TIMESTAMP':
      return toTimestamp(a[0] ?? null, pos);
    case 'CURRENT_DATE':
      return new SqlDate(localDay(now, typeof a[0] === 'string' ? a[0] : undefined, pos));
    case 'CURRENT_TIMESTAMP':
      return new SqlTimestamp(now);
    case 'DATE_SUB':
    case 'DATE_ADD': {
      const d = toDate(a[0] ?? null, pos);
      return d && shiftDate(d, a[1] ?? null, name === 'DATE_ADD' ? 1 : -1, pos);
    }
    case 'TIMESTAMP_SUB':
    case 'TIMESTAMP_ADD': {
      const t = toTimestamp(a[0] ?? null, pos);
      const i = a[1];
      if (!t) return null;
      if (!(i instanceof SqlInterval) || UNIT_MS[i.unit] === undefined)
        throw queryError('Expected an INTERVAL of a time unit', pos);
      return new SqlTimestamp(t.ms + (name === 'TIMESTAMP_ADD' ? 1 : -1) * i.amount * UNIT_MS[i.unit]!);
    }
    case 'DATE_TRUNC': {
      const d = toDate(a[0] ?? null, pos);
      return d && new SqlDate(truncDate(d.iso, parts[0] ?? 'DAY', pos));
    }
    case 'TIMESTAMP_TRUNC': {
      const t = toTimestamp(a[0] ?? null, pos);
      if (!t) return null;
      const part = parts[0] ?? 'DAY';
      if (part === 'HOUR' || part === 'MINUTE' || part === 'SECOND')
        return new SqlTimestamp(Math.floor(t.ms / UNIT_MS[part]!) * UNIT_MS[part]!);
      return new SqlTimestamp(Date.parse(`${truncDate(isoDay(t.ms), part, pos)}T00:00:00Z`));
    }
    case 'DATE_DIFF':
    case 'TIMESTAMP_DIFF': {
      const x = name === 'DATE_DIFF' ? toDate(a[0] ?? null, pos)?.ms : toTimestamp(a[0] ?? null, pos)?.ms;
      const y = name === 'DATE_DIFF' ? toDate(a[1] ?? null, pos)?.ms : toTimestamp(a[1] ?? null, pos)?.ms;
      if (x === undefined || y === undefined) return null;
      return Math.trunc((x - y) / (UNIT_MS[parts[0] ?? 'DAY'] ?? DAY));
    }
    case 'FORMAT_DATE':
    case 'FORMAT_TIMESTAMP': {
      const v = a[1] ?? null;
      if (v === null) return null;
      const ms = name === 'FORMAT_DATE' ? toDate(v, pos)!.ms : toTimestamp(v, pos)!.ms;
      return format(String(a[0]), ms);
    }
    case 'PARSE_DATE': {
      const fmt = String(a[0]);
      const text = String(a[1] ?? '');
      const iso = fmt === '%Y%m%d' ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text;
      return parseDate(iso) ?? null;
    }
    case 'ROUND': {
      const x = num(a[0] ?? null, name, pos);
      const places = Number(a[1] ?? 0);
      return x === null ? null : Math.round(x * 10 ** places) / 10 ** places;
    }
    case 'ABS': {
      const x = num(a[0] ?? null, name, pos);
      return x === null ? null : Math.abs(x);
    }
    case 'SAFE_DIVIDE': {
      const x = num(a[0] ?? null, name, pos);
      const y = num(a[1] ?? null, name, pos);
      return x === null || y === null || y === 0 ? null : x / y;
    }
    case 'IFNULL':
      return a[0] ?? a[1] ?? null;
    case 'COALESCE':
      return a.find((v) => v !== null) ?? null;
    case 'NULLIF':
      return a[0] === a[1] ? null : (a[0] ?? null);
    case 'IF':
      return a[0] === true ? (a[1] ?? null) : (a[2] ?? null);
    case 'LOWER':
    case 'UPPER':
      return a[0] === null
        ? null
        : name === 'LOWER'
          ? String(a[0]).toLowerCase()
          : String(a[0]).toUpperCase();
    case 'CONCAT':
      return a.some((v) => v === null)
        ? null
        : a.map((v) => (v instanceof SqlDate ? v.iso : String(v))).join('');
    case 'SUBSTR': {
      if (a[0] === null) return null;
      const text = String(a[0]);
      const from = Number(a[1] ?? 1);
      const start = from > 0 ? from - 1 : Math.max(0, text.length + from);
      return a[2] === undefined ? text.slice(start) : text.slice(start, start + Number(a[2]));
    }
    default:
      throw queryError(`Function not found: ${name}`, pos);
  }
}
