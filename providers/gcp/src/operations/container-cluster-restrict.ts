import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { containerChange } from './core/container-operation.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { clusterRef } from './core/target.ts';
import { getCluster } from './refresh/service-readers.ts';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;
const Block = z
  .object({ displayName: z.string().max(64).default(''), cidrBlock: z.string().regex(CIDR) })
  .strict();

/**
 * `container.cluster.restrict`: closes the control plane's public endpoint to the internet by
 * turning master authorised networks on (clusters.update
 * `desiredMasterAuthorizedNetworksConfig`), keeping the blocks already listed except
 * `0.0.0.0/0` / `::/0`, plus `allowCidrs`. With no block left only Google's own ranges reach it.
 * A cluster with a private endpoint only is left alone. Waited on until the GKE operation is
 * done. Undo: `restore` with the exact previous setting.
 */
export const containerClusterRestrict = defineOperation({
  id: 'container.cluster.restrict',
  types: ['container.cluster'],
  params: operationParams('container.cluster.restrict').extend({
    allowCidrs: z.array(z.string().regex(CIDR)).max(50).optional(),
    restore: z
      .object({ enabled: z.boolean(), cidrBlocks: z.array(Block) })
      .strict()
      .optional(),
  }),
  async run({ ctx, target, params, dryRun }) {
    const ref = clusterRef(target);
    const cluster = await getCluster(ctx, ref.name);
    const current = cluster.masterAuthorizedNetworksConfig;
    const enabled = current?.enabled === true;
    const blocks = (current?.cidrBlocks ?? []).map((b) => ({
      displayName: b.displayName ?? '',
      cidrBlock: b.cidrBlock ?? '',
    }));
    const label = `GKE cluster ${cluster.name}`;
    let desired: { enabled: boolean; cidrBlocks: { displayName: string; cidrBlock: string }[] };
    let change: string;
    if (params.restore) {
      desired = params.restore;
      change = `restore master authorised networks ${desired.enabled ? `on (${desired.cidrBlocks.length} block(s))` : 'off'}`;
    } else {
      const kept = blocks.filter((b) => !WORLD.has(b.cidrBlock));
      const extra = (params.allowCidrs ?? [])
        .filter((c) => !kept.some((b) => b.cidrBlock === c))
        .map((c) => ({ displayName: 'escher-allowed', cidrBlock: c }));
      const open =
        !cluster.privateClusterConfig?.enablePrivateEndpoint && (!enabled || kept.length !== blocks.length);
      if (!open && extra.length === 0)
        return {
          status: dryRun ? 'dry-run-ok' : 'succeeded',
          message: `${label}'s control plane is not open to the internet`,
        };
      desired = { enabled: true, cidrBlocks: [...kept, ...extra] };
      change = `turn master authorised networks on with ${desired.cidrBlocks.map((b) => b.cidrBlock).join(', ') || 'no public range'}`;
    }
    if (dryRun) return localDryRun(`would ${change} on ${label}`);
    const client = await ctx.clients.clusters();
    await containerChange(
      ctx,
      ref.location,
      { service: 'container', operation: 'projects.locations.clusters.update' },
      `restriction of ${label}`,
      () =>
        client.updateCluster({ name: ref.name, update: { desiredMasterAuthorizedNetworksConfig: desired } }),
    );
    return {
      status: 'succeeded',
      message: `${label}: ${change}: done`,
      undo: { operation: 'container.cluster.restrict', params: { restore: { enabled, cidrBlocks: blocks } } },
    };
  },
});
