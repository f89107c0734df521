import type { AccountRef } from '@escher/provider-api';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';

/** Every active project the identity can see: Resource Manager v3 `projects.search`. */
export async function searchProjects(ctx: GcpContext): Promise<AccountRef[]> {
  const client = await ctx.clients.projects();
  const out: AccountRef[] = [];
  const fetch = async (pageToken: string | undefined) => {
    const [items, , response] = await client.searchProjects(
      { query: 'state:ACTIVE', pageSize: 500, ...(pageToken ? { pageToken } : {}) },
      { autoPaginate: false },
    );
    return { items, next: response?.nextPageToken };
  };
  for await (const page of pages(
    ctx,
    { service: 'cloudresourcemanager', operation: 'projects.search' },
    fetch,
  ))
    for (const p of page) if (p.projectId) out.push({ id: p.projectId, name: p.displayName || p.projectId });
  return out;
}
