import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { globalList } from './global-list.ts';
import { normaliseNetwork } from './normalise-network.ts';

/** Every VPC network of the project: `networks.list`. */
export async function* listNetworks(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = await ctx.clients.networks();
  for await (const page of globalList(ctx, 'networks', (request, options) => client.list(request, options)))
    yield page.map((record) => normaliseNetwork(record, ctx.project));
}
