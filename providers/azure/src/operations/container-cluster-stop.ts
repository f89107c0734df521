import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { clusterTarget, powerOfCluster, readCluster } from './cluster-kit.ts';
import { dryRunOk, predictedRefusal, runLro, type OperationFactory } from './operation-kit.ts';

const ID = 'container.cluster.stop';

/**
 * Stops a running AKS cluster (POST …/managedClusters/{c}/stop), waited for: the nodes are
 * deallocated and stop billing; the cluster's state is kept for up to 12 months. AKS refuses a
 * cluster that is already stopped (409 OperationNotAllowed), which surfaces as is. The undo is
 * `container.cluster.start`.
 */
export const containerClusterStop: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const cluster = clusterTarget(request, ID);
    if (request.dryRun) {
      const power = powerOfCluster(await readCluster(clients, request, cluster));
      if (power !== 'Running')
        throw predictedRefusal(
          'managedClusters.stop',
          'OperationNotAllowed',
          `cluster ${cluster.name} is ${power}`,
          'Only running clusters stop',
        );
      return dryRunOk(`Would stop AKS cluster ${cluster.name}`);
    }
    await runLro(request, cluster.subscriptionId, 'managedClusters.stop', async (abortSignal) => ({
      poller: await clients
        .containers(cluster.subscriptionId)
        .managedClusters.beginStop(cluster.resourceGroup, cluster.name, { abortSignal }),
    }));
    return {
      status: 'succeeded',
      message: `Stopped AKS cluster ${cluster.name}`,
      undo: { operation: 'container.cluster.start', params: {} },
    };
  },
});
