import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { armWrite, dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { readAccount, storageTarget } from './storage-kit.ts';

const ID = 'storage.bucket.restrict' as const;

/** The catalogue's params, with Azure's shape of what it narrows. */
const Params = operationParams(ID).extend({
  /** Set by the undo: the anonymous-access setting to put back. */
  restore: z.object({ allowBlobPublicAccess: z.boolean() }).optional(),
});

/**
 * Turns off anonymous (public) blob access on a storage account: PATCH …/storageAccounts/{a}
 * with allowBlobPublicAccess false. Account-wide, it overrides every container's public access
 * level, and it leaves network access and keys alone (clients with credentials keep working).
 * The undo is the same operation with `restore` holding the old value.
 */
export const storageBucketRestrict: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const { restore } = parseParams(Params, request, ID);
    const account = storageTarget(request, ID);
    const before = (await readAccount(clients, request, account)).allowBlobPublicAccess !== false;
    const want = restore?.allowBlobPublicAccess ?? false;
    if (before === want) {
      const message = `Storage account ${account.name} already has allowBlobPublicAccess ${String(want)}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun) return dryRunOk(`Would set allowBlobPublicAccess ${String(want)} on ${account.name}`);
    await armWrite(request, account.subscriptionId, 'storageAccounts.update', () =>
      clients
        .storage(account.subscriptionId)
        .storageAccounts.update(
          account.resourceGroup,
          account.name,
          { allowBlobPublicAccess: want },
          { abortSignal: request.signal },
        ),
    );
    return {
      status: 'succeeded',
      message: `Set allowBlobPublicAccess ${String(want)} on storage account ${account.name} (was ${String(before)})`,
      undo: { operation: ID, params: { restore: { allowBlobPublicAccess: before } } },
    };
  },
});
