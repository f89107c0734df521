import type { SimContext } from '../core/frontend.ts';
import { json, type SimRequest, type SimResponse } from '../core/http.ts';
import type { GcpEstate } from './estate.ts';
import { GcpError } from './errors.ts';

/** The API a route belongs to (CallInfo.service). */
export type GcpService =
  | 'compute'
  | 'storage'
  | 'sqladmin'
  | 'container'
  | 'cloudfunctions'
  | 'cloudkms'
  | 'iam'
  | 'monitoring'
  | 'bigquery'
  | 'cloudresourcemanager';

/** Everything an operation handler gets. */
export interface GcpCall {
  req: SimRequest;
  sim: SimContext;
  estate: GcpEstate;
  /** This endpoint's base URL (`http://127.0.0.1:PORT`), for self links. */
  base: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Simulated now (ms). */
  now: number;
  /** The JSON body (`{}` when empty); a malformed body is Google's 400 parse error. */
  body(): Record<string, unknown>;
}

export interface GcpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with `{param}` placeholders matching one segment: `/compute/v1/projects/{project}/zones/{zone}/instances`. */
  path: string;
  service: GcpService;
  /** The API's own method name: `instances.aggregatedList`, `jobs.query`. */
  operation: string;
  mutating?: boolean;
  /** The body is media, not JSON (uploads): do not parse it up front. */
  rawBody?: boolean;
  /** Who and where the call is, when the path's `project`/`zone`/`region`/`location` params do not say. */
  scope?(
    params: Record<string, string>,
    estate: GcpEstate,
    query: URLSearchParams,
  ): { account?: string; region?: string };
  handle(call: GcpCall): SimResponse;
}

export interface CompiledRoute extends GcpRoute {
  regex: RegExp;
  names: string[];
}

/** Compiles `{param}` placeholders; everything else matches literally. */
export function compileRoute(route: GcpRoute): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      const m = /^\{([a-zA-Z]+)\}$/.exec(part);
      if (m) {
        names.push(m[1]!);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { ...route, regex: new RegExp(`^${pattern}/?$`), names };
}

export function ok(value: unknown): SimResponse {
  return json(200, value);
}

/** Parses a JSON request body the way Google does: empty is `{}`, anything else must be an object. */
export function parseJsonBody(req: SimRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GcpError(
      400,
      'parseError',
      `Invalid JSON payload received. Unexpected token.\n${text.slice(0, 40)}\n^`,
    );
  }
  // Clients send `""` (gax) or `null` for methods without a body.
  if (value === '' || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new GcpError(400, 'parseError', 'Invalid JSON payload received. Expected an object.');
  }
  return value as Record<string, unknown>;
}

/** Reads an optional non-negative integer query parameter (Google rejects malformed numbers). */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw))
    throw new GcpError(
      400,
      'invalid',
      `Invalid value for field '${name}': '${raw}'. Must be a non-negative integer.`,
    );
  return Number(raw);
}
