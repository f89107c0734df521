import type { OperationRequest } from '@escher/provider-api';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { AzureClients } from '../clients.ts';
import { armTargetOf, type ArmTarget } from './arm-target.ts';
import { armRead } from './operation-kit.ts';

/** The AKS cluster an operation targets. */
export function clusterTarget(request: OperationRequest, operation: string): ArmTarget {
  return armTargetOf(request.target, operation, ['Microsoft.ContainerService/managedClusters']);
}

/** GET …/managedClusters/{c}. */
export function readCluster(
  clients: AzureClients,
  request: OperationRequest,
  cluster: ArmTarget,
): Promise<ManagedCluster> {
  return armRead(request, cluster.subscriptionId, 'managedClusters.get', () =>
    clients.containers(cluster.subscriptionId).managedClusters.get(cluster.resourceGroup, cluster.name, {
      abortSignal: request.signal,
    }),
  );
}

/** `Running` / `Stopped`, and what a transition in flight says. */
export function powerOfCluster(cluster: ManagedCluster): string {
  const provisioning = cluster.provisioningState ?? '';
  return ['Starting', 'Stopping'].includes(provisioning)
    ? provisioning
    : (cluster.powerState?.code ?? 'Unknown');
}
