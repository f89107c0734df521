import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';
import { COMPUTE_PAGE_SIZE } from './aggregated-list.ts';

type ListCall<T> = (
  request: { project: string; maxResults: number; pageToken?: string },
  options: { autoPaginate: false },
) => Promise<[T[], unknown, { nextPageToken?: string | null } | null | undefined]>;

/** Pages a global Compute Engine list (`/projects/{p}/global/{collection}`), one gated call a page. */
export function globalList<T>(ctx: GcpContext, collection: string, list: ListCall<T>): AsyncGenerator<T[]> {
  return pages<T>(ctx, { service: 'compute', operation: `${collection}.list` }, async (pageToken) => {
    const [items, , response] = await list(
      { project: ctx.project, maxResults: COMPUTE_PAGE_SIZE, ...(pageToken ? { pageToken } : {}) },
      { autoPaginate: false },
    );
    return { items, next: response?.nextPageToken };
  });
}
