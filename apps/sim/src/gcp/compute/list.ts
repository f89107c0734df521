import type { SimResponse } from '../../core/http.ts';
import { invalidField } from '../errors.ts';
import { pageOf } from '../paging.ts';
import { intParam, ok, type GcpCall } from '../route.ts';
import { compileFilter } from './filter.ts';

type Json = Record<string, unknown>;

/**
 * One list item: its name, its scope key in an aggregated list (`zones/us-east1-b`) and how to
 * render it. Rendering is lazy: only the page served (and, with a filter, the candidates) is
 * rendered, which keeps small-page scans of a large estate cheap.
 */
export interface ListItem {
  scope: string;
  name: string;
  render(): Json;
}

/** An item already rendered (catalogue lists). */
export function rendered(json: Json): ListItem {
  return { scope: '', name: String(json['name']), render: () => json };
}

const MAX_RESULTS = 500;

/** Filters, orders and pages items the way Compute Engine list methods do; returns the page rendered. */
function page(
  call: GcpCall,
  items: ListItem[],
): { items: { scope: string; json: Json }[]; nextPageToken: string | undefined } {
  const requested = intParam(call.query, 'maxResults');
  if (requested !== undefined && requested > MAX_RESULTS) {
    throw invalidField('maxResults', String(requested), `Must be less than or equal to ${MAX_RESULTS}`);
  }
  const filter = compileFilter(call.query.get('filter'));
  const orderBy = call.query.get('orderBy');
  if (orderBy && orderBy !== 'name' && orderBy !== 'name asc' && orderBy !== 'creationTimestamp desc') {
    throw invalidField('orderBy', orderBy, 'Only name and creationTimestamp desc are supported.');
  }
  let selected: { scope: string; json?: Json; item: ListItem }[] = items.map((item) => ({
    scope: item.scope,
    item,
  }));
  if (filter || orderBy === 'creationTimestamp desc') {
    for (const s of selected) s.json = s.item.render();
    if (filter) selected = selected.filter((s) => filter(s.json!));
    if (orderBy === 'creationTimestamp desc') {
      selected.sort((a, b) =>
        String(b.json!['creationTimestamp']).localeCompare(String(a.json!['creationTimestamp'])),
      );
    }
  }
  const result = pageOf(call, selected, {
    requested,
    defaultSize: MAX_RESULTS,
    maxSize: MAX_RESULTS,
    invalidToken: (token) => invalidField('pageToken', token),
  });
  return {
    items: result.items.map((s) => ({ scope: s.scope, json: s.json ?? s.item.render() })),
    nextPageToken: result.nextToken,
  };
}

function byName(a: ListItem, b: ListItem): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A zonal, regional or global list: `{kind, id, items?, nextPageToken?, selfLink}` (no `items` when empty). */
export function listResponse(
  call: GcpCall,
  kind: string,
  idPath: string,
  selfLink: string,
  items: ListItem[],
): SimResponse {
  const result = page(call, [...items].sort(byName));
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
  items: ListItem[],
): SimResponse {
  const order = new Map(scopes.map((s, i) => [s, i]));
  const sorted = [...items].sort(
    (a, b) => (order.get(a.scope) ?? 0) - (order.get(b.scope) ?? 0) || byName(a, b),
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
