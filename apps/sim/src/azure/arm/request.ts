import type { CallInfo } from '../../core/call.ts';
import type { SimContext } from '../../core/frontend.ts';
import { json, type SimRequest, type SimResponse } from '../../core/http.ts';
import { InvalidPageToken, paginate } from '../../core/paginate.ts';
import { findGroup, findOfType, findSubscription, type AzureEstate } from '../estate.ts';
import type { ArmType, ResourceGroupRecord, ResourceOf, SubscriptionRecord } from '../records.ts';
import {
  AzureError,
  groupNotFound,
  invalidContent,
  resourceNotFound,
  subscriptionNotFound,
} from './errors.ts';

/** What a route handler gets: the request, decoded path parameters, the estate and the clock. */
export interface ArmRequest {
  req: SimRequest;
  params: Record<string, string>;
  ctx: SimContext;
  az: AzureEstate;
  now: number;
  /** https://127.0.0.1:PORT — where Location headers and next links point. */
  baseUrl: string;
  call: CallInfo;
  /** Per-frontend scratch state that outlives a request (Resource Graph's paging snapshots). */
  session: ArmSession;
}

export interface ArmSession {
  /** Evaluated Resource Graph queries by query + scope, so `$skipToken` pages read one snapshot. */
  graph: Map<string, { az: AzureEstate; value: unknown }>;
}

export function apiVersion(rc: ArmRequest): string {
  return rc.req.query.get('api-version') ?? '2024-03-01';
}

export function ok(value: unknown, status = 200, headers: Record<string, string> = {}): SimResponse {
  return json(status, value, headers);
}

export function noContent(): SimResponse {
  return { status: 204, headers: {} };
}

/** The JSON body, or ARM's InvalidRequestContent. */
export function jsonBody(rc: ArmRequest, required = true): Record<string, unknown> {
  const text = rc.req.body.toString('utf8').trim();
  if (text === '') {
    if (required)
      throw invalidContent("Unexpected end when deserializing object. Path '', line 1, position 0.");
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidContent(
      `Unexpected character encountered while parsing value: ${text[0]}. Path '', line 1, position 1.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidContent(
      `Error converting value to type 'Object'. Path '', line 1, position ${text.length}.`,
    );
  }
  return value as Record<string, unknown>;
}

export function requireSubscription(rc: ArmRequest): SubscriptionRecord {
  const id = rc.params['subscriptionId'] ?? '';
  const sub = findSubscription(rc.az, id);
  if (!sub) throw subscriptionNotFound(id);
  return sub;
}

export function requireGroup(rc: ArmRequest): ResourceGroupRecord {
  const sub = requireSubscription(rc);
  const name = rc.params['resourceGroupName'] ?? '';
  const group = findGroup(rc.az, sub.subscriptionId, name);
  if (!group) throw groupNotFound(name);
  return group;
}

/** The resource `{type}/{params.name}` in the request's group, or ARM's 404. */
export function requireResource<K extends ArmType>(
  rc: ArmRequest,
  type: K,
  nameParam = 'name',
): ResourceOf<K> {
  const group = requireGroup(rc);
  const name = rc.params[nameParam] ?? '';
  const found = findOfType(rc.az, resourceIdOf(group, type, name), type);
  if (!found) throw resourceNotFound(type, name, group.name);
  return found;
}

/** Like requireResource, but undefined when only the resource is missing (DELETE is idempotent). */
export function maybeResource<K extends ArmType>(
  rc: ArmRequest,
  type: K,
  nameParam = 'name',
): ResourceOf<K> | undefined {
  const group = requireGroup(rc);
  return findOfType(rc.az, resourceIdOf(group, type, rc.params[nameParam] ?? ''), type);
}

export function resourceIdOf(group: ResourceGroupRecord, type: string, name: string): string {
  return `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/${type}/${name}`;
}

/** Records of `type` in the request's subscription (and group, when the route names one). */
export function scoped<R extends { subscriptionId: string; resourceGroup: string }>(
  rc: ArmRequest,
  records: readonly R[],
): R[] {
  const sub = requireSubscription(rc);
  const groupName = rc.params['resourceGroupName'];
  if (groupName === undefined) return records.filter((r) => r.subscriptionId === sub.subscriptionId);
  const group = requireGroup(rc);
  const lower = group.name.toLowerCase();
  return records.filter(
    (r) => r.subscriptionId === sub.subscriptionId && r.resourceGroup.toLowerCase() === lower,
  );
}

/**
 * An ARM list page `{value, nextLink}`; the next link repeats the request with `$skiptoken`
 * (and the api-version, as ARM's own next links do). Page size faults apply.
 */
export function listPage<T>(
  rc: ArmRequest,
  items: readonly T[],
  render: (item: T) => unknown,
  defaultSize = 1000,
): SimResponse {
  const token = rc.req.query.get('$skiptoken') ?? rc.req.query.get('$skipToken') ?? undefined;
  const top = Number(rc.req.query.get('$top') ?? '');
  let page;
  try {
    page = paginate(
      items,
      { token, requested: Number.isInteger(top) && top > 0 ? top : undefined, defaultSize, maxSize: 1000 },
      rc.ctx.faults.current.pagination,
    );
  } catch (error) {
    if (error instanceof InvalidPageToken)
      throw new AzureError(400, 'InvalidSkipToken', `The provided skip token '${error.token}' is not valid.`);
    throw error;
  }
  const body: Record<string, unknown> = { value: page.items.map(render) };
  if (page.nextToken) body['nextLink'] = nextLink(rc, page.nextToken);
  return ok(body);
}

export function nextLink(rc: ArmRequest, token: string): string {
  const query = new URLSearchParams();
  for (const [k, v] of rc.req.query) if (k.toLowerCase() !== '$skiptoken') query.append(k, v);
  if (!query.has('api-version')) query.set('api-version', apiVersion(rc));
  query.set('$skiptoken', token);
  return `${rc.baseUrl}${rc.req.path}?${query.toString()}`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
