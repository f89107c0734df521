import { armContext, collectPages, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';

/** The regions a subscription can use (GET /subscriptions/{id}/locations), by code (`westus2`). */
export async function listLocations(
  clients: AzureClients,
  subscriptionId: string,
  options: CallOptions,
): Promise<string[]> {
  const locations = await collectPages(
    options,
    armContext(subscriptionId, 'subscriptions.listLocations'),
    () =>
      clients
        .subscriptions()
        .subscriptions.listLocations(subscriptionId, { abortSignal: options.signal })
        .byPage(),
  );
  return locations.flatMap((l) => (l.name ? [l.name] : []));
}
