import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { aggregatedList, type AggregatedListClient } from './aggregated-list.ts';
import { normaliseAddress } from './normalise-address.ts';

/** Every reserved address of the project, regional and global: `addresses.aggregatedList`. */
export async function* listAddresses(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = (await ctx.clients.addresses()) as unknown as AggregatedListClient;
  for await (const page of aggregatedList<protos.google.cloud.compute.v1.IAddress>(ctx, client, 'addresses'))
    yield page.map((record) => normaliseAddress(record, ctx.project));
}
