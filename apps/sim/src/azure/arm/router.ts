import type { SimResponse } from '../../core/http.ts';
import type { ArmRequest } from './request.ts';

export type ArmMethod = 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

/** One ARM operation: a path template, what it is for the call log, and its handler. */
export interface ArmRoute {
  method: ArmMethod;
  /**
   * Path template, matched case-insensitively: `{name}` is one segment, a leading `{*scope}` is
   * any prefix (tags at scope, metrics of any resource).
   */
  path: string;
  /** Service for the call log: compute, network, storage, resources, … (or derived from the path). */
  service: string | ((params: Record<string, string>) => string);
  /** The API's operation name: virtualMachines.list, tagsOperations.updateAtScope. */
  operation: string;
  /** POST reads (Resource Graph, Cost Management query) draw from the read quota. */
  read?: boolean;
  handle(rc: ArmRequest): SimResponse | Promise<SimResponse>;
}

interface Compiled {
  route: ArmRoute;
  segments: string[];
  catchAll: string | undefined;
}

export interface RouteMatch {
  route: ArmRoute;
  params: Record<string, string>;
}

/**
 * A route table: templates compiled into lower-cased segments, indexed by segment count, so a
 * lookup compares a handful of candidates. Literal segments win over parameters.
 */
export class ArmRouter {
  private readonly exact = new Map<number, Compiled[]>();
  private readonly prefixed: Compiled[] = [];

  constructor(routes: readonly ArmRoute[]) {
    for (const route of routes) {
      const segments = route.path.split('/').filter(Boolean);
      const first = segments[0] ?? '';
      const catchAll = first.startsWith('{*') ? first.slice(2, -1) : undefined;
      const compiled: Compiled = {
        route,
        segments: (catchAll ? segments.slice(1) : segments).map(lowerLiteral),
        catchAll,
      };
      if (catchAll) this.prefixed.push(compiled);
      else {
        const list = this.exact.get(segments.length) ?? [];
        list.push(compiled);
        this.exact.set(segments.length, list);
      }
    }
    for (const list of this.exact.values()) list.sort((a, b) => literalCount(b) - literalCount(a));
    this.prefixed.sort((a, b) => b.segments.length - a.segments.length);
  }

  /** The route for a request, `methodMismatch` when the path exists with other methods only. */
  match(method: string, segments: readonly string[]): RouteMatch | 'methodMismatch' | undefined {
    let pathMatched = false;
    const lower = segments.map((s) => s.toLowerCase());
    for (const compiled of this.exact.get(segments.length) ?? []) {
      const params = matchSegments(compiled.segments, segments, lower, 0);
      if (!params) continue;
      if (compiled.route.method !== method) {
        pathMatched = true;
        continue;
      }
      return { route: compiled.route, params };
    }
    for (const compiled of this.prefixed) {
      const start = segments.length - compiled.segments.length;
      if (start < 1) continue;
      const params = matchSegments(compiled.segments, segments, lower, start);
      if (!params) continue;
      if (compiled.route.method !== method) {
        pathMatched = true;
        continue;
      }
      params[compiled.catchAll!] = '/' + segments.slice(0, start).join('/');
      return { route: compiled.route, params };
    }
    return pathMatched ? 'methodMismatch' : undefined;
  }
}

function lowerLiteral(segment: string): string {
  return segment.startsWith('{') ? segment : segment.toLowerCase();
}

function literalCount(c: Compiled): number {
  return c.segments.filter((s) => !s.startsWith('{')).length;
}

function matchSegments(
  template: readonly string[],
  segments: readonly string[],
  lower: readonly string[],
  offset: number,
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t.startsWith('{')) {
      const value = segments[offset + i]!;
      if (value === '') return undefined;
      params[t.slice(1, -1)] = value;
    } else if (t !== lower[offset + i]) return undefined;
  }
  return params;
}
