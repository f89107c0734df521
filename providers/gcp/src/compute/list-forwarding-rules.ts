import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { aggregatedList, type AggregatedListClient } from './aggregated-list.ts';
import { normaliseForwardingRule } from './normalise-forwarding-rule.ts';

/** Every forwarding rule of the project, regional and global: `forwardingRules.aggregatedList`. */
export async function* listForwardingRules(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = (await ctx.clients.forwardingRules()) as unknown as AggregatedListClient;
  for await (const page of aggregatedList<protos.google.cloud.compute.v1.IForwardingRule>(
    ctx,
    client,
    'forwardingRules',
  ))
    yield page.map((record) => normaliseForwardingRule(record, ctx.project));
}
