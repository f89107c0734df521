import type { Resource } from '@escher/protocol';
import { callGoogle, type GcpContext } from '../context.ts';
import { partialResult } from '../errors.ts';
import { normaliseCluster } from './normalise-cluster.ts';

/** Every GKE cluster of the project, in every location (`locations/-`): `clusters.list`. */
export async function* listClusters(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = await ctx.clients.clusters();
  const call = { service: 'container', operation: 'projects.locations.clusters.list' };
  const clusters = await callGoogle(ctx, call, async () => {
    const [response] = await client.listClusters({ parent: `projects/${ctx.project}/locations/-` });
    if (response.missingZones?.length) throw partialResult('container', ctx.project, response.missingZones);
    return response.clusters ?? [];
  });
  if (clusters.length > 0) yield clusters.map((record) => normaliseCluster(record, ctx.project));
}
