import type { Hono } from 'hono';
import { DAEMON_OPERATIONS, type ResourceListQuery } from '@escher/protocol';
import type { ResourceFilter } from '../../store/index.ts';
import { httpUserError } from '../http-error.ts';
import { defineRoute } from './define-route.ts';
import type { RouteContext } from './route-context.ts';

/** The estate inventory: filtered lists, one resource, its history, and the change feed. */
export function registerResourceRoutes(app: Hono, ctx: RouteContext): void {
  defineRoute(
    app,
    DAEMON_OPERATIONS.listResources,
  )(({ query }) => {
    const resources = ctx.store.listResources(toFilter(query));
    return { status: 200, body: { count: resources.length, resources } };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.getResource,
  )(({ params }) => {
    const resource = ctx.store.getResource(params.id);
    if (!resource) throw notFound(params.id);
    return { status: 200, body: resource };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.getResourceHistory,
  )(({ params }) => {
    const changes = ctx.store.history(params.id);
    if (changes.length === 0) throw notFound(params.id);
    return { status: 200, body: { resourceId: params.id, changes } };
  });

  defineRoute(
    app,
    DAEMON_OPERATIONS.listChanges,
  )(({ query }) => {
    const changes = ctx.store.changesSince(query.since);
    return { status: 200, body: { since: query.since, count: changes.length, changes } };
  });
}

/** The query of `GET /resources` as the store's filter (the same one `escher resources` builds). */
export function toFilter(query: ResourceListQuery): ResourceFilter {
  const filter: ResourceFilter = {};
  if (query.type) filter.type = query.type;
  if (query.cloud) filter.cloud = query.cloud;
  if (query.region) filter.region = query.region;
  if (query.env) filter.environment = query.env;
  if (query.state) filter.state = query.state;
  if (query.tag) {
    filter.tags = Object.fromEntries(
      query.tag.map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
  }
  if (query.changedSince) filter.changedSince = query.changedSince;
  if (query.limit !== undefined) filter.limit = query.limit;
  if (query.offset !== undefined) filter.offset = query.offset;
  return filter;
}

function notFound(id: string): Error {
  return httpUserError(
    404,
    'resource-not-found',
    `No resource with id ${id}`,
    'Ids are native ids (ARN, Azure resource id, GCP full name), URL-encoded as one path segment',
  );
}
