import type { Resource } from '@escher/protocol';
import { mapLimit } from '@escher/provider-api';
import { normaliseStorageAccount } from '../normalise/storage-account.ts';
import { resourcesQuery } from '../resource-graph/graph-row.ts';
import { queryResources } from '../resource-graph/query-resources.ts';
import { getBlobService } from '../storage/get-blob-service.ts';
import { ARM_CONCURRENCY, armTarget, type DiscoveryContext } from './context.ts';

const QUERY = resourcesQuery(['Microsoft.Storage/storageAccounts']);

/** The `storage` service: storage accounts from Graph, each completed with its blob service settings. */
export async function* discoverStorage(ctx: DiscoveryContext): AsyncGenerator<Resource[]> {
  for await (const rows of queryResources(ctx.clients, ctx.subscriptionId, QUERY, ctx.options)) {
    const blobs = await mapLimit(rows, ARM_CONCURRENCY, (row) =>
      getBlobService(ctx.clients, ctx.subscriptionId, armTarget(row), ctx.options),
    );
    yield rows.flatMap((row, i) => normaliseStorageAccount(row, blobs[i]));
  }
}
