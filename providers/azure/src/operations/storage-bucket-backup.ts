import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { armRead, armWrite, dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { storageTarget } from './storage-kit.ts';

const ID = 'storage.bucket.backup' as const;

/** The catalogue's params, with Azure's shape of what it narrows. */
const Params = operationParams(ID).extend({
  /** Set by the undo: the versioning setting to put back. */
  restore: z.object({ isVersioningEnabled: z.boolean() }).optional(),
});

/**
 * Protects a storage account's blobs by turning on blob versioning: every overwrite or delete
 * keeps the previous version (GET then PUT …/blobServices/default with isVersioningEnabled, the
 * rest of the blob service settings sent back as read, as `az storage account
 * blob-service-properties update` does). It guards against overwrites and deletes, not against
 * losing the account; that needs Azure Backup or object replication. The undo restores the old
 * setting.
 */
export const storageBucketBackup: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const { restore, enabled } = parseParams(Params, request, ID);
    const account = storageTarget(request, ID);
    const blob = clients.storage(account.subscriptionId).blobServices;
    const current = await armRead(request, account.subscriptionId, 'blobServices.getServiceProperties', () =>
      blob.getServiceProperties(account.resourceGroup, account.name, { abortSignal: request.signal }),
    );
    const before = current.isVersioningEnabled === true;
    const want = restore?.isVersioningEnabled ?? enabled ?? true;
    if (before === want) {
      const message = `Storage account ${account.name} already has blob versioning ${want ? 'on' : 'off'}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun)
      return dryRunOk(`Would turn blob versioning ${want ? 'on' : 'off'} on ${account.name}`);
    await armWrite(request, account.subscriptionId, 'blobServices.setServiceProperties', () =>
      blob.setServiceProperties(
        account.resourceGroup,
        account.name,
        { ...current, isVersioningEnabled: want },
        {
          abortSignal: request.signal,
        },
      ),
    );
    return {
      status: 'succeeded',
      message: `Turned blob versioning ${want ? 'on' : 'off'} on storage account ${account.name}`,
      undo: { operation: ID, params: { restore: { isVersioningEnabled: before } } },
    };
  },
});
