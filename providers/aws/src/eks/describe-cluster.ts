import { DescribeClusterCommand, type Cluster } from '@aws-sdk/client-eks';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** EKS DescribeCluster; undefined when the cluster went away since it was listed. */
export async function describeCluster(ctx: AwsContext, name: string): Promise<Cluster | undefined> {
  const out = await callOptional(
    ctx,
    { service: 'eks', operation: 'DescribeCluster' },
    ['ResourceNotFoundException'],
    (o) => ctx.clients.eks.send(new DescribeClusterCommand({ name }), o),
  );
  return out?.cluster;
}
