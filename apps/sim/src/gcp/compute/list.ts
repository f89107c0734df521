import type { SimResponse } from '../../core/http.ts';
import { InvalidPageToken, paginate } from '../../core/paginate.ts';
import { invalidField } from '../errors.ts';
import { intParam, ok, type GcpCall } from '../route.ts';
import { compileFilter } from './filter.ts';

type Json = Record<string, unknown>;

/** One rendered item and the scope key it belongs to in an aggregated list (`zones/us-east1-b`). */
export interface ScopedItem {
  scope: string;
  json: Json;
}

const MAX_RESULTS = 500;

/** Filters, orders and pages items the way Compute Engine list methods do. */
function page<T extends { json: Json }>(
  call: GcpCall,
  items: T[],
): { items: T[]; nextPageToken: string | undefined } {
  const requested = intParam(call.query, 'maxResults');
  if (requested !== undefined && requested > MAX_RESULTS) {
    throw invalidField('maxResults', String(requested), `Must be less than or equal to ${MAX_RESULTS}`);
  }
  const filter = compileFilter(call.query.get('filter'));
  let selected = filter ? items.filter((i) => filter(i.json)) : items;
  const orderBy = call.query.get('orderBy');
  if (orderBy) {
    if (orderBy === 'creationTimestamp desc') {
      selected = [...selected].sort((a, b) =>
        String(b.json['creationTimestamp']).localeCompare(String(a.json['creationTimestamp'])),
      );
    } else if (orderBy !== 'name' && orderBy !== 'name asc') {
      throw invalidField('orderBy', orderBy, 'Only name and creationTimestamp desc are supported.');
    }
  }
  const token = call.query.get('pageToken') || undefined;
  try {
    const result = paginate(
      selected,
      { token, requested: requested || undefined, defaultSize: MAX_RESULTS, maxSize: MAX_RESULTS },
      call.sim.faults.current.pagination,
    );
    return { items: result.items, nextPageToken: result.nextToken };
  } catch (error) {
    if (error instanceof InvalidPageToken) throw invalidField('pageToken', error.token);
    throw error;
  }
}

/** A zonal, regional or global list: `{kind, id, items?, nextPageToken?, selfLink}` (no `items` when empty). */
export function listResponse(
  call: GcpCall,
  kind: string,
  idPath: string,
  selfLink: string,
  jsons: Json[],
): SimResponse {
  const sorted = jsons.map((json) => ({ json })).sort((a, b) => byName(a.json, b.json));
  const result = page(call, sorted);
  return ok({
    kind,
    id: idPath,
    items: result.items.length ? result.items.map((i) => i.json) : undefined,
    nextPageToken: result.nextPageToken,
    selfLink,
  });
}

/**
 * An aggregated list: `items` keyed by every scope, those without results on this page carrying
 * `warning: {code: NO_RESULTS_ON_PAGE}`, as Compute Engine answers.
 */
export function aggregatedResponse(
  call: GcpCall,
  kind: string,
  key: string,
  idPath: string,
  selfLink: string,
  scopes: readonly string[],
  items: ScopedItem[],
): SimResponse {
  const order = new Map(scopes.map((s, i) => [s, i]));
  const sorted = [...items].sort(
    (a, b) => (order.get(a.scope) ?? 0) - (order.get(b.scope) ?? 0) || byName(a.json, b.json),
  );
  const result = page(call, sorted);
  const grouped: Record<string, Json> = {};
  for (const scope of scopes) {
    grouped[scope] = {
      warning: {
        code: 'NO_RESULTS_ON_PAGE',
        message: `There are no results for scope '${scope}' on this page.`,
        data: [{ key: 'scope', value: scope }],
      },
    };
  }
  for (const item of result.items) {
    const entry = grouped[item.scope];
    if (entry && Array.isArray(entry[key])) (entry[key] as Json[]).push(item.json);
    else grouped[item.scope] = { [key]: [item.json] };
  }
  return ok({ kind, id: idPath, items: grouped, nextPageToken: result.nextPageToken, selfLink });
}

function byName(a: Json, b: Json): number {
  const x = String(a['name']);
  const y = String(b['name']);
  return x < y ? -1 : x > y ? 1 : 0;
}
