import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';

/** Names of the key rings in one Cloud KMS location: `keyRings.list`. */
export async function listKeyRings(ctx: GcpContext, location: string): Promise<string[]> {
  const client = await ctx.clients.kms();
  const out: string[] = [];
  const fetch = async (pageToken: string | undefined) => {
    const [items, , response] = await client.listKeyRings(
      {
        parent: `projects/${ctx.project}/locations/${location}`,
        pageSize: 1000,
        ...(pageToken ? { pageToken } : {}),
      },
      { autoPaginate: false },
    );
    return { items, next: response?.nextPageToken };
  };
  const call = { service: 'cloudkms', operation: 'projects.locations.keyRings.list' };
  for await (const page of pages(ctx, call, fetch))
    for (const ring of page) if (ring.name) out.push(ring.name);
  return out;
}
