import { OperationalError, type Resource } from '@escher/protocol';
import { callGoogle, type GcpContext } from '../context.ts';
import { normaliseCluster } from './normalise-cluster.ts';

/** Every GKE cluster of the project, in every location (`locations/-`): `clusters.list`. */
export async function* listClusters(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = await ctx.clients.clusters();
  const [response] = await callGoogle(
    ctx,
    { region: 'global', service: 'container', operation: 'projects.locations.clusters.list' },
    () => client.listClusters({ parent: `projects/${ctx.project}/locations/-` }),
  );
  // A partial list would read as deleted clusters; fail the scope so the scanner keeps the old ones.
  if (response.missingZones?.length)
    throw new OperationalError(
      'gcp-partial-result',
      `GKE could not list clusters in ${response.missingZones.join(', ')}.`,
      {
        details: { account: ctx.project, service: 'container', missingZones: response.missingZones },
      },
    );
  const clusters = response.clusters ?? [];
  if (clusters.length > 0) yield clusters.map((record) => normaliseCluster(record, ctx.project));
}
