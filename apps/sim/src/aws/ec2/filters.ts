import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import type { Tags } from './state.ts';

/** The values a record has for one filter name (any one matching a filter value is a match). */
export type FilterValue =
  string | number | boolean | undefined | readonly (string | number | boolean | undefined)[];

/** Filter names a Describe call supports, each reading its values from a record. */
export type FilterTable<T> = Readonly<Record<string, (item: T) => FilterValue>>;

interface Compiled<T> {
  read: (item: T) => FilterValue;
  match: (value: string) => boolean;
}

/**
 * Applies EC2 `Filter.N.Name` / `Filter.N.Value.M`: filters are ANDed, a filter's values ORed;
 * values may use `*` and `?` wildcards. `tag:Key`, `tag-key` and `tag-value` work for every
 * record with tags. An unknown filter name is InvalidParameterValue, as in EC2.
 */
export function applyFilters<T>(
  params: QueryParams,
  list: Iterable<T>,
  table: FilterTable<T>,
  tagsOf?: (item: T) => Tags,
): T[] {
  const compiled = params.filters().map((f) => compile(f.name, f.values, table, tagsOf));
  if (compiled.length === 0) return Array.isArray(list) ? (list as T[]) : [...list];
  const out: T[] = [];
  outer: for (const item of list) {
    for (const filter of compiled) if (!matches(filter.read(item), filter.match)) continue outer;
    out.push(item);
  }
  return out;
}

function compile<T>(
  name: string,
  values: string[],
  table: FilterTable<T>,
  tagsOf?: (item: T) => Tags,
): Compiled<T> {
  const match = matcher(values);
  if (tagsOf && name.startsWith('tag:')) {
    const key = name.slice(4);
    return {
      read: (item) => {
        const tags = tagsOf(item);
        return Object.hasOwn(tags, key) ? tags[key] : undefined;
      },
      match,
    };
  }
  if (tagsOf && name === 'tag-key') return { read: (item) => Object.keys(tagsOf(item)), match };
  if (tagsOf && name === 'tag-value') return { read: (item) => Object.values(tagsOf(item)), match };
  const read = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!read) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
  return { read, match };
}

function matches(value: FilterValue, match: (value: string) => boolean): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => v !== undefined && match(String(v)));
  return match(String(value));
}

function matcher(values: readonly string[]): (value: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const v of values) {
    if (/[*?]/.test(v)) patterns.push(wildcard(v));
    else exact.add(v);
  }
  return (value) => exact.has(value) || patterns.some((p) => p.test(value));
}

function wildcard(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's');
}
