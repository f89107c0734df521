import { armContext, callAzure, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';

/**
 * A Linux site's runtime from its configuration (GET …/sites/{s}/config/web), for Resource Graph
 * rows whose `siteConfig` came back without `linuxFxVersion`.
 */
export async function getSiteRuntime(
  clients: AzureClients,
  subscriptionId: string,
  site: { resourceGroup: string; name: string },
  options: CallOptions,
): Promise<string | undefined> {
  const config = await callAzure(options, armContext(subscriptionId, 'webApps.getConfiguration'), () =>
    clients
      .web(subscriptionId)
      .webApps.getConfiguration(site.resourceGroup, site.name, { abortSignal: options.signal }),
  );
  return config.linuxFxVersion || undefined;
}
