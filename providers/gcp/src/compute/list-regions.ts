import type { GcpContext } from '../context.ts';
import { globalList } from './global-list.ts';

/** The Compute Engine regions the project can use (`regions.list`, status UP). */
export async function listRegions(ctx: GcpContext): Promise<string[]> {
  const client = await ctx.clients.regions();
  const out: string[] = [];
  for await (const page of globalList(ctx, 'regions', (request, options) => client.list(request, options)))
    for (const region of page) if (region.name && region.status !== 'DOWN') out.push(region.name);
  return out;
}
