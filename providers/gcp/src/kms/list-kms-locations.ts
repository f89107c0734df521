import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';

/** The Cloud KMS locations of the project (regions, multi-regions and `global`): `locations.list`. */
export async function listKmsLocations(ctx: GcpContext): Promise<string[]> {
  const client = (await ctx.clients.kms()).locationsClient;
  const out: string[] = [];
  const fetch = async (pageToken: string | undefined) => {
    const [items, , response] = await client.listLocations(
      { name: `projects/${ctx.project}`, pageSize: 1000, ...(pageToken ? { pageToken } : {}) },
      { autoPaginate: false },
    );
    return { items, next: response?.nextPageToken };
  };
  for await (const page of pages(ctx, { service: 'cloudkms', operation: 'projects.locations.list' }, fetch))
    for (const location of page) if (location.locationId) out.push(location.locationId);
  return out;
}
