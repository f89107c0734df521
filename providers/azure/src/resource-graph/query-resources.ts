import type { CallOptions } from '../arm/call.ts';
import { callAzure } from '../arm/call.ts';
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { AzureClients } from '../clients.ts';
import type { GraphRow } from './graph-row.ts';

/** ms-rest-js request options; its AbortSignalLike predates DOM's AbortSignal typings. */
type GraphRequestOptions = Parameters<ResourceGraphClient['resources']>[1];

/** Resource Graph's largest page. */
const PAGE_SIZE = 1000;

/**
 * Runs one Resource Graph query over one subscription and yields it page by page, following
 * `$skipToken` (POST /providers/Microsoft.ResourceGraph/resources). Each page is one gated call
 * against Resource Graph's own quota. Empty pages with a token (which Resource Graph serves now
 * and then) are followed, not taken as the end.
 */
export async function* queryResources(
  clients: AzureClients,
  subscriptionId: string,
  query: string,
  options: CallOptions,
): AsyncGenerator<GraphRow[]> {
  const client = clients.resourceGraph();
  let skipToken: string | undefined;
  do {
    const token = skipToken;
    const page = await callAzure(
      options,
      { account: subscriptionId, region: 'global', service: 'resourcegraph', operation: 'resources' },
      () =>
        client.resources(
          {
            subscriptions: [subscriptionId],
            query,
            options: { top: PAGE_SIZE, resultFormat: 'objectArray', ...(token ? { skipToken: token } : {}) },
          },
          { abortSignal: options.signal } as GraphRequestOptions,
        ),
    );
    const rows = Array.isArray(page.data) ? (page.data as GraphRow[]) : [];
    if (rows.length > 0) yield rows;
    skipToken = page.skipToken || undefined;
  } while (skipToken);
}
