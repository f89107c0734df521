import { operationParams, UserError } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { clusterTarget, readCluster } from './cluster-kit.ts';
import { dryRunOk, parseParams, runLro, type OperationFactory } from './operation-kit.ts';

const ID = 'container.cluster.restrict' as const;

const CIDR = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([12]?\d|3[0-2]))?$/,
    'an IPv4 address or CIDR',
  );

/** The catalogue's params: `allowCidrs` become the API server's authorised IP ranges. */
const Params = operationParams(ID)
  .extend({
    allowCidrs: z.array(CIDR).min(1).max(200).optional(),
    /** Set by the undo: the exact ranges to put back (an empty list reopens the endpoint). */
    restore: z.object({ authorizedIpRanges: z.array(CIDR).max(200) }).optional(),
  })
  .refine((p) => p.allowCidrs !== undefined || p.restore !== undefined, {
    message: 'allowCidrs is required on Azure: the CIDRs that may still reach the API server',
  });

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Narrows a public AKS API server to authorized IP ranges: GET the cluster, then PUT it back with
 * `apiServerAccessProfile.authorizedIPRanges` set (AKS has no PATCH for it; this is what
 * `az aks update --api-server-authorized-ip-ranges` does), waited for. A private cluster has no
 * public endpoint and is left alone. The undo restores the exact ranges it had.
 */
export const containerClusterRestrict: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const params = parseParams(Params, request, ID);
    const target = clusterTarget(request, ID);
    const cluster = await readCluster(clients, request, target);
    const access = cluster.apiServerAccessProfile ?? {};
    if (access.enablePrivateCluster) {
      if (params.restore?.authorizedIpRanges.length)
        throw new UserError(
          'azure-invalid-params',
          `${ID}: ${target.name} is private; it takes no authorized ranges`,
        );
      const message = `AKS cluster ${target.name} is private: its API server has no public endpoint`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    const before = access.authorizedIPRanges ?? [];
    const want = params.restore?.authorizedIpRanges ?? params.allowCidrs ?? [];
    const show = (r: readonly string[]): string => (r.length > 0 ? r.join(', ') : 'everyone');
    if (same(before, want)) {
      const message = `AKS cluster ${target.name} already allows ${show(want)}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun)
      return dryRunOk(
        `Would narrow AKS cluster ${target.name}'s API server from ${show(before)} to ${show(want)}`,
      );
    await runLro(request, target.subscriptionId, 'managedClusters.createOrUpdate', async (abortSignal) => ({
      poller: await clients
        .containers(target.subscriptionId)
        .managedClusters.beginCreateOrUpdate(
          target.resourceGroup,
          target.name,
          { ...cluster, apiServerAccessProfile: { ...access, authorizedIPRanges: want } },
          { abortSignal },
        ),
    }));
    return {
      status: 'succeeded',
      message: `AKS cluster ${target.name}'s API server: ${show(before)} → ${show(want)}`,
      undo: { operation: ID, params: { restore: { authorizedIpRanges: before } } },
    };
  },
});
