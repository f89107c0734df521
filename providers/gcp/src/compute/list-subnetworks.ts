import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { aggregatedList, type AggregatedListClient } from './aggregated-list.ts';
import { normaliseSubnetwork } from './normalise-subnetwork.ts';

/** Every subnetwork of the project, in every region: `subnetworks.aggregatedList`. */
export async function* listSubnetworks(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = (await ctx.clients.subnetworks()) as unknown as AggregatedListClient;
  for await (const page of aggregatedList<protos.google.cloud.compute.v1.ISubnetwork>(
    ctx,
    client,
    'subnetworks',
  ))
    yield page.map((record) => normaliseSubnetwork(record, ctx.project));
}
