import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { aggregatedList, type AggregatedListClient } from './aggregated-list.ts';
import { normaliseDisk } from './normalise-disk.ts';

/** Every zonal persistent disk of the project: `disks.aggregatedList`. */
export async function* listDisks(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = (await ctx.clients.disks()) as unknown as AggregatedListClient;
  for await (const page of aggregatedList<protos.google.cloud.compute.v1.IDisk>(ctx, client, 'disks'))
    yield page.map((record) => normaliseDisk(record, ctx.project));
}
