import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { mapLimit } from '@escher/provider-api';
import { describeCluster } from './describe-cluster.ts';
import { listClusters } from './list-clusters.ts';
import { normaliseCluster } from './normalise-cluster.ts';

/** EKS clusters of one region (DescribeCluster carries the tags). */
export async function* discoverClusters(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const names of listClusters(ctx)) {
    const clusters = await mapLimit(names, ctx.itemConcurrency, (name) => describeCluster(ctx, name));
    const found = clusters.filter((c) => c !== undefined);
    if (found.length) yield found.map((c) => normaliseCluster(c, ctx));
  }
}
