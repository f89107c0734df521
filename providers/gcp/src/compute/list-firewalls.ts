import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { globalList } from './global-list.ts';
import { normaliseFirewall } from './normalise-firewall.ts';

/** Every VPC firewall rule of the project: `firewalls.list`. */
export async function* listFirewalls(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = await ctx.clients.firewalls();
  for await (const page of globalList(ctx, 'firewalls', (request, options) => client.list(request, options)))
    yield page.map((record) => normaliseFirewall(record, ctx.project));
}
