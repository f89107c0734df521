import type { IntentPeriod } from '@escher/protocol';

/** A time phrase found in a request, with where it was, so the parser can blank it out. */
export interface TimeMatch {
  period: IntentPeriod;
  index: number;
  length: number;
  /** Said of creation ("created in the last 7 days", "launched since Monday"): a createdAt condition. */
  created: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: HOUR, day: DAY, week: 7 * DAY };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  thirty: 30,
};

/** A count written as digits or a small number word ("3", "three"). */
export function countOf(text: string): number | undefined {
  const n = /^\d+$/.test(text) ? Number(text) : NUMBER_WORDS[text.toLowerCase()];
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const startOfDay = (ms: number): number => ms - (ms % DAY);
function startOfMonth(ms: number, back = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}
function startOfWeek(ms: number): number {
  // Weeks start on Monday (ISO 8601), which is what "this week" means in ops reports.
  const day = (new Date(ms).getUTCDay() + 6) % 7;
  return startOfDay(ms) - day * DAY;
}
const period = (from: number, to: number, label: string): IntentPeriod => ({
  from: iso(from),
  to: iso(to),
  label,
});

const COUNT = String.raw`(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty)`;
const NUMBER_UNIT = String.raw`(minute|hour|day|week|month|year)s?`;

interface Rule {
  re: RegExp;
  range: (m: RegExpExecArray, now: number) => IntentPeriod | undefined;
}

/** Rules tried in order over the request; each range is [from, to) in UTC, `to` at most `now`. */
const RULES: readonly Rule[] = [
  {
    re: new RegExp(
      String.raw`\b(?:in |over |during |for |within )?(?:the )?(?:last|past|previous) ${COUNT} ${NUMBER_UNIT}\b`,
      'gi',
    ),
    range: (m, now) => {
      const n = countOf(m[1]!) ?? 1;
      const unit = m[2]!.toLowerCase();
      if (unit === 'month') return period(startOfMonth(now, n) + (now - startOfMonth(now)), now, m[0].trim());
      if (unit === 'year')
        return period(
          Date.UTC(
            new Date(now).getUTCFullYear() - n,
            new Date(now).getUTCMonth(),
            new Date(now).getUTCDate(),
          ),
          now,
          m[0].trim(),
        );
      return period(now - n * UNIT_MS[unit]!, now, m[0].trim());
    },
  },
  {
    re: /\b(?:in |over |during |for )?(?:the )?(last|past|previous) (hour|day|week|month|quarter|year)\b/gi,
    range: (m, now) => {
      const rolling = m[1]!.toLowerCase() === 'past';
      const unit = m[2]!.toLowerCase();
      const label = m[0].trim();
      if (unit === 'hour' || unit === 'day') return period(now - UNIT_MS[unit]!, now, label);
      if (unit === 'week') {
        return rolling
          ? period(now - 7 * DAY, now, label)
          : period(startOfWeek(now) - 7 * DAY, startOfWeek(now), label);
      }
      if (unit === 'month') {
        return rolling
          ? period(startOfMonth(now, 1) + (now - startOfMonth(now)), now, label)
          : period(startOfMonth(now, 1), startOfMonth(now), label);
      }
      if (unit === 'quarter') {
        const q = startOfMonth(now, new Date(now).getUTCMonth() % 3);
        return period(startOfMonth(q, 3), q, label);
      }
      const year = new Date(now).getUTCFullYear();
      return rolling
        ? period(Date.UTC(year - 1, new Date(now).getUTCMonth(), new Date(now).getUTCDate()), now, label)
        : period(Date.UTC(year - 1, 0, 1), Date.UTC(year, 0, 1), label);
    },
  },
  {
    re: /\b(?:for |in |during )?(?:this|the current) (week|month|quarter|year)(?: so far| to date)?\b|\b(month|year)[- ]to[- ]date\b|\b(mtd|ytd)\b/gi,
    range: (m, now) => {
      const unit = (m[1] ?? m[2] ?? (m[3]?.toLowerCase() === 'ytd' ? 'year' : 'month')).toLowerCase();
      const label = m[0].trim();
      if (unit === 'week') return period(startOfWeek(now), now, label);
      if (unit === 'month') return period(startOfMonth(now), now, label);
      if (unit === 'quarter') return period(startOfMonth(now, new Date(now).getUTCMonth() % 3), now, label);
      return period(Date.UTC(new Date(now).getUTCFullYear(), 0, 1), now, label);
    },
  },
  {
    re: /\b(today|yesterday)\b/gi,
    range: (m, now) =>
      m[1]!.toLowerCase() === 'today'
        ? period(startOfDay(now), now, m[0])
        : period(startOfDay(now) - DAY, startOfDay(now), m[0]),
  },
  {
    re: new RegExp(
      String.raw`\bsince (?:last )?(${WEEKDAYS.join('|')}|yesterday|\d{4}-\d{2}-\d{2}|(?:${MONTHS.join('|')})(?: \d{1,2})?)\b`,
      'gi',
    ),
    range: (m, now) => {
      const what = m[1]!.toLowerCase();
      const label = m[0].trim();
      if (what === 'yesterday') return period(startOfDay(now) - DAY, now, label);
      if (/^\d{4}-/.test(what)) return period(Date.parse(`${what}T00:00:00Z`), now, label);
      const weekday = WEEKDAYS.indexOf(what);
      if (weekday >= 0) {
        // The most recent such day, today included: "since Monday" said on a Monday means today.
        const back = (new Date(now).getUTCDay() - weekday + 7) % 7;
        return period(startOfDay(now) - back * DAY, now, label);
      }
      const [name, day] = what.split(' ');
      return period(monthStart(MONTHS.indexOf(name!), now) + (Number(day ?? 1) - 1) * DAY, now, label);
    },
  },
  {
    re: new RegExp(String.raw`\b(?:in|during|for) (${MONTHS.join('|')})(?: (\d{4}))?\b`, 'gi'),
    range: (m, now) => {
      const month = MONTHS.indexOf(m[1]!.toLowerCase());
      const from = m[2] ? Date.UTC(Number(m[2]), month, 1) : monthStart(month, now);
      const d = new Date(from);
      return period(from, Math.min(now, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)), m[0].trim());
    },
  },
];

/** The most recent start of a month (this year's, or last year's when it is still ahead). */
function monthStart(month: number, now: number): number {
  const year = new Date(now).getUTCFullYear();
  const start = Date.UTC(year, month, 1);
  return start > now ? Date.UTC(year - 1, month, 1) : start;
}

const CREATED_BEFORE =
  /\b(?:created|launched|provisioned|added|built|made|new|spun up|deployed)\s+(?:\w+\s+)?$/i;

/**
 * Finds the time phrases of a request: "last 24 hours", "this month", "last month", "since
 * Monday", "yesterday", "in October", "month over month" (this month and last month). Ranges are
 * computed from the injected `now`, in UTC, so a parse is reproducible.
 */
export function findTimePhrases(text: string, now: Date): TimeMatch[] {
  const at = now.getTime();
  const found: TimeMatch[] = [];
  const taken = (index: number, length: number): boolean =>
    found.some((f) => index < f.index + f.length && f.index < index + length);
  const mom = /\b(month|week)[- ]over[- ]\1\b/i.exec(text);
  if (mom) {
    const unit = mom[1]!.toLowerCase();
    const current =
      unit === 'month'
        ? period(startOfMonth(at), at, `this ${unit}`)
        : period(startOfWeek(at), at, `this ${unit}`);
    const previous =
      unit === 'month'
        ? period(startOfMonth(at, 1), startOfMonth(at), `last ${unit}`)
        : period(startOfWeek(at) - 7 * DAY, startOfWeek(at), `last ${unit}`);
    found.push({ period: current, index: mom.index, length: mom[0].length, created: false });
    found.push({ period: previous, index: mom.index, length: 0, created: false });
  }
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (taken(m.index, m[0].length)) continue;
      const range = rule.range(m, at);
      if (!range) continue;
      const created = CREATED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index));
      found.push({ period: range, index: m.index, length: m[0].length, created });
    }
  }
  return found.sort((a, b) => a.index - b.index || b.length - a.length);
}

/** The instant `n` units before `now`, for "older than 30 days". */
export function before(now: Date, n: number, unit: string): string {
  const u = unit.toLowerCase().replace(/s$/, '');
  if (u === 'month')
    return iso(startOfMonth(now.getTime(), n) + (now.getTime() - startOfMonth(now.getTime())));
  if (u === 'year') return iso(now.getTime() - 365 * n * DAY);
  return iso(now.getTime() - n * (UNIT_MS[u] ?? DAY));
}
