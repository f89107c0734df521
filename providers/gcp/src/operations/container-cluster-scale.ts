import { operationParams, UserError } from '@escher/protocol';
import { z } from 'zod';
import { containerChange } from './core/container-operation.ts';
import { defineOperation, localDryRun, wrongState } from './core/define.ts';
import { clusterRef } from './core/target.ts';
import { getCluster } from './refresh/service-readers.ts';

/**
 * `container.cluster.scale`: sets a node pool's size (nodePools.setSize: nodes per zone of the
 * pool), waited on until the GKE operation is done. `nodePool` may be left out when the cluster
 * has one. Autopilot clusters have no node pools to size (GKE refuses). A pool with autoscaling
 * keeps its autoscaler, which may move the size again. Undo: the pool's previous size.
 */
export const containerClusterScale = defineOperation({
  id: 'container.cluster.scale',
  types: ['container.cluster'],
  params: operationParams('container.cluster.scale').extend({
    nodeCount: z.number().int().min(0).max(1000),
    nodePool: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/)
      .optional(),
  }),
  async run({ ctx, target, params, dryRun }) {
    const ref = clusterRef(target);
    const cluster = await getCluster(ctx, ref.name);
    const pools = cluster.nodePools ?? [];
    const pool = params.nodePool
      ? pools.find((p) => p.name === params.nodePool)
      : pools.length === 1
        ? pools[0]
        : undefined;
    if (!pool)
      throw new UserError(
        'gcp-node-pool-unknown',
        params.nodePool
          ? `GKE cluster ${cluster.name} has no node pool ${params.nodePool}.`
          : `GKE cluster ${cluster.name} has ${pools.length} node pools; name the one to scale.`,
        { hint: `Set nodePool to one of: ${pools.map((p) => p.name).join(', ') || '(none)'}` },
      );
    const old = pool.initialNodeCount ?? 0;
    const label = `node pool ${pool.name} of GKE cluster ${cluster.name}`;
    if (old === params.nodeCount)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `${label} already has ${old} node(s) per zone`,
      };
    if (dryRun) {
      if (cluster.autopilot?.enabled)
        throw wrongState(
          `GKE would refuse to size ${label}: Autopilot manages its nodes.`,
          'Scale the workloads instead',
        );
      return localDryRun(`would scale ${label} from ${old} to ${params.nodeCount} node(s) per zone`);
    }
    const client = await ctx.clients.clusters();
    await containerChange(
      ctx,
      ref.location,
      { service: 'container', operation: 'projects.locations.clusters.nodePools.setSize' },
      `scaling of ${label}`,
      () =>
        client.setNodePoolSize({ name: `${ref.name}/nodePools/${pool.name}`, nodeCount: params.nodeCount }),
    );
    return {
      status: 'succeeded',
      message: `scaled ${label} from ${old} to ${params.nodeCount} node(s) per zone${pool.autoscaling?.enabled ? ' (its autoscaler stays on)' : ''}`,
      undo: { operation: 'container.cluster.scale', params: { nodeCount: old, nodePool: pool.name } },
    };
  },
});
