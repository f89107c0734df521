import type { AwsRestRoute } from '../operation.ts';

export interface RestMatch {
  route: AwsRestRoute;
  pathParams: Record<string, string>;
}

interface Compiled {
  route: AwsRestRoute;
  regex: RegExp;
  names: string[];
}

const cache = new WeakMap<readonly AwsRestRoute[], Compiled[]>();

/**
 * Matches a REST request to a route: `{Name}` takes one path segment, `{Key+}` the rest of the
 * path; routes with a `query` need that query parameter present and win over routes without.
 */
export function matchRest(
  routes: readonly AwsRestRoute[],
  method: string,
  path: string,
  query: URLSearchParams,
): RestMatch | undefined {
  let compiled = cache.get(routes);
  if (!compiled) {
    compiled = routes
      .map(compile)
      .sort((a, b) => Number(Boolean(b.route.query)) - Number(Boolean(a.route.query)));
    cache.set(routes, compiled);
  }
  for (const c of compiled) {
    if (c.route.method !== method) continue;
    if (c.route.query && !query.has(c.route.query)) continue;
    const m = c.regex.exec(path);
    if (!m) continue;
    const pathParams: Record<string, string> = {};
    c.names.forEach((name, i) => (pathParams[name] = safeDecode(m[i + 1] ?? '')));
    return { route: c.route, pathParams };
  }
  return undefined;
}

function compile(route: AwsRestRoute): Compiled {
  const names: string[] = [];
  const pattern = route.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return m[2] ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { route, regex: new RegExp(`^${pattern}/?$`), names };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
