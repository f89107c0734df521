import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { clusterTarget, powerOfCluster, readCluster } from './cluster-kit.ts';
import { dryRunOk, predictedRefusal, runLro, type OperationFactory } from './operation-kit.ts';

const ID = 'container.cluster.start';

/**
 * Starts a stopped AKS cluster (POST …/managedClusters/{c}/start), waited for: the control plane
 * and node pools come back. AKS refuses a cluster that is not stopped (409 OperationNotAllowed),
 * which surfaces as is. The undo is `container.cluster.stop`.
 */
export const containerClusterStart: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const cluster = clusterTarget(request, ID);
    if (request.dryRun) {
      const power = powerOfCluster(await readCluster(clients, request, cluster));
      if (power !== 'Stopped')
        throw predictedRefusal(
          'managedClusters.start',
          'OperationNotAllowed',
          `cluster ${cluster.name} is ${power}`,
          'Only stopped clusters start',
        );
      return dryRunOk(`Would start AKS cluster ${cluster.name}`);
    }
    await runLro(request, cluster.subscriptionId, 'managedClusters.start', async (abortSignal) => ({
      poller: await clients
        .containers(cluster.subscriptionId)
        .managedClusters.beginStart(cluster.resourceGroup, cluster.name, { abortSignal }),
    }));
    return {
      status: 'succeeded',
      message: `Started AKS cluster ${cluster.name}`,
      undo: { operation: 'container.cluster.stop', params: {} },
    };
  },
});
