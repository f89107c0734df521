import type { Resource } from '@escher/protocol';
import { mapLimit } from '@escher/provider-api';
import { listVaultKeys } from '../keyvault/list-vault-keys.ts';
import { normaliseKeyVault } from '../normalise/key-vault.ts';
import { resourcesQuery } from '../resource-graph/graph-row.ts';
import { queryResources } from '../resource-graph/query-resources.ts';
import { ARM_CONCURRENCY, armTarget, type DiscoveryContext } from './context.ts';

const QUERY = resourcesQuery(['Microsoft.KeyVault/vaults']);

/** The `keyvault` service: vaults from Graph, each completed with its keys' rotation policies. */
export async function* discoverKeyVaults(ctx: DiscoveryContext): AsyncGenerator<Resource[]> {
  for await (const rows of queryResources(ctx.clients, ctx.subscriptionId, QUERY, ctx.options)) {
    const keys = await mapLimit(rows, ARM_CONCURRENCY, (row) =>
      listVaultKeys(ctx.clients, ctx.subscriptionId, armTarget(row), ctx.options),
    );
    yield rows.flatMap((row, i) => normaliseKeyVault(row, keys[i]));
  }
}
