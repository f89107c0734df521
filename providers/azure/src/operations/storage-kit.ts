import type { OperationRequest } from '@escher/provider-api';
import type { StorageAccount } from '@azure/arm-storage';
import type { AzureClients } from '../clients.ts';
import { armTargetOf, type ArmTarget } from './arm-target.ts';
import { armRead } from './operation-kit.ts';

/** The storage account a storage.bucket operation targets. */
export function storageTarget(request: OperationRequest, operation: string): ArmTarget {
  return armTargetOf(request.target, operation, ['Microsoft.Storage/storageAccounts']);
}

/** GET …/storageAccounts/{a} (getProperties). */
export function readAccount(
  clients: AzureClients,
  request: OperationRequest,
  account: ArmTarget,
): Promise<StorageAccount> {
  return armRead(request, account.subscriptionId, 'storageAccounts.getProperties', () =>
    clients
      .storage(account.subscriptionId)
      .storageAccounts.getProperties(account.resourceGroup, account.name, {
        abortSignal: request.signal,
      }),
  );
}
