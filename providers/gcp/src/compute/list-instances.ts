import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { aggregatedList, type AggregatedListClient } from './aggregated-list.ts';
import { normaliseInstance } from './normalise-instance.ts';

/** Every instance of the project, in every zone: `instances.aggregatedList`. */
export async function* listInstances(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = (await ctx.clients.instances()) as unknown as AggregatedListClient;
  for await (const page of aggregatedList<protos.google.cloud.compute.v1.IInstance>(ctx, client, 'instances'))
    yield page.map((record) => normaliseInstance(record, ctx.project));
}
