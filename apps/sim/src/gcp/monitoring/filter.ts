import { GcpError } from '../errors.ts';

/** What a Monitoring filter selects on. */
export interface SeriesSelector {
  metricType: string;
  resourceType: string;
  metricLabels: Record<string, string>;
  resourceLabels: Record<string, string>;
  project: string;
}

type Matcher = (value: string | undefined) => boolean;
type Term = { field: string; matcher: Matcher };

function badFilter(text: string, why: string): GcpError {
  return new GcpError(400, 'badRequest', `Field filter had an invalid value of "${text}": ${why}`);
}

function fieldValue(s: SeriesSelector, field: string): string | undefined {
  if (field === 'metric.type') return s.metricType;
  if (field === 'resource.type') return s.resourceType;
  if (field === 'project') return s.project;
  const m = /^(metric|resource)\.labels?\.([A-Za-z0-9_]+)$/.exec(field);
  if (m) return m[1] === 'metric' ? s.metricLabels[m[2]!] : s.resourceLabels[m[2]!];
  return undefined;
}

/** Reads `"…"` strings and bare words from a function's argument list. */
function args(text: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[0] !== '') out.push(m[1] ?? m[2] ?? '');
  return out;
}

function matcherFor(raw: string, filter: string): Matcher {
  const fn = /^([a-z_.]+)\((.*)\)$/s.exec(raw);
  if (!fn) {
    const value = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    return (v) => v === value;
  }
  const list = args(fn[2]!);
  switch (fn[1]) {
    case 'one_of':
      return (v) => v !== undefined && list.includes(v);
    case 'starts_with':
      return (v) => v !== undefined && v.startsWith(list[0] ?? '');
    case 'ends_with':
      return (v) => v !== undefined && v.endsWith(list[0] ?? '');
    case 'has_substring':
      return (v) => v !== undefined && v.includes(list[0] ?? '');
    case 'monitoring.regex.full_match': {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${list[0] ?? ''})$`);
      } catch {
        throw badFilter(filter, 'invalid regular expression');
      }
      return (v) => v !== undefined && re.test(v);
    }
    default:
      throw badFilter(filter, `unknown function ${fn[1]}`);
  }
}

/**
 * Compiles a Cloud Monitoring filter: `metric.type = "…" AND resource.labels.instance_id = "123"`,
 * with `!=`, `one_of(…)`, `starts_with(…)`, `ends_with(…)`, `has_substring(…)` and
 * `monitoring.regex.full_match(…)`. Returns the metric type it requires and the predicate.
 */
export function compileSeriesFilter(text: string | null): {
  metricType: string;
  test(s: SeriesSelector): boolean;
} {
  const filter = (text ?? '').trim();
  if (!filter) throw badFilter('', 'the filter is empty');
  const termRe =
    /\s*([A-Za-z_.0-9]+)\s*(!=|=)\s*("(?:[^"\\]|\\.)*"|[a-z_.]+\((?:"(?:[^"\\]|\\.)*"|[^)"])*\)|[^\s()"]+)\s*(?:AND\b|$)?/gy;
  const terms: Term[] = [];
  let metricType: string | undefined;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while (consumed < filter.length && (m = termRe.exec(filter)) !== null) {
    consumed = termRe.lastIndex;
    const [, field, op, raw] = m;
    if (!/^(metric\.type|resource\.type|project|(metric|resource)\.labels?\.[A-Za-z0-9_]+)$/.test(field!))
      throw badFilter(filter, `unknown selector ${field}`);
    const inner = matcherFor(raw!, filter);
    const matcher: Matcher = op === '!=' ? (v) => !inner(v) : inner;
    if (field === 'metric.type' && op === '=' && raw!.startsWith('"')) metricType = raw!.slice(1, -1);
    terms.push({ field: field!, matcher });
  }
  if (consumed < filter.length || terms.length === 0) throw badFilter(filter, 'could not parse the filter');
  if (!metricType) throw badFilter(filter, 'a filter must select one metric type with metric.type = "…"');
  return { metricType, test: (s) => terms.every((t) => t.matcher(fieldValue(s, t.field))) };
}
