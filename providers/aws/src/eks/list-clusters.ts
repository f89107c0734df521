import { ListClustersCommand } from '@aws-sdk/client-eks';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** EKS ListClusters (names only), 100 a page. */
export function listClusters(ctx: AwsContext): AsyncGenerator<string[]> {
  return paginate(async (nextToken) => {
    const out = await call(ctx, { service: 'eks', operation: 'ListClusters' }, (o) =>
      ctx.clients.eks.send(new ListClustersCommand({ maxResults: 100, nextToken }), o),
    );
    return { items: out.clusters, next: out.nextToken };
  });
}
