import { armContext, callAzure, type CallOptions } from '../arm/call.ts';
import { statusOf } from '../arm/azure-error.ts';
import type { AzureClients } from '../clients.ts';
import type { BlobServiceInfo } from '../normalise/storage-account.ts';

/** Statuses that mean "this account's blob service cannot be read", not "the sync failed". */
const UNREADABLE = new Set([400, 403, 404, 409]);

/**
 * Blob versioning and soft delete of one storage account
 * (GET …/storageAccounts/{a}/blobServices/default): Resource Graph does not carry blob service
 * settings. File-only accounts have no blob service and are not asked. An account whose blob
 * service cannot be read (no permission, gone since Graph's snapshot) comes back unknown.
 */
export async function getBlobService(
  clients: AzureClients,
  subscriptionId: string,
  account: { resourceGroup: string; name: string; kind?: string | null },
  options: CallOptions,
): Promise<BlobServiceInfo> {
  if ((account.kind ?? '').toLowerCase() === 'filestorage') return {};
  try {
    const service = await callAzure(
      options,
      armContext(subscriptionId, 'blobServices.getServiceProperties'),
      () =>
        clients
          .storage(subscriptionId)
          .blobServices.getServiceProperties(account.resourceGroup, account.name, {
            abortSignal: options.signal,
          }),
    );
    const retention = service.deleteRetentionPolicy;
    return {
      versioning: service.isVersioningEnabled === true,
      deleteRetentionDays: retention?.enabled ? (retention.days ?? 7) : 0,
    };
  } catch (error) {
    if (UNREADABLE.has(statusOf(error) ?? 0)) return {};
    throw error;
  }
}
