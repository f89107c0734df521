import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { armWrite, dryRunOk, type OperationFactory } from './operation-kit.ts';
import { readAccount, storageTarget } from './storage-kit.ts';

const ID = 'storage.bucket.encrypt';

/**
 * Turns on blob encryption at rest: PATCH …/storageAccounts/{a} with
 * `encryption.services.blob.enabled` true, keeping the account's key source (a customer-managed
 * key stays one). Azure has encrypted all new data since 2017 and does not let encryption be
 * turned off, so there is no undo.
 */
export const storageBucketEncrypt: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const account = storageTarget(request, ID);
    const current = await readAccount(clients, request, account);
    if (current.encryption?.services?.blob?.enabled === true) {
      const message = `Storage account ${account.name} already encrypts blobs`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    const keySource = current.encryption?.keySource ?? 'Microsoft.Storage';
    if (request.dryRun) return dryRunOk(`Would turn on blob encryption (${keySource}) on ${account.name}`);
    await armWrite(request, account.subscriptionId, 'storageAccounts.update', () =>
      clients
        .storage(account.subscriptionId)
        .storageAccounts.update(
          account.resourceGroup,
          account.name,
          { encryption: { keySource, services: { blob: { enabled: true, keyType: 'Account' } } } },
          { abortSignal: request.signal },
        ),
    );
    return {
      status: 'succeeded',
      message: `Turned on blob encryption (${keySource}) on storage account ${account.name}`,
    };
  },
});
