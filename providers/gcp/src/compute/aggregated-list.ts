import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';

/**
 * A Compute Engine REST client. Its aggregated lists are public only as an auto-paging iterator
 * (`aggregatedListAsync`), which hides page boundaries from the gate; the page-level call that
 * iterator drives is `innerApiCalls.aggregatedList` with `autoPaginate: false`.
 */
export interface AggregatedListClient {
  initialize(): Promise<unknown>;
  innerApiCalls: { [name: string]: unknown };
}

type PageCall = (
  request: Record<string, unknown>,
  options: { autoPaginate: false },
) => Promise<
  [
    unknown,
    unknown,
    { items?: Record<string, Record<string, unknown>> | null; nextPageToken?: string | null },
  ]
>;

/** Max page size Compute Engine list methods accept. */
export const COMPUTE_PAGE_SIZE = 500;

/**
 * Pages an aggregated list (`/projects/{p}/aggregated/{collection}`): one call covers every zone
 * and region (and `global`) of the project. Scopes without results carry only a warning.
 */
export async function* aggregatedList<T>(
  ctx: GcpContext,
  client: AggregatedListClient,
  collection: string,
): AsyncGenerator<T[]> {
  await client.initialize();
  const call = client.innerApiCalls['aggregatedList'] as PageCall;
  yield* pages<T>(
    ctx,
    { service: 'compute', operation: `${collection}.aggregatedList` },
    async (pageToken) => {
      const [, , response] = await call(
        { project: ctx.project, maxResults: COMPUTE_PAGE_SIZE, ...(pageToken ? { pageToken } : {}) },
        { autoPaginate: false },
      );
      const items: T[] = [];
      for (const scoped of Object.values(response.items ?? {})) {
        const list = scoped[collection];
        if (Array.isArray(list)) items.push(...(list as T[]));
      }
      return { items, next: response.nextPageToken };
    },
  );
}
