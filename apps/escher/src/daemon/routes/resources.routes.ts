import type { Hono } from 'hono';
import {
  DAEMON_OPERATIONS,
  parseOperationInput,
  type ResourceList,
  type ResourceListQuery,
} from '@escher/protocol';
import type { ResourceChunks, ResourceFilter } from '../../store/index.ts';
import { httpUserError } from '../http-error.ts';
import { defineRoute, honoPath } from './define-route.ts';
import type { RouteContext } from './route-context.ts';

/** The estate inventory: filtered lists, one resource, its history, and the change feed. */
export function registerResourceRoutes(app: Hono, ctx: RouteContext): void {
  const list = DAEMON_OPERATIONS.listResources;
  app.get(honoPath(list.path), (c) => {
    const { query } = parseOperationInput(list, {
      query: c.req.queries() ?? {},
      params: {},
      body: undefined,
    });
    const filter = toFilter(query);
    if (query.after !== undefined && (query.limit === undefined || query.offset !== undefined)) {
      throw httpUserError(
        400,
        'invalid-query',
        "'after' pages with 'limit' and cannot be mixed with 'offset'",
        "Pass 'limit' with 'after' (the previous page's 'next'), or 'limit' and 'offset' without it",
      );
    }
    if (query.limit !== undefined && query.offset === undefined) {
      const { limit: _limit, ...rest } = filter;
      const page = ctx.store.pageResources(rest, query.limit, query.after);
      return c.json(reply({ count: page.resources.length, ...page }));
    }
    return c.body(streamResources(ctx.store.resourceChunks(filter, STREAM_PAGE)), 200, {
      'content-type': 'application/json; charset=utf-8',
    });
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

/** Resources per piece of a streamed list: one SQLite read and one JSON string at a time. */
const STREAM_PAGE = 500;

/** Checks a reply against the operation's declared body at compile time. */
function reply(body: ResourceList): ResourceList {
  return body;
}

/**
 * The whole list as a JSON byte stream, `{"count":n,"resources":[…]}`, read from the store a
 * page at a time as the client takes it. At 100k resources this keeps the daemon near its idle
 * RSS, where building the array and its JSON string first took ~700 MB (SPEC section 10:
 * ≤ 300 MB).
 */
export function streamResources({ count, pages }: ResourceChunks): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`{"count":${count},"resources":[`));
    },
    pull(controller) {
      const next = pages.next();
      if (next.done) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
        return;
      }
      if (next.value.length === 0) return;
      const json = next.value.map((r) => JSON.stringify(r)).join(',');
      controller.enqueue(encoder.encode(first ? json : `,${json}`));
      first = false;
    },
    cancel() {
      pages.return(undefined);
    },
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
